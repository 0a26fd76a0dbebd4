/**
 * The security log (ADR 0025), tried from the outside: refusals and failed or throttled sign-ins
 * are recorded outside the request's transaction, with the route template and never an id, a
 * name or a value from the request; only a network admin can read the log.
 */
import { randomUUID } from "node:crypto";
import { SECURITY_LOG_RETENTION_DAYS } from "@schakel/core";
import { networkAdmins, securityEvents } from "@schakel/db";
import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../app";
import { totpCode } from "../auth/totp";
import type { Logger } from "../lib/logger";
import { housekeepingJob } from "../scheduler/jobs";
import { addressHash } from "../services/security-log/record-security-event";
import { browserClient, createTestContext, TEST_PASSWORD, type TestContext } from "../test/harness";
import { type Browser, DAY, referralWorld } from "../test/referral-world";

let t: TestContext;
let world: ReturnType<typeof referralWorld>;
beforeAll(async () => {
  t = await createTestContext();
  world = referralWorld(t);
});
afterAll(() => t.close());

const uniqueAddress = () => `2001:db8:5ec::${randomUUID().slice(0, 4)}:${randomUUID().slice(0, 4)}`;

/** The security events of one request, found by its X-Request-Id. */
async function eventsOf(response: Response) {
  const requestId = response.headers.get("X-Request-Id") ?? "";
  expect(requestId).not.toBe("");
  return t.db.select().from(securityEvents).where(eq(securityEvents.requestId, requestId));
}

/** Every value an event holds, as one text, to check that nothing from the request is in it. */
const asText = (rows: unknown[]) => JSON.stringify(rows);

async function networkAdmin() {
  const gemeente = await t.make.organization({ kind: "gemeente" });
  const regie = await t.make.member(gemeente.id, "coordinator");
  await t.db.insert(networkAdmins).values({ userId: regie.user.id });
  return { ...regie, browser: await t.signedIn(regie.user.email) };
}

const readLog = (b: Browser, query: { kind?: string; from?: string; to?: string; cursor?: string; limit?: number } = {}) =>
  b.client.GET("/security-log", { params: { query: query as never } });

describe("refusals of another organization's data are recorded", () => {
  test("a worker of A reading B's referral, resident and members: refused, and each refusal is in the log", async () => {
    const n = await world.network({ receiverName: "Schuldhulp Geheim", receiverWorkerName: "Rik Ontvanger" });
    const { resident, referral } = await world.refer(n, { resident: { name: "Sam Jansen", phone: "06-12345678" } });
    const outsider = n.outsider;
    const b = outsider.worker.browser;

    const attempts = [
      {
        res: await b.client.GET("/referrals/{referralId}", { params: { path: { referralId: referral.id } } }),
        route: "/api/v1/referrals/:referralId",
      },
      {
        res: await b.client.GET("/residents/{residentId}", { params: { path: { residentId: resident.id } } }),
        route: "/api/v1/residents/:residentId",
      },
      {
        res: await b.client.GET("/organizations/{organizationId}/members", {
          params: { path: { organizationId: n.receiver.organization.id }, query: { status: "active" } },
        }),
        route: "/api/v1/organizations/:organizationId/members",
      },
    ];
    for (const { res, route } of attempts) {
      expect([403, 404]).toContain(res.response.status);
      const rows = await eventsOf(res.response);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        kind: "refused",
        userId: outsider.worker.user.id,
        organizationId: outsider.organization.id,
        method: "GET",
        route,
        status: res.response.status,
      });
      expect(rows[0]?.addressHash).toMatch(/^[0-9a-f]{64}$/);
      // Nothing from the request's address, the data behind it or the query.
      const text = asText(rows);
      for (const secret of [
        referral.id,
        resident.id,
        n.receiver.organization.id,
        "Sam Jansen",
        "06-12345678",
        "Rik Ontvanger",
        "active",
      ]) {
        expect(text).not.toContain(secret);
      }
    }
  });

  test("a refused write is recorded too, without its body; the client address is kept only as its hash", async () => {
    const n = await world.network();
    const { referral } = await world.refer(n);
    const address = uniqueAddress();
    const b = await t.signedIn(n.outsider.worker.user.email, { address });
    const res = await b.client.POST("/referrals/{referralId}/messages", {
      params: { path: { referralId: referral.id } },
      body: { text: "Een bericht van iemand die hier niets te zoeken heeft." },
    });
    expect([403, 404]).toContain(res.response.status);
    const rows = await eventsOf(res.response);
    expect(rows).toMatchObject([{ kind: "refused", method: "POST", route: "/api/v1/referrals/:referralId/messages" }]);
    expect(rows[0]?.addressHash).toBe(addressHash(address));
    expect(asText(rows)).not.toContain(address);
    expect(asText(rows)).not.toContain("niets te zoeken");
  });

  test("an anonymous 401 and an answered request leave no event", async () => {
    const anonymous = await t
      .anonymous()
      .client.GET("/referrals/{referralId}", { params: { path: { referralId: randomUUID() } } });
    expect(anonymous.response.status).toBe(401);
    expect(await eventsOf(anonymous.response)).toEqual([]);

    const org = await t.organizationWithStaff();
    const ok = await org.worker.browser.client.GET("/me");
    expect(ok.response.status).toBe(200);
    expect(await eventsOf(ok.response)).toEqual([]);
  });
});

describe("the CSRF check and the sign-in", () => {
  test("a write with the session cookie from another site is refused and recorded as csrf", async () => {
    const org = await t.organizationWithStaff();
    const evil = browserClient(t.app, { origin: "https://kwaadwillend.example" });
    for (const [k, v] of org.worker.browser.jar) evil.jar.set(k, v);
    const res = await evil.client.POST("/notifications/read-all" as never, {} as never);
    const response = (res as { response: Response }).response;
    expect(response.status).toBe(403);
    const rows = await eventsOf(response);
    expect(rows).toMatchObject([{ kind: "csrf", method: "POST", status: 403, userId: null }]);
    expect(rows[0]?.route).toMatch(/^\/api\/v1\//);
    expect(rows[0]?.route).not.toBe("/api/v1/*");
  });

  test("a wrong password is recorded as sign-in-failed; the throttle's 429 as throttled; never the e-mail address", async () => {
    const org = await t.organizationWithStaff();
    const address = uniqueAddress();
    const b = browserClient(t.app, { address });
    const login = () => b.client.POST("/auth/login", { body: { email: org.worker.user.email, password: "helemaal-fout-123" } });

    const first = await login();
    expect(first.response.status).toBe(401);
    const failed = await eventsOf(first.response);
    expect(failed).toMatchObject([
      { kind: "sign-in-failed", method: "POST", route: "/api/v1/auth/login", status: 401, userId: null },
    ]);

    let throttled: Response | null = null;
    for (let i = 0; i < 10 && !throttled; i++) {
      const res = await login();
      if (res.response.status === 429) throttled = res.response;
    }
    expect(throttled).not.toBeNull();
    const rows = await eventsOf(throttled as Response);
    expect(rows).toMatchObject([
      { kind: "throttled", route: "/api/v1/auth/login", status: 429, addressHash: addressHash(address) },
    ]);
    expect(asText([...failed, ...rows])).not.toContain(org.worker.user.email);
    expect(asText([...failed, ...rows])).not.toContain("helemaal-fout");
  });

  test("a wrong second-factor code is recorded as second-factor-failed, for the user halfway through signing in; being asked to set one up is no event", async () => {
    const t2 = await createTestContext({ config: { requireSecondFactor: true } });
    try {
      const organization = await t2.make.organization();
      const { user } = await t2.make.member(organization.id, "admin");
      const b = browserClient(t2.app, { address: uniqueAddress() });
      await b.client.POST("/auth/login", { body: { email: user.email, password: TEST_PASSWORD } });
      // "Set up your second factor first" is a normal step, not a security event.
      const notYet = await b.client.GET("/organizations/{organizationId}/members", {
        params: { path: { organizationId: organization.id } },
      });
      expect(notYet.response.status).toBe(403);
      const notYetId = notYet.response.headers.get("X-Request-Id") ?? "";
      expect(await t2.db.select().from(securityEvents).where(eq(securityEvents.requestId, notYetId))).toEqual([]);
      const start = await b.client.POST("/me/totp-enrolments");
      const secret = start.data?.secret ?? "";
      await b.client.POST("/me/totp-confirmations", { body: { code: totpCode(secret, t2.clock.now()) } });
      await b.client.POST("/auth/logout");
      const half = await b.client.POST("/auth/login", { body: { email: user.email, password: TEST_PASSWORD } });
      expect(half.response.status).toBe(202);
      const wrong = await b.client.POST("/auth/second-factor-verifications", { body: { code: "000000" } });
      expect(wrong.response.status).toBe(401);
      const id = wrong.response.headers.get("X-Request-Id") ?? "";
      const rows = await t2.db.select().from(securityEvents).where(eq(securityEvents.requestId, id));
      expect(rows).toMatchObject([
        {
          kind: "second-factor-failed",
          route: "/api/v1/auth/second-factor-verifications",
          status: 401,
          userId: user.id,
          organizationId: organization.id,
        },
      ]);
    } finally {
      await t2.close();
    }
  });
});

describe("a failing insert", () => {
  test("never turns the refusal into a 500: it is logged and the refusal answered", async () => {
    const logged: string[] = [];
    const logger: Logger = {
      info: () => {},
      warn: () => {},
      error: (msg) => void logged.push(msg),
      child: () => logger,
    };
    // The same database, but writing a security event fails.
    const db = new Proxy(t.db, {
      get(target, prop, receiver) {
        if (prop === "insert") {
          return (table: unknown) => {
            if (table === securityEvents) throw new Error("the security log is unavailable");
            return target.insert(table as never);
          };
        }
        return Reflect.get(target, prop, receiver);
      },
    });
    const app = createApp({
      db,
      config: {
        production: false,
        trustProxy: true,
        devMailbox: false,
        requireSecondFactor: false,
        publicUrl: "http://schakel.test",
      },
      clock: t.clock,
      mailer: t.mailer,
      logger,
    });
    const n = await world.network();
    const { referral } = await world.refer(n);
    const b = browserClient(app, { address: uniqueAddress() });
    const signIn = await b.client.POST("/auth/login", { body: { email: n.outsider.worker.user.email, password: TEST_PASSWORD } });
    expect(signIn.response.status).toBe(200);
    const res = await b.client.GET("/referrals/{referralId}", { params: { path: { referralId: referral.id } } });
    expect([403, 404]).toContain(res.response.status);
    expect(res.error).toMatchObject({ status: res.response.status });
    expect(logged).toContain("security event not recorded");
    expect(await eventsOf(res.response)).toEqual([]);
  });
});

describe("GET /security-log", () => {
  test("a network admin reads the events newest first, with names, filtered by kind and period, page by page", async () => {
    const regie = await networkAdmin();
    const org = await t.organizationWithStaff();
    // Three refusals and a failed sign-in, a minute apart, in a period of their own.
    const start = new Date(t.clock.now().getTime() - 30 * DAY);
    const userAt = (i: number) => new Date(start.getTime() + i * 60_000);
    await t.db.insert(securityEvents).values([
      ...[0, 1, 2].map((i) => ({
        at: userAt(i),
        kind: "refused" as const,
        userId: org.worker.user.id,
        organizationId: org.organization.id,
        method: "GET",
        route: "/api/v1/residents/:residentId",
        status: 404,
        requestId: `req-${i}-${randomUUID()}`,
        addressHash: addressHash("192.0.2.7"),
      })),
      {
        at: userAt(3),
        kind: "sign-in-failed" as const,
        userId: null,
        organizationId: null,
        method: "POST",
        route: "/api/v1/auth/login",
        status: 401,
        requestId: `req-3-${randomUUID()}`,
        addressHash: addressHash("192.0.2.8"),
      },
    ]);
    const period = { from: start.toISOString(), to: new Date(start.getTime() + DAY).toISOString() };

    const all = await readLog(regie.browser, period);
    expect(all.response.status).toBe(200);
    expect(all.data?.data.map((e) => e.kind)).toEqual(["sign-in-failed", "refused", "refused", "refused"]);
    expect(all.data?.data[1]).toMatchObject({
      kind: "refused",
      user: { id: org.worker.user.id, name: org.worker.user.name },
      organization: { id: org.organization.id, name: org.organization.name },
      route: "/api/v1/residents/:residentId",
      status: 404,
      at: userAt(2).toISOString(),
    });

    const first = await readLog(regie.browser, { ...period, kind: "refused", limit: 2 });
    expect(first.data?.data.map((e) => e.at)).toEqual([userAt(2).toISOString(), userAt(1).toISOString()]);
    const cursor = first.data?.meta.nextCursor ?? "";
    expect(cursor).not.toBe("");
    const second = await readLog(regie.browser, { ...period, kind: "refused", limit: 2, cursor });
    expect(second.data?.data.map((e) => e.at)).toEqual([userAt(0).toISOString()]);
    expect(second.data?.meta.nextCursor).toBeNull();

    const none = await readLog(regie.browser, {
      from: new Date(start.getTime() - 2 * DAY).toISOString(),
      to: start.toISOString(),
    });
    expect(none.data?.data.filter((e) => e.route === "/api/v1/residents/:residentId")).toEqual([]);
  });

  test("anyone else may not: anonymous 401, an organization's admin and a worker 403 (and that refusal is itself recorded)", async () => {
    const org = await t.organizationWithStaff();
    expect((await readLog(t.anonymous())).response.status).toBe(401);
    const admin = await readLog(org.admin.browser);
    expect(admin.response.status).toBe(403);
    expect(admin.error).toMatchObject({ status: 403, detail: expect.stringContaining("netwerkbeheerders") });
    expect(admin.data).toBeUndefined();
    const worker = await readLog(org.worker.browser);
    expect(worker.response.status).toBe(403);
    expect(await eventsOf(worker.response)).toMatchObject([
      { kind: "refused", route: "/api/v1/security-log", status: 403, userId: org.worker.user.id },
    ]);
  });

  test("bad filters and a foreign cursor are problem+json 400", async () => {
    const regie = await networkAdmin();
    const kind = await readLog(regie.browser, { kind: "everything" });
    expect(kind.response.status).toBe(400);
    expect(kind.response.headers.get("Content-Type")).toContain("application/problem+json");
    const order = await readLog(regie.browser, { from: "2026-12-01T00:00:00Z", to: "2026-11-01T00:00:00Z" });
    expect(order.response.status).toBe(400);
    const cursor = await readLog(regie.browser, { cursor: "bm90LW91cnM" });
    expect(cursor.response.status).toBe(400);
    expect(cursor.error?.invalidParams?.[0]?.name).toBe("query.cursor");
  });
});

describe("retention", () => {
  test(`the housekeeping job deletes events older than ${SECURITY_LOG_RETENTION_DAYS} days and keeps the rest`, async () => {
    const now = t.clock.now();
    const at = (days: number) => new Date(now.getTime() - days * DAY);
    const row = (when: Date, tag: string) => ({
      at: when,
      kind: "refused" as const,
      method: "GET",
      route: "/api/v1/referrals/:referralId",
      status: 404,
      requestId: `retention-${tag}-${randomUUID()}`,
      addressHash: addressHash("192.0.2.9"),
    });
    await t.db
      .insert(securityEvents)
      .values([row(at(SECURITY_LOG_RETENTION_DAYS + 1), "old"), row(at(SECURITY_LOG_RETENTION_DAYS - 1), "young")]);

    const summary = await housekeepingJob.run(t.serviceContext(), now);
    expect(summary.securityEvents).toBeGreaterThanOrEqual(1);
    const left = (await t.db.select().from(securityEvents).orderBy(desc(securityEvents.at))).map((r) => r.requestId);
    expect(left.some((id) => id.startsWith("retention-old-"))).toBe(false);
    expect(left.some((id) => id.startsWith("retention-young-"))).toBe(true);
  });
});
