import { randomInt, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { encodeCursor } from "../schemas/common";
import { createTestContext, type TestContext } from "../test/harness";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

/** A municipality code no other test uses (GM9000–GM9999 are not real municipalities). */
const unusedMunicipality = () => `GM${randomInt(9000, 10000)}`;

/** Three organizations in one made-up municipality, plus one elsewhere; names sort as a, b, c. */
async function threeInOneMunicipality() {
  const code = unusedMunicipality();
  const tag = randomUUID().slice(0, 8);
  const a = await t.make.organization({ name: `Test ${tag} a`, municipalityCodes: [code] });
  const b = await t.make.organization({ name: `Test ${tag} b`, municipalityCodes: [code, "GM0202"] });
  const c = await t.make.organization({ name: `Test ${tag} c`, municipalityCodes: [code] });
  const elsewhere = await t.make.organization({ name: `Test ${tag} d`, municipalityCodes: ["GM0363"] });
  return { code, ours: [a, b, c], elsewhere };
}

describe("happy path", () => {
  test("the list is public and pages by cursor without overlap", async () => {
    const { code, ours, elsewhere } = await threeInOneMunicipality();
    const client = t.anonymous().client;
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const { data, response } = await client.GET("/organizations", {
        params: { query: { municipality: code, limit: 2, ...(cursor ? { cursor } : {}) } },
      });
      expect(response.status).toBe(200);
      expect(data?.data.length).toBeLessThanOrEqual(2);
      // A nextCursor only when there is more: never an empty page at the end.
      expect(data?.data.length).toBeGreaterThan(0);
      seen.push(...(data?.data ?? []).map((o) => o.id));
      cursor = data?.meta.nextCursor ?? undefined;
      pages++;
      expect(pages).toBeLessThan(100);
    } while (cursor);

    expect(new Set(seen).size).toBe(seen.length); // no overlap
    for (const o of ours) expect(seen.filter((id) => id === o.id)).toHaveLength(1);
    expect(seen).not.toContain(elsewhere.id);
    // Sorted by name: ours appear in order a, b, c.
    expect(seen.filter((id) => ours.some((o) => o.id === id))).toEqual(ours.map((o) => o.id));
  });

  test("limit=2 gives two items and a nextCursor; the next page continues after them", async () => {
    await threeInOneMunicipality();
    const client = t.anonymous().client;
    const first = await client.GET("/organizations", { params: { query: { limit: 2 } } });
    expect(first.response.status).toBe(200);
    expect(first.data?.data).toHaveLength(2);
    const nextCursor = first.data?.meta.nextCursor;
    expect(nextCursor).toEqual(expect.any(String));

    const second = await client.GET("/organizations", { params: { query: { limit: 2, cursor: nextCursor ?? "" } } });
    expect(second.response.status).toBe(200);
    expect(second.data?.data.length).toBeGreaterThan(0);
    const firstIds = first.data?.data.map((o) => o.id) ?? [];
    for (const o of second.data?.data ?? []) expect(firstIds).not.toContain(o.id);
  });

  test("the municipality filter includes national organizations", async () => {
    const { code, ours } = await threeInOneMunicipality();
    const national = await t.make.organization({ isNational: true, municipalityCodes: [] });
    const { data } = await t.anonymous().client.GET("/organizations", { params: { query: { municipality: code, limit: 100 } } });
    const ids = data?.data.map((o) => o.id) ?? [];
    expect(ids).toContain(national.id);
    for (const o of ours) expect(ids).toContain(o.id);
  });

  test("one organization by id, public, with its public fields", async () => {
    const org = await t.make.organization({
      description: "Schuldhulp in de wijk.",
      website: "https://example.org/wijk",
      municipalityCodes: ["GM0202"],
    });
    const { data, response } = await t.anonymous().client.GET("/organizations/{organizationId}", {
      params: { path: { organizationId: org.id } },
    });
    expect(response.status).toBe(200);
    expect(data).toEqual({
      id: org.id,
      slug: org.slug,
      name: org.name,
      kind: org.kind,
      description: "Schuldhulp in de wijk.",
      website: "https://example.org/wijk",
      email: null,
      phone: null,
      municipalityCodes: ["GM0202"],
      isNational: false,
      partnerLight: false,
    });
  });
});

describe("errors", () => {
  test.each([
    ["not base64 JSON", "!!!"],
    ["JSON of the wrong shape", encodeCursor(["only-one-part"])],
    ["JSON that is not an array", Buffer.from('{"a":1}').toString("base64url")],
  ])("a cursor that is %s is a problem+json 400", async (_what, cursor) => {
    const { response, error } = await t.anonymous().client.GET("/organizations", { params: { query: { cursor } } });
    expect(response.status).toBe(400);
    expect(response.headers.get("Content-Type")).toMatch(/^application\/problem\+json/);
    expect(error).toMatchObject({ status: 400, title: expect.any(String), detail: expect.any(String) });
  });

  test.each(["0202", "GM202", "gm0202", "GM02020", "Arnhem"])(
    "municipality %s (not a GM code) is 400 naming query.municipality",
    async (municipality) => {
      const { response, error } = await t.anonymous().client.GET("/organizations", { params: { query: { municipality } } });
      expect(response.status).toBe(400);
      expect(error?.invalidParams?.map((p) => p.name)).toEqual(["query.municipality"]);
    },
  );

  test.each([0, 101, -1])("limit %s is 400 naming query.limit", async (limit) => {
    const { response, error } = await t.anonymous().client.GET("/organizations", { params: { query: { limit } } });
    expect(response.status).toBe(400);
    expect(error?.invalidParams?.map((p) => p.name)).toEqual(["query.limit"]);
  });

  test("an unknown uuid is a problem+json 404", async () => {
    const { response, error } = await t.anonymous().client.GET("/organizations/{organizationId}", {
      params: { path: { organizationId: randomUUID() } },
    });
    expect(response.status).toBe(404);
    expect(response.headers.get("Content-Type")).toMatch(/^application\/problem\+json/);
    expect(error).toMatchObject({ status: 404 });
  });

  test("an id that is not a uuid is 400 naming param.organizationId", async () => {
    const { response, error } = await t.anonymous().client.GET("/organizations/{organizationId}", {
      params: { path: { organizationId: "opr-echt" } },
    });
    expect(response.status).toBe(400);
    expect(error?.invalidParams?.map((p) => p.name)).toEqual(["param.organizationId"]);
  });
});

describe("authorisation", () => {
  test("listing and reading need no session and set no cookie", async () => {
    const org = await t.make.organization();
    const list = await t.anonymous().client.GET("/organizations", { params: { query: { limit: 1 } } });
    expect(list.response.status).toBe(200);
    expect(list.response.headers.getSetCookie()).toEqual([]);
    const one = await t.anonymous().client.GET("/organizations/{organizationId}", {
      params: { path: { organizationId: org.id } },
    });
    expect(one.response.status).toBe(200);
    expect(one.response.headers.getSetCookie()).toEqual([]);
  });

  test("the public organization never exposes its members", async () => {
    const { organization } = await t.organizationWithStaff();
    const res = await t.app.request(`/api/v1/organizations/${organization.id}`);
    const text = await res.text();
    expect(text).not.toMatch(/@test\.example/);
    expect(text).not.toMatch(/member/i);
  });
});
