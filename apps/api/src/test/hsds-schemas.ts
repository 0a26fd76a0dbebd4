import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { expect } from "vitest";

const FIXTURES = new URL("../../test-fixtures/hsds/", import.meta.url);

export type HsdsSchemaName = "service" | "organization" | "service_list" | "organization_list";

/** An official HSDS example from apps/api/test-fixtures/hsds/examples. */
export function hsdsExample(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`examples/${name}`, FIXTURES), "utf8"));
}

/**
 * The official compiled HSDS 3.0 schemas (JSON Schema 2020-12, the dialect HSDS's OpenAPI
 * declares), with formats (uuid, email, uri, date-time) checked. Not strict: the schemas carry
 * HSDS's own keywords (constraints, datapackage_metadata, …). Compiling takes a few seconds.
 */
export function hsdsValidators() {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const compile = (name: HsdsSchemaName) =>
    ajv.compile(JSON.parse(readFileSync(new URL(`schema/${name}.json`, FIXTURES), "utf8")) as object);
  const validators = {
    service: compile("service"),
    organization: compile("organization"),
    service_list: compile("service_list"),
    organization_list: compile("organization_list"),
  };
  /** Asserts that `value` is a valid HSDS object of the given schema, listing every error if not. */
  return function expectValid(schema: HsdsSchemaName, value: unknown) {
    const validate = validators[schema];
    const ok = validate(value);
    expect(ok, `${schema}: ${ajv.errorsText(validate.errors, { separator: "\n" })}`).toBe(true);
  };
}
