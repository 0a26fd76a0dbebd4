/**
 * The NL API Design Rules as they apply across every route: the OpenAPI document, the security
 * and version headers on every response, problem+json errors, and no internals in error bodies.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { API_VERSION } from "../lib/openapi";
import { browserClient, createTestContext, TEST_PASSWORD, type TestContext } from "../test/harness";

let t: TestContext;
/** A second world whose database is closed before any request: every query fails. */
let broken: TestContext;

beforeAll(async () => {
  t = await createTestContext();
  broken = await createTestContext();
  await broken.close();
});
afterAll(() => t.close());

const uniqueAddress = () => `2001:db8:a91::${randomUUID().slice(0, 4)}:${randomUUID().slice(0, 4)}`;

/** Text that would betray the stack, the database or the code behind an error. */
const LEAKS = [
  /\bat\s+\S+\s+\(/, // stack frame
  /\.(ts|js|mjs):\d+/,
  /node_modules/,
  /\bselect\b.*\bfrom\b/i,
  /\binsert into\b/i,
  /\bpostgres|pglite|drizzle\b/i,
  /\b(Type|Reference|Syntax)?Error:/,
  /CONNECTION_ENDED|ECONNREFUSED/,
];

function expectSecurityHeaders(res: Response, { api = true } = {}) {
  const h = res.headers;
  expect(h.get("API-Version"), "API-Version").toBe(API_VERSION);
  const hsts = h.get("Strict-Transport-Security") ?? "";
  expect(Number(/max-age=(\d+)/.exec(hsts)?.[1] ?? 0), `HSTS: ${hsts}`).toBeGreaterThanOrEqual(31_536_000);
  expect(h.get("Content-Security-Policy"), "CSP").toContain("frame-ancestors 'none'");
  expect(h.get("X-Frame-Options")).toBe("DENY");
  expect(h.get("X-Content-Type-Options")).toBe("nosniff");
  expect(h.get("Referrer-Policy"), "Referrer-Policy").toBeTruthy();
  if (api) expect(h.get("Cache-Control")).toBe("no-store");
}

/** A problem+json response of the given status, with the security headers and nothing internal in it. */
async function expectProblem(res: Response, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers.get("Content-Type")).toMatch(/^application\/problem\+json/);
  expectSecurityHeaders(res);
  const text = await res.text();
  for (const leak of LEAKS) expect(text, `error body leaks ${leak}`).not.toMatch(leak);
  const body = JSON.parse(text) as Record<string, unknown>;
  expect(body).toMatchObject({
    type: expect.stringMatching(/^https?:\/\//),
    title: expect.any(String),
    status,
    detail: expect.any(String),
  });
  expect(body).not.toHaveProperty("stack");
  return body;
}

const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: "POST",
  headers: { "Content-Type": "application/json", ...headers },
  body: JSON.stringify(body),
});

describe("happy path", () => {
  test("GET /openapi.json is public OpenAPI 3.1 with contact, semver version, /api/v1 server and CORS *", async () => {
    const res = await t.app.request("/api/v1/openapi.json", { headers: { Origin: "https://elders.example" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expectSecurityHeaders(res);
    const doc = (await res.json()) as {
      openapi: string;
      info: { version: string; contact?: { name?: string; email?: string; url?: string } };
      servers: { url: string }[];
      paths: Record<string, unknown>;
    };
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info.contact).toBeDefined();
    expect(doc.info.contact?.email ?? doc.info.contact?.url).toBeTruthy();
    expect(doc.info.version).toMatch(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/);
    expect(doc.info.version).toBe(API_VERSION);
    expect(doc.servers.map((s) => s.url)).toEqual(["/api/v1"]);
    expect(Object.keys(doc.paths)).toContain("/organizations");
  });

  test("GET /openapi.json works without any Origin as well", async () => {
    const res = await t.app.request("/api/v1/openapi.json");
    expect(res.status).toBe(200);
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
  });

  test("GET /docs is an HTML page loading Swagger UI from our own origin, with the security headers", async () => {
    const res = await t.app.request("/api/v1/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/^text\/html/);
    expectSecurityHeaders(res, { api: false });
    const html = await res.text();
    expect(html).toMatch(/swagger-ui/i);
    expect(html).toContain("/api/v1/docs/swagger-ui-bundle.js");
    expect(html).not.toMatch(/https?:\/\/(cdn|unpkg|cdnjs)/);

    const init = await t.app.request("/api/v1/docs/init.js");
    expect(init.status).toBe(200);
    expect(await init.text()).toContain("/api/v1/openapi.json");
    expectSecurityHeaders(init, { api: false });

    const css = await t.app.request("/api/v1/docs/swagger-ui.css");
    expect(css.status).toBe(200);
    expectSecurityHeaders(css, { api: false });
  });

  test("a success response through the typed client carries every header", async () => {
    const { response } = await t.anonymous().client.GET("/organizations", { params: { query: { limit: 1 } } });
    expect(response.status).toBe(200);
    expectSecurityHeaders(response);
  });

  test("a JSON body with a charset or a +json type is accepted", async () => {
    const withCharset = await t.app.request(
      "/api/v1/auth/login",
      json(
        { email: "nobody@test.example", password: "x" },
        { "Content-Type": "application/json; charset=utf-8", "X-Forwarded-For": uniqueAddress() },
      ),
    );
    expect(withCharset.status).toBe(401);
    const plusJson = await t.app.request(
      "/api/v1/auth/login",
      json(
        { email: "nobody@test.example", password: "x" },
        { "Content-Type": "application/merge-patch+json", "X-Forwarded-For": uniqueAddress() },
      ),
    );
    expect(plusJson.status).toBe(401);
  });
});

describe("errors", () => {
  test("an unknown path is a problem+json 404 with every header", async () => {
    const body = await expectProblem(await t.app.request("/api/v1/does-not-exist"), 404);
    expect(body.instance).toBe("/api/v1/does-not-exist");
  });

  test("a trailing slash is a 404, not a redirect", async () => {
    await expectProblem(await t.app.request("/api/v1/organizations/"), 404);
    await expectProblem(await t.app.request("/api/v1/openapi.json/"), 404);
  });

  test("a 400 lists every validation issue in invalidParams, named by place", async () => {
    const res = await t.app.request("/api/v1/auth/login", json({ email: "geen-adres" }));
    const body = await expectProblem(res, 400);
    const params = body.invalidParams as { name: string; code: string; reason: string }[];
    expect(params).toHaveLength(2);
    expect(params.map((p) => p.name).sort()).toEqual(["body.email", "body.password"]);
    for (const p of params) {
      expect(p.code).toBeTruthy();
      expect(p.reason).toBeTruthy();
    }
  });

  test("the typed client sees the same 400 with both issues", async () => {
    const { response, error } = await t.anonymous().client.POST("/auth/login", { body: { email: "geen-adres", password: "" } });
    expect(response.status).toBe(400);
    expect(error?.invalidParams?.map((p) => p.name).sort()).toEqual(["body.email", "body.password"]);
  });

  test("query parameters are validated too, named query.*", async () => {
    const res = await t.app.request("/api/v1/organizations?limit=0&municipality=Arnhem");
    const body = await expectProblem(res, 400);
    const names = (body.invalidParams as { name: string }[]).map((p) => p.name).sort();
    expect(names).toEqual(["query.limit", "query.municipality"]);
  });

  test("malformed JSON is a problem+json 400", async () => {
    const res = await t.app.request("/api/v1/auth/login", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: '{"email": "a@b.example", "password": ',
    });
    await expectProblem(res, 400);
  });

  test.each([
    ["text/plain", "email=a@b.example"],
    ["application/x-www-form-urlencoded", "email=a%40b.example&password=x"],
    ["multipart/form-data; boundary=x", "--x--"],
  ])("a %s body is a problem+json 415 naming application/json", async (type, body) => {
    const res = await t.app.request("/api/v1/auth/login", { method: "POST", headers: { "Content-Type": type }, body });
    await expectProblem(res, 415);
    expect(res.headers.get("Accept-Post")).toBe("application/json");
  });

  test("too many failed sign-ins is a problem+json 429 with Retry-After", async () => {
    const address = uniqueAddress();
    let last: Response | undefined;
    for (let i = 0; i < 6; i++) {
      last = await t.app.request(
        "/api/v1/auth/login",
        json({ email: `onbekend-${randomUUID()}@test.example`, password: "fout" }, { "X-Forwarded-For": address }),
      );
    }
    // 6 failures on one address is under the address limit; use one account and address for the pair limit.
    const email = `throttle-${randomUUID()}@test.example`;
    const from = uniqueAddress();
    for (let i = 0; i < 6; i++) {
      last = await t.app.request("/api/v1/auth/login", json({ email, password: "fout" }, { "X-Forwarded-For": from }));
    }
    expect(last).toBeDefined();
    await expectProblem(last as Response, 429);
    expect(Number(last?.headers.get("Retry-After"))).toBeGreaterThan(0);
  });

  test("a failing database is a problem+json 503 on /health, without SQL or a stack trace", async () => {
    const res = await broken.app.request("/api/v1/health");
    const body = await expectProblem(res, 503);
    expect(body.instance).toBe("/api/v1/health");
  });

  // A closed postgres.js client says its connection ended: the database is unreachable (503, ADR
  // 0026). A closed PGlite throws an error without a code: an unexpected error (500).
  const closedStatus = process.env.DATABASE_URL ? 503 : 500;

  test("a closed database is a generic problem+json 503 (PostgreSQL) or 500 (PGlite), without SQL or a stack trace", async () => {
    const body = await expectProblem(await broken.app.request("/api/v1/organizations?limit=5"), closedStatus);
    expect(body.detail).not.toMatch(/closed|ended|connection/i);

    const viaClient = await browserClient(broken.app).client.GET("/organizations/{organizationId}", {
      params: { path: { organizationId: randomUUID() } },
    });
    expect(viaClient.response.status).toBe(closedStatus);
    expect(viaClient.error).toMatchObject({ status: closedStatus, title: expect.any(String), detail: expect.any(String) });
  });

  test("signing in against a failing database is a 5xx without internals", async () => {
    const res = await broken.app.request(
      "/api/v1/auth/login",
      json({ email: "a@test.example", password: TEST_PASSWORD }, { "X-Forwarded-For": uniqueAddress() }),
    );
    await expectProblem(res, closedStatus);
  });
});

describe("authorisation", () => {
  test("401 without a session is problem+json with every header", async () => {
    const { response, error } = await t.anonymous().client.GET("/me");
    expect(response.status).toBe(401);
    expect(error).toMatchObject({ status: 401 });
    await expectProblem(await t.app.request("/api/v1/me"), 401);
  });

  test("a foreign Origin on a signed-in write is a problem+json 403", async () => {
    const org = await t.make.organization();
    const { user } = await t.make.member(org.id, "worker");
    const browser = await t.signedIn(user.email, { address: uniqueAddress() });
    const res = await t.app.request("/api/v1/auth/logout", {
      method: "POST",
      headers: { Origin: "https://evil.example", Cookie: `schakel_session=${browser.jar.get("schakel_session")}` },
    });
    await expectProblem(res, 403);
  });
});
