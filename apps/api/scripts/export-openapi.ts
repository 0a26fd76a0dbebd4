// Writes the API's OpenAPI document, generated from the code, to the given file.
import { writeFileSync } from "node:fs";
import { openApiDocument } from "../src/app";

const out = process.argv[2];
if (!out) throw new Error("usage: export-openapi.ts <file>");
writeFileSync(out, `${JSON.stringify(openApiDocument(), null, 2)}\n`);
