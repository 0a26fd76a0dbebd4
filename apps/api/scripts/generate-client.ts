// Generates the typed client's inputs from the code: packages/api-client/openapi.json (the
// document the app serves) and src/schema.d.ts (openapi-typescript). `pnpm gen` runs this;
// apps/api/src/openapi-client.test.ts fails when the committed files differ from what it makes.
import { readFileSync, writeFileSync } from "node:fs";
import openapiTS, { astToString, COMMENT_HEADER } from "openapi-typescript";
import { openApiDocument } from "../src/app";

const clientDir = new URL("../../../packages/api-client/", import.meta.url);
export const clientFiles = {
  document: new URL("openapi.json", clientDir),
  types: new URL("src/schema.d.ts", clientDir),
};

export async function generateClientFiles() {
  const document = `${JSON.stringify(openApiDocument(), null, 2)}\n`;
  const ast = await openapiTS(JSON.parse(document));
  return { document, types: COMMENT_HEADER + astToString(ast) };
}

export function readCommittedClientFiles() {
  return { document: readFileSync(clientFiles.document, "utf8"), types: readFileSync(clientFiles.types, "utf8") };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const files = await generateClientFiles();
  writeFileSync(clientFiles.document, files.document);
  writeFileSync(clientFiles.types, files.types);
  console.log("packages/api-client: openapi.json en src/schema.d.ts bijgewerkt.");
}
