import { describe, expect, test } from "vitest";
import { generateClientFiles, readCommittedClientFiles } from "../scripts/generate-client";

describe("typed client", () => {
  test("the committed openapi.json and schema.d.ts match the code (run `pnpm gen` when this fails)", async () => {
    const generated = await generateClientFiles();
    const committed = readCommittedClientFiles();
    expect(committed.document, "packages/api-client/openapi.json is stale").toBe(generated.document);
    expect(committed.types, "packages/api-client/src/schema.d.ts is stale").toBe(generated.types);
  });
});
