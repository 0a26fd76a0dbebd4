import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestContext, type TestContext } from "../test/harness";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

describe("getHealth", () => {
  test("reports the database reachable, with the API-Version and security headers", async () => {
    const { data, response } = await t.anonymous().client.GET("/health");
    expect(response.status).toBe(200);
    expect(data).toEqual({ status: "ok", database: "reachable" });
    expect(response.headers.get("API-Version")).toBe("1.0.0");
    expect(response.headers.get("Cache-Control")).toBe("no-store");
  });

  test("a trailing slash is a problem+json 404, not a redirect", async () => {
    const res = await t.app.request("/api/v1/health/");
    expect(res.status).toBe(404);
    expect(res.headers.get("Content-Type")).toMatch(/^application\/problem\+json/);
    expect(res.headers.get("API-Version")).toBe("1.0.0");
  });
});
