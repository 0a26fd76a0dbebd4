import { createHash, randomUUID } from "node:crypto";
import { SESSION_ABSOLUTE_TIMEOUT_MS } from "@schakel/core";
import { memberships, sessions } from "@schakel/db";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { browserClient, createTestContext, TEST_PASSWORD, type TestContext } from "../test/harness";

const COOKIE = "schakel_session";
const MINUTE = 60 * 1000;

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

/** An address no other test (in any file) signs in from, so address throttling never interferes. */
const uniqueAddress = () => `2001:db8:a17::${randomUUID().slice(0, 4)}:${randomUUID().slice(0, 4)}`;
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/** A browser of its own, from an address of its own. */
const browser = (options: { origin?: string | null } = {}) => browserClient(t.app, { address: uniqueAddress(), ...options });

/** An active worker of a fresh organization. */
async function account() {
  const organization = await t.make.organization();
  const { user, membership } = await t.make.member(organization.id, "worker");
  return { organization, user, membership };
}

async function login(b: ReturnType<typeof browser>, email: string, password = TEST_PASSWORD) {
  return b.client.POST("/auth/login", { body: { email, password } });
}

/** A browser with another browser's cookies but its own Origin behaviour. */
function sameCookies(from: ReturnType<typeof browser>, options: { origin?: string | null } = {}) {
  const other = browser(options);
  for (const [k, v] of from.jar) other.jar.set(k, v);
  return other;
}

async function sessionRow(token: string) {
  const [row] = await t.db
    .select()
    .from(sessions)
    .where(eq(sessions.id, sha256(token)));
  return row;
}

/** Moves the session's idle expiry to 10 minutes from now (its second half); returns that moment. */
async function expireSoon(token: string) {
  const soon = new Date(Date.now() + 10 * MINUTE);
  await t.db
    .update(sessions)
    .set({ expiresAt: soon })
    .where(eq(sessions.id, sha256(token)));
  return soon;
}

describe("happy path", () => {
  test("signing in sets an HttpOnly, SameSite=Lax, Path=/ cookie (not Secure outside production) and returns me", async () => {
    const { user, organization } = await account();
    const b = browser();
    const { data, response } = await login(b, user.email);
    expect(response.status).toBe(200);
    const setCookies = response.headers.getSetCookie();
    expect(setCookies).toHaveLength(1);
    const cookie = setCookies[0] ?? "";
    expect(cookie).toMatch(new RegExp(`^${COOKIE}=[A-Za-z0-9_-]{20,};`));
    const attrs = cookie
      .split(";")
      .slice(1)
      .map((a) => a.trim().toLowerCase());
    expect(attrs).toContain("httponly");
    expect(attrs).toContain("samesite=lax");
    expect(attrs).toContain("path=/");
    expect(attrs).not.toContain("secure");
    expect(attrs.some((a) => a.startsWith("domain="))).toBe(false);
    expect(data).toEqual({
      user: { id: user.id, name: user.name, email: user.email },
      memberships: [{ organizationId: organization.id, organizationName: organization.name, role: "worker" }],
      networkAdmin: false,
      secondFactor: { enabled: false, required: false, recoveryCodesLeft: 0 },
    });
  });

  test("GET /me returns the signed-in user and their active memberships", async () => {
    const { user, organization } = await account();
    const second = await t.make.organization({ name: `Aaa eerste ${randomUUID().slice(0, 6)}` });
    await t.db.insert(memberships).values({ userId: user.id, organizationId: second.id, role: "admin", status: "active" });
    const invitedOnly = await t.make.organization();
    await t.db.insert(memberships).values({ userId: user.id, organizationId: invitedOnly.id, role: "worker", status: "invited" });
    const b = browser();
    await login(b, user.email);
    const { data, response } = await b.client.GET("/me");
    expect(response.status).toBe(200);
    expect(data?.user).toEqual({ id: user.id, name: user.name, email: user.email });
    // Active memberships only, sorted by organization name.
    expect(data?.memberships).toEqual([
      { organizationId: second.id, organizationName: second.name, role: "admin" },
      { organizationId: organization.id, organizationName: organization.name, role: "worker" },
    ]);
  });

  test("the e-mail address is matched case-insensitively", async () => {
    const { user } = await account();
    const { response } = await login(browser(), user.email.toUpperCase());
    expect(response.status).toBe(200);
  });

  test("spaces around a pasted e-mail address are ignored", async () => {
    const { user } = await account();
    const { response } = await login(browser(), `  ${user.email} `);
    expect(response.status).toBe(200);
  });

  test("the database stores only the SHA-256 hex of the cookie token, never the token itself", async () => {
    const { user } = await account();
    const b = browser();
    await login(b, user.email);
    const token = b.jar.get(COOKIE) ?? "";
    expect(token.length).toBeGreaterThanOrEqual(20);
    const row = await sessionRow(token);
    expect(row?.id).toMatch(/^[0-9a-f]{64}$/);
    expect(row?.userId).toBe(user.id);

    // Search every table's every row for the raw token.
    const tables = await t.db.execute<{ table_name: string }>(
      sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
    );
    const names = (Array.isArray(tables) ? tables : (tables as unknown as { rows: { table_name: string }[] }).rows).map(
      (r) => r.table_name,
    );
    expect(names).toContain("sessions");
    for (const name of names) {
      const found = await t.db.execute(
        sql`select 1 from ${sql.identifier(name)} as x where position(${token} in x::text) > 0 limit 1`,
      );
      const rows = Array.isArray(found) ? found : (found as unknown as { rows: unknown[] }).rows;
      expect(rows, `token found in table ${name}`).toHaveLength(0);
    }
  });

  test("every sign-in starts a new session and ends the browser's earlier one", async () => {
    const { user } = await account();
    const b = browser();
    await login(b, user.email);
    const first = b.jar.get(COOKIE) ?? "";
    const firstBrowser = sameCookies(b);

    const { response } = await login(b, user.email);
    expect(response.status).toBe(200);
    const second = b.jar.get(COOKIE) ?? "";
    expect(second).not.toBe(first);
    expect(second.length).toBeGreaterThanOrEqual(20);

    expect((await b.client.GET("/me")).response.status).toBe(200);
    expect((await firstBrowser.client.GET("/me")).response.status).toBe(401);
    expect(await sessionRow(first)).toBeUndefined();
  });

  test("signing in in two browsers gives two independent sessions", async () => {
    const { user } = await account();
    const a = browser();
    const b = browser();
    await login(a, user.email);
    await login(b, user.email);
    expect(a.jar.get(COOKIE)).not.toBe(b.jar.get(COOKIE));
    expect((await a.client.GET("/me")).response.status).toBe(200);
    expect((await b.client.GET("/me")).response.status).toBe(200);
  });

  test("logout is 204, clears the cookie and ends the session on the server", async () => {
    const { user } = await account();
    const b = browser();
    await login(b, user.email);
    const token = b.jar.get(COOKIE) ?? "";
    const oldCookie = sameCookies(b);

    const { response } = await b.client.POST("/auth/logout");
    expect(response.status).toBe(204);
    const cleared = response.headers.getSetCookie().find((c) => c.startsWith(`${COOKIE}=`)) ?? "";
    expect(cleared).toMatch(new RegExp(`^${COOKIE}=;`));
    expect(cleared.toLowerCase()).toContain("max-age=0");
    expect(b.jar.has(COOKIE)).toBe(false);

    expect(await sessionRow(token)).toBeUndefined();
    expect((await oldCookie.client.GET("/me")).response.status).toBe(401);
  });

  test("a session used in the second half of its idle window is extended and the cookie re-sent", async () => {
    const { user } = await account();
    const b = browser();
    await login(b, user.email);
    const token = b.jar.get(COOKIE) ?? "";

    // Fresh: no cookie re-sent on use.
    const fresh = await b.client.GET("/me");
    expect(fresh.response.status).toBe(200);
    expect(fresh.response.headers.getSetCookie()).toEqual([]);

    const soon = await expireSoon(token);

    const { response } = await b.client.GET("/me");
    expect(response.status).toBe(200);
    const resent = response.headers.getSetCookie();
    expect(resent).toHaveLength(1);
    expect(resent[0]).toMatch(new RegExp(`^${COOKIE}=${token};`));
    const row = await sessionRow(token);
    expect(row?.expiresAt.getTime()).toBeGreaterThan(soon.getTime() + 10 * MINUTE);
  });

  test("GET /auth/session says when the session ends: 30 minutes after the last use, 12 hours after sign-in at most", async () => {
    const { user } = await account();
    const b = browser();
    await login(b, user.email);
    const before = Date.now();
    const { data, response } = await b.client.GET("/auth/session");
    expect(response.status).toBe(200);
    const expiresAt = Date.parse(data?.expiresAt ?? "");
    const absoluteExpiresAt = Date.parse(data?.absoluteExpiresAt ?? "");
    expect(expiresAt).toBeGreaterThan(before + 29 * MINUTE);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 30 * MINUTE);
    expect(absoluteExpiresAt - t.clock.now().getTime()).toBeGreaterThan(SESSION_ABSOLUTE_TIMEOUT_MS - MINUTE);
    expect(absoluteExpiresAt - t.clock.now().getTime()).toBeLessThanOrEqual(SESSION_ABSOLUTE_TIMEOUT_MS);
  });

  test("a request marked Schakel-Activity: background never extends the session; the next real use does", async () => {
    const { user } = await account();
    const b = browser();
    await login(b, user.email);
    const token = b.jar.get(COOKIE) ?? "";
    const soon = await expireSoon(token);

    const background = { headers: { "Schakel-Activity": "background" } };
    for (const call of [() => b.client.GET("/notifications", background), () => b.client.GET("/auth/session", background)]) {
      const { response } = await call();
      expect(response.status).toBe(200);
      expect(response.headers.getSetCookie()).toEqual([]);
      expect((await sessionRow(token))?.expiresAt.getTime()).toBe(soon.getTime());
    }
    const { data } = await b.client.GET("/auth/session", background);
    expect(Date.parse(data?.expiresAt ?? "")).toBe(soon.getTime());

    const { data: used } = await b.client.GET("/auth/session");
    expect(Date.parse(used?.expiresAt ?? "")).toBeGreaterThan(soon.getTime() + 10 * MINUTE);
    expect((await sessionRow(token))?.expiresAt.getTime()).toBeGreaterThan(soon.getTime() + 10 * MINUTE);
  });

  test("a write can not pass for background: it extends the session as every use does", async () => {
    const { user } = await account();
    const b = browser();
    await login(b, user.email);
    const token = b.jar.get(COOKIE) ?? "";
    const soon = await expireSoon(token);
    const { response } = await b.client.POST("/notifications/read-all", { headers: { "Schakel-Activity": "background" } });
    expect(response.status).toBeLessThan(300);
    expect((await sessionRow(token))?.expiresAt.getTime()).toBeGreaterThan(soon.getTime() + 10 * MINUTE);
  });

  test("in production the cookie is __Host-schakel_session and Secure", async () => {
    const prod = await createTestContext({ config: { production: true } });
    try {
      const organization = await prod.make.organization();
      const { user } = await prod.make.member(organization.id, "worker");
      const b = browserClient(prod.app, { address: uniqueAddress() });
      const { response } = await b.client.POST("/auth/login", { body: { email: user.email, password: TEST_PASSWORD } });
      expect(response.status).toBe(200);
      const cookie = response.headers.getSetCookie()[0] ?? "";
      expect(cookie).toMatch(/^__Host-schakel_session=[A-Za-z0-9_-]{20,};/);
      const attrs = cookie
        .split(";")
        .slice(1)
        .map((a) => a.trim().toLowerCase());
      expect(attrs).toContain("secure");
      expect(attrs).toContain("httponly");
      expect(attrs).toContain("path=/");
      expect(attrs).toContain("samesite=lax");
      expect(attrs.some((a) => a.startsWith("domain="))).toBe(false);
      expect(b.jar.has(COOKIE)).toBe(false);

      expect((await b.client.GET("/me")).response.status).toBe(200);
      // The development cookie name means nothing in production.
      const wrongName = browserClient(prod.app, { address: uniqueAddress() });
      wrongName.jar.set(COOKIE, b.jar.get("__Host-schakel_session") ?? "");
      expect((await wrongName.client.GET("/me")).response.status).toBe(401);
    } finally {
      await prod.close();
    }
  });
});

describe("errors", () => {
  test("a wrong password is 401 with exactly the answer an unknown account gets", async () => {
    const { user } = await account();
    const wrong = await login(browser(), user.email, "niet-het-goede-wachtwoord");
    const unknown = await login(browser(), `onbekend-${randomUUID()}@test.example`, TEST_PASSWORD);
    expect(wrong.response.status).toBe(401);
    expect(unknown.response.status).toBe(401);
    expect(wrong.response.headers.get("Content-Type")).toMatch(/^application\/problem\+json/);
    expect(wrong.error).toEqual(unknown.error);
    expect(wrong.error).toMatchObject({ status: 401, title: expect.any(String), detail: expect.any(String) });
    expect(wrong.response.headers.getSetCookie()).toEqual([]);
  });

  test("an account without an active membership gets the same 401 as an unknown one", async () => {
    const { user, membership } = await account();
    await t.db.update(memberships).set({ status: "deactivated" }).where(eq(memberships.id, membership.id));
    const deactivated = await login(browser(), user.email);
    const unknown = await login(browser(), `onbekend-${randomUUID()}@test.example`, TEST_PASSWORD);
    expect(deactivated.response.status).toBe(401);
    expect(deactivated.error).toEqual(unknown.error);
  });

  test("after 5 failures for one account from one address, that address waits (429 with Retry-After); others do not", async () => {
    const { user } = await account();
    const address = uniqueAddress();
    const from = () => browserClient(t.app, { address });
    for (let i = 1; i <= 5; i++) {
      const { response } = await login(from(), user.email, `fout-${i}`);
      expect(response.status, `attempt ${i}`).toBe(401);
    }
    const { response, error } = await login(from(), user.email);
    expect(response.status).toBe(429);
    expect(response.headers.get("Content-Type")).toMatch(/^application\/problem\+json/);
    const retryAfter = Number(response.headers.get("Retry-After"));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(error).toMatchObject({ status: 429 });
    expect(response.headers.getSetCookie()).toEqual([]);

    // The owner elsewhere, and after the wait, is not locked out (ADR 0022); another account is not affected.
    expect((await login(browser(), user.email)).response.status).toBe(200);
    t.clock.advance(retryAfter * 1000);
    expect((await login(from(), user.email)).response.status).toBe(200);
    const other = await account();
    expect((await login(browser(), other.user.email)).response.status).toBe(200);
  });

  test("fewer than 5 failures do not lock the account, and a success resets the count", async () => {
    const { user } = await account();
    for (let i = 0; i < 4; i++) await login(browser(), user.email, "fout");
    expect((await login(browser(), user.email)).response.status).toBe(200);
    for (let i = 0; i < 4; i++) await login(browser(), user.email, "fout");
    expect((await login(browser(), user.email)).response.status).toBe(200);
  });

  test("a clock that steps back does not refuse sign-ins within the budget", async () => {
    const { user } = await account();
    const address = uniqueAddress();
    const from = () => browserClient(t.app, { address });
    const start = t.clock.now();
    expect((await login(from(), user.email, "fout")).response.status).toBe(401);
    t.clock.set(new Date(start.getTime() - 60 * MINUTE)); // e.g. an NTP correction, or a test setting an earlier date
    try {
      expect((await login(from(), user.email, "fout")).response.status).toBe(401);
      expect((await login(from(), user.email)).response.status).toBe(200);
    } finally {
      t.clock.set(start);
    }
  });

  test("after 20 failures from one address across accounts, that address gets 429", async () => {
    const address = uniqueAddress();
    const from = () => browserClient(t.app, { address });
    for (let i = 1; i <= 20; i++) {
      const { response } = await login(from(), `onbekend-${i}-${randomUUID()}@test.example`, "fout");
      expect(response.status, `attempt ${i}`).toBe(401);
    }
    const { user } = await account();
    const blocked = await login(from(), user.email);
    expect(blocked.response.status).toBe(429);
    expect(Number(blocked.response.headers.get("Retry-After"))).toBeGreaterThan(0);

    // The same account from another address is fine.
    expect((await login(browser(), user.email)).response.status).toBe(200);
  });

  test("a client cannot dodge the address limit by sending its own X-Forwarded-For hops", async () => {
    // Our reverse proxy appends the address it saw; whatever the client sent comes before it.
    const real = uniqueAddress();
    for (let i = 1; i <= 20; i++) {
      const spoofed = browserClient(t.app, { address: `203.0.113.${i}, ${real}` });
      const { response } = await login(spoofed, `onbekend-${i}-${randomUUID()}@test.example`, "fout");
      expect(response.status, `attempt ${i}`).toBe(401);
    }
    const { user } = await account();
    const again = browserClient(t.app, { address: `203.0.113.99, ${real}` });
    expect((await login(again, user.email)).response.status).toBe(429);
  });

  test("a session past its idle expiry is 401", async () => {
    const { user } = await account();
    const b = browser();
    await login(b, user.email);
    const token = b.jar.get(COOKIE) ?? "";
    await t.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.id, sha256(token)));
    const { response } = await b.client.GET("/me");
    expect(response.status).toBe(401);
    expect(response.headers.get("Content-Type")).toMatch(/^application\/problem\+json/);
    expect(b.jar.has(COOKIE)).toBe(false);
  });

  test("a session ends 12 hours after sign-in however often it is used", async () => {
    const { user } = await account();
    const b = browser();
    await login(b, user.email);
    const advanced = SESSION_ABSOLUTE_TIMEOUT_MS + MINUTE;
    try {
      t.clock.advance(SESSION_ABSOLUTE_TIMEOUT_MS - MINUTE);
      expect((await b.client.GET("/me")).response.status).toBe(200);
      t.clock.advance(2 * MINUTE);
      expect((await b.client.GET("/me")).response.status).toBe(401);
    } finally {
      t.clock.advance(-advanced);
    }
    // Gone for good, also once the clock is back.
    expect((await b.client.GET("/me")).response.status).toBe(401);
  });

  test("a background request on a session past its idle expiry is 401 too", async () => {
    const { user } = await account();
    const b = browser();
    await login(b, user.email);
    const token = b.jar.get(COOKIE) ?? "";
    await t.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.id, sha256(token)));
    const { response } = await b.client.GET("/auth/session", { headers: { "Schakel-Activity": "background" } });
    expect(response.status).toBe(401);
  });

  test("GET /auth/session without a session is 401", async () => {
    expect((await browser().client.GET("/auth/session")).response.status).toBe(401);
  });

  test("a made-up cookie is 401", async () => {
    const b = browser();
    b.jar.set(COOKIE, "verzonnen-token-verzonnen-token");
    const { response } = await b.client.GET("/me");
    expect(response.status).toBe(401);
  });

  test("logout without a session is 401", async () => {
    const { response } = await browser().client.POST("/auth/logout");
    expect(response.status).toBe(401);
  });
});

describe("authorisation", () => {
  test("GET /me without a session is 401", async () => {
    const { response, error } = await browser().client.GET("/me");
    expect(response.status).toBe(401);
    expect(error).toMatchObject({ status: 401 });
  });

  test("a write with a valid cookie from a foreign Origin is 403 and does nothing", async () => {
    const { user } = await account();
    const b = browser();
    await login(b, user.email);
    const evil = sameCookies(b, { origin: "https://evil.example" });
    const { response, error } = await evil.client.POST("/auth/logout");
    expect(response.status).toBe(403);
    expect(response.headers.get("Content-Type")).toMatch(/^application\/problem\+json/);
    expect(error).toMatchObject({ status: 403 });
    // The session survived.
    expect((await b.client.GET("/me")).response.status).toBe(200);
  });

  test("a write with a valid cookie and an Origin that only looks like ours is 403", async () => {
    const { user } = await account();
    const b = browser();
    await login(b, user.email);
    for (const origin of ["http://schakel.test.evil.example", "null", "http://evil.example/http://schakel.test"]) {
      const { response } = await sameCookies(b, { origin }).client.POST("/auth/logout");
      expect(response.status, origin).toBe(403);
    }
  });

  test("a write with a valid cookie and no Origin at all is 403", async () => {
    const { user } = await account();
    const b = browser();
    await login(b, user.email);
    const { response } = await sameCookies(b, { origin: null }).client.POST("/auth/logout");
    expect(response.status).toBe(403);
    expect((await b.client.GET("/me")).response.status).toBe(200);
  });

  test("the same write from our own Origin works", async () => {
    const { user } = await account();
    const b = browser();
    await login(b, user.email);
    const { response } = await sameCookies(b).client.POST("/auth/logout");
    expect(response.status).toBe(204);
    expect((await b.client.GET("/me")).response.status).toBe(401);
  });

  test("reads need no Origin", async () => {
    const { user } = await account();
    const b = browser();
    await login(b, user.email);
    const { response } = await sameCookies(b, { origin: null }).client.GET("/me");
    expect(response.status).toBe(200);
  });
});

describe("the origin that counts is PUBLIC_URL's: scheme, host and port", () => {
  let https: TestContext;
  beforeAll(async () => {
    https = await createTestContext({ config: { publicUrl: "https://schakel.test", trustedOrigin: "https://schakel.test" } });
  });
  afterAll(() => https.close());

  async function signedInBrowser(origin: string) {
    const organization = await https.make.organization();
    const { user } = await https.make.member(organization.id, "worker");
    const b = browserClient(https.app, { address: uniqueAddress(), origin });
    expect((await b.client.POST("/auth/login", { body: { email: user.email, password: TEST_PASSWORD } })).response.status).toBe(
      200,
    );
    return b;
  }

  test("an http:// Origin on our host is 403 when PUBLIC_URL is https://, and the session survives", async () => {
    const b = await signedInBrowser("http://schakel.test");
    const { response } = await b.client.POST("/auth/logout");
    expect(response.status).toBe(403);
    expect(response.headers.get("Content-Type")).toMatch(/^application\/problem\+json/);
    expect((await b.client.GET("/me")).response.status).toBe(200);
  });

  test("another port on our host is 403 as well", async () => {
    const b = await signedInBrowser("https://schakel.test:8443");
    expect((await b.client.POST("/auth/logout")).response.status).toBe(403);
  });

  test("PUBLIC_URL's own origin may write, even though the request reached the app as http://", async () => {
    const b = await signedInBrowser("https://schakel.test");
    expect((await b.client.POST("/auth/logout")).response.status).toBe(204);
  });
});
