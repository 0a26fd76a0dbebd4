import { describe, expect, test } from "vitest";

// The API's schemas are core's schemas with metadata. Check the two things that rest on:
// `.openapi()` from @hono/zod-openapi works on schemas made with core's `zod` import, and the
// refinements still run inside the API's request validation.
//
// Core loads first, as in app.ts: its schemas exist before @hono/zod-openapi extends zod, so
// they lack `.openapi()` themselves (hence the copies in document.ts). Dynamic imports keep
// that order whatever the import sorter does.
const { ResidentCreateSchema: CoreResidentCreate, PostcodeRangeSchema } = await import("@schakel/core");
const { createRoute, z } = await import("@hono/zod-openapi");
const { createRouter } = await import("../lib/openapi");
const { createErrorHandler } = await import("../lib/problem");
const { documented, documentInner, withMetadata } = await import("./document");

const Documented = documented(CoreResidentCreate, {
  organizationId: { description: "Organization", example: "3f2b8c1e-6d7a-4b5c-9e0f-1a2b3c4d5e6f" },
  name: { description: "Name", example: "Sam Jansen" },
  birthDate: { description: "Birth date", example: "2003-05-14" },
  birthYear: { description: "Birth year", example: 2003 },
  address: { description: "Address", example: "Voorbeeldstraat 12" },
  postcode: { description: "Postcode", example: "6811 AB" },
  phone: { description: "Phone", example: "06-12345678" },
  email: { description: "E-mail", example: "sam@example.org" },
  preferredChannel: { description: "Channel", example: "whatsapp" },
  language: { description: "Language", example: "nl" },
}).openapi("DocumentedResident");

const Ranges = z
  .object({ ranges: documentInner(z.array(PostcodeRangeSchema).max(2), (o) => withMetadata(o, "DocumentedRange")) })
  .openapi("DocumentedRanges");

function app() {
  const router = createRouter();
  router.onError(createErrorHandler(() => {}));
  const route = (path: string, schema: import("@hono/zod-openapi").z.ZodType) =>
    createRoute({
      method: "post",
      path,
      request: { body: { required: true, content: { "application/json": { schema } } } },
      responses: { 204: { description: "Valid" } },
    });
  return router
    .openapi(route("/residents", Documented), (c) => c.body(null, 204))
    .openapi(route("/ranges", Ranges), (c) => c.body(null, 204));
}

async function post(path: string, body: unknown) {
  const response = await app().request(path, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, type: response.headers.get("content-type"), body: await response.json().catch(() => null) };
}

const org = "3f2b8c1e-6d7a-4b5c-9e0f-1a2b3c4d5e6f";

describe("core schemas in the API", () => {
  test("a core schema made before @hono/zod-openapi loaded has no .openapi(), its documented copy does", () => {
    expect("openapi" in PostcodeRangeSchema).toBe(false);
    const copy = withMetadata(PostcodeRangeSchema, "Range", { description: "A range" });
    expect(typeof copy.openapi).toBe("function");
    expect(copy.safeParse({ from: 6846, to: 6811 }).error?.issues[0]?.message).toBe(
      "Het begin van het postcodebereik moet voor het einde liggen.",
    );
  });

  test(".openapi() adds metadata and a component name to a core schema", () => {
    const doc = app().getOpenAPI31Document({ openapi: "3.1.0", info: { title: "t", version: "1" } });
    const resident = doc.components?.schemas?.DocumentedResident as { properties: Record<string, object>; required: string[] };
    expect(resident.properties.name).toMatchObject({ type: "string", minLength: 1, maxLength: 200, description: "Name" });
    expect(resident.properties.postcode).toMatchObject({ description: "Postcode", example: "6811 AB" });
    expect(resident.required).toEqual(expect.arrayContaining(["organizationId", "name"]));
    const ranges = doc.components?.schemas?.DocumentedRanges as { properties: { ranges: object } };
    expect(ranges.properties.ranges).toEqual({
      type: "array",
      maxItems: 2,
      items: { $ref: "#/components/schemas/DocumentedRange" },
    });
  });

  test("a valid body passes", async () => {
    expect((await post("/residents", { organizationId: org, name: "Sam" })).status).toBe(204);
    expect((await post("/ranges", { ranges: [{ from: 6811, to: 6846 }] })).status).toBe(204);
  });

  test("each broken field rule is named in invalidParams of one problem+json 400", async () => {
    const res = await post("/residents", { organizationId: org, name: "", postcode: "68" });
    expect(res.status).toBe(400);
    expect(res.type).toMatch(/^application\/problem\+json/);
    expect(res.body.invalidParams).toEqual([
      { name: "body.name", code: "too_small", reason: "Vul de naam in." },
      { name: "body.postcode", code: "invalid_format", reason: "Vul een postcode in zoals 6811 AB." },
    ]);
  });

  test("a refinement across fields still runs, at the field it concerns", async () => {
    const res = await post("/residents", { organizationId: org, name: "Sam", birthDate: "2003-05-14", birthYear: 2003 });
    expect(res.status).toBe(400);
    expect(res.body.invalidParams).toEqual([
      { name: "body.birthYear", code: "custom", reason: "Geef een geboortedatum óf een geboortejaar, niet allebei." },
    ]);
    const nested = await post("/ranges", { ranges: [{ from: 6846, to: 6811 }] });
    expect(nested.body.invalidParams).toEqual([
      { name: "body.ranges.0.to", code: "custom", reason: "Het begin van het postcodebereik moet voor het einde liggen." },
    ]);
  });
});
