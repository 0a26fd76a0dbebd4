import { createHash, randomUUID } from "node:crypto";
import { createApiClient } from "@schakel/api-client";
import type { ApiTokenScope } from "@schakel/core";
import { accessLog, apiTokens, notifications, referralEvents, schemaTables, securityEvents } from "@schakel/db";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestContext, TEST_ORIGIN, type TestContext } from "../test/harness";
import { type Browser, DAY, referralWorld } from "../test/referral-world";

// API tokens (issue 10 part 1, ADR 0028), tested from the outside: an admin creates, lists and
// revokes them in person; a token acts as its organization within its scopes and nowhere else.

let t: TestContext;
let world: ReturnType<typeof referralWorld>;
beforeAll(async () => {
  t = await createTestContext();
  world = referralWorld(t);
});
afterAll(() => t.close());

const ALL: ApiTokenScope[] = ["referrals:read", "referrals:write", "services:write"];

/** A partner system: the bearer token on every request, no cookie, no Origin. */
function system(token: string) {
  const fetcher = async (input: Request) => {
    const headers = new Headers(input.headers);
    headers.set("Authorization", `Bearer ${token}`);
    return t.app.fetch(new Request(input, { headers }));
  };
  return { client: createApiClient({ baseUrl: `${TEST_ORIGIN}/api/v1`, fetch: fetcher }), fetch: fetcher };
}
type System = ReturnType<typeof system>;

const create = (b: Browser, organizationId: string, body: { name?: string; scopes?: ApiTokenScope[]; expiresAt?: string } = {}) =>
  b.client.POST("/api-tokens", { body: { organizationId, name: "Zaaksysteem", scopes: ALL, ...body } });

async function tokenFor(b: Browser, organizationId: string, body: Parameters<typeof create>[2] = {}) {
  const { data, response } = await create(b, organizationId, body);
  if (!data) throw new Error(`token not created: ${response.status}`);
  return { ...data, system: system(data.token) };
}

const list = (b: Browser, organizationId: string) => b.client.GET("/api-tokens", { params: { query: { organizationId } } });
const revoke = (b: Browser, tokenId: string) => b.client.DELETE("/api-tokens/{tokenId}", { params: { path: { tokenId } } });
const read = (s: System | Browser, referralId: string) =>
  s.client.GET("/referrals/{referralId}", { params: { path: { referralId } } });
const raw = async (token: string | null, path: string, init: RequestInit = {}) => {
  const headers = new Headers(init.headers);
  if (token !== null) headers.set("Authorization", token);
  return t.app.fetch(new Request(`${TEST_ORIGIN}/api/v1${path}`, { ...init, headers }));
};

describe("an admin manages the organization's tokens", () => {
  test("create shows the token once; the list never does; the database holds only its hash", async () => {
    const { organization, admin } = await t.organizationWithStaff();
    const created = await create(admin.browser, organization.id, {
      name: "Plangroep zaaksysteem",
      scopes: ["referrals:read"],
      expiresAt: new Date(t.clock.now().getTime() + 30 * DAY).toISOString(),
    });
    expect(created.response.status).toBe(201);
    const token = created.data?.token ?? "";
    expect(token).toMatch(/^skl_[A-Za-z0-9_-]{20,}$/);
    expect(created.data).toMatchObject({
      organizationId: organization.id,
      name: "Plangroep zaaksysteem",
      scopes: ["referrals:read"],
      prefix: token.slice(0, 12),
      revokedAt: null,
      lastUsedAt: null,
    });

    const listed = await list(admin.browser, organization.id);
    expect(listed.response.status).toBe(200);
    expect(listed.data?.data.map((d) => d.id)).toEqual([created.data?.id]);
    expect(JSON.stringify(listed.data)).not.toContain(token);
    expect(listed.data?.data[0]).not.toHaveProperty("token");

    const [row] = await t.db
      .select()
      .from(apiTokens)
      .where(eq(apiTokens.id, created.data?.id ?? ""));
    expect(row?.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(token);
    // …nor anywhere else: after using it, no row of any table holds the token itself.
    expect((await system(token).client.GET("/referrals", { params: { query: { box: "inbox" } } })).response.status).toBe(200);
    for (const table of schemaTables()) {
      const rows = await t.db.select().from(table);
      expect(JSON.stringify(rows), "a table holds the token").not.toContain(token);
    }
    const log = await t.db.select().from(accessLog).where(eq(accessLog.organizationId, organization.id));
    expect(log.find((e) => e.action === "api_token.create")).toMatchObject({
      actorUserId: admin.user.id,
      subjectType: "api_token",
      subjectId: created.data?.id,
    });
  });

  test("revoking: the next use is 401, the token stays listed as revoked, and it is in the access log", async () => {
    const { organization, admin } = await t.organizationWithStaff();
    const token = await tokenFor(admin.browser, organization.id);
    const before = await token.system.client.GET("/referrals", { params: { query: { box: "inbox" } } });
    expect(before.response.status).toBe(200);

    expect((await revoke(admin.browser, token.id)).response.status).toBe(204);
    const after = await token.system.client.GET("/referrals", { params: { query: { box: "inbox" } } });
    expect(after.response.status).toBe(401);
    expect(after.response.headers.get("www-authenticate")).toMatch(/^Bearer/);
    // Revoking again changes nothing.
    expect((await revoke(admin.browser, token.id)).response.status).toBe(204);

    const listed = await list(admin.browser, organization.id);
    expect(listed.data?.data[0]?.revokedAt).toBe(t.clock.now().toISOString());
    const entries = await t.db
      .select()
      .from(accessLog)
      .where(and(eq(accessLog.organizationId, organization.id), eq(accessLog.action, "api_token.revoke")));
    expect(entries).toHaveLength(1);
  });

  test("the name, scopes and end date are checked", async () => {
    const { organization, admin } = await t.organizationWithStaff();
    const bad = await create(admin.browser, organization.id, { name: " ", scopes: [] });
    expect(bad.response.status).toBe(400);
    expect(bad.error?.invalidParams?.map((p) => p.name).sort()).toEqual(["body.name", "body.scopes"]);
    const unknown = await create(admin.browser, organization.id, { scopes: ["residents:read" as ApiTokenScope] });
    expect(unknown.response.status).toBe(400);
    const past = await create(admin.browser, organization.id, {
      expiresAt: new Date(t.clock.now().getTime() - DAY).toISOString(),
    });
    expect(past.response.status).toBe(400);
    expect(past.error?.invalidParams?.[0]?.name).toBe("body.expiresAt");
  });

  test("another organization's admin gets 404, a worker 403, a demoted admin 403, and nobody anonymous", async () => {
    const a = await t.organizationWithStaff();
    const b = await t.organizationWithStaff();
    const token = await tokenFor(a.admin.browser, a.organization.id);

    expect((await create(b.admin.browser, a.organization.id)).response.status).toBe(404);
    expect((await list(b.admin.browser, a.organization.id)).response.status).toBe(404);
    expect((await revoke(b.admin.browser, token.id)).response.status).toBe(404);

    expect((await create(a.worker.browser, a.organization.id)).response.status).toBe(403);
    expect((await list(a.worker.browser, a.organization.id)).response.status).toBe(403);
    expect((await revoke(a.worker.browser, token.id)).response.status).toBe(403);

    const anonymous = t.anonymous();
    expect(
      (await anonymous.client.GET("/api-tokens", { params: { query: { organizationId: a.organization.id } } })).response.status,
    ).toBe(401);

    // A second admin is demoted to worker: from then on they manage no tokens.
    const second = await t.make.member(a.organization.id, "admin");
    const secondBrowser = await t.signedIn(second.user.email);
    expect((await list(secondBrowser, a.organization.id)).response.status).toBe(200);
    const demoted = await a.admin.browser.client.PATCH("/organizations/{organizationId}/members/{memberId}", {
      params: { path: { organizationId: a.organization.id, memberId: second.membership.id } },
      body: { role: "worker" },
    });
    expect(demoted.response.status).toBe(200);
    expect((await list(secondBrowser, a.organization.id)).response.status).toBe(403);
    expect((await create(secondBrowser, a.organization.id)).response.status).toBe(403);
    expect((await revoke(secondBrowser, token.id)).response.status).toBe(403);

    // Still working: none of the refusals touched it.
    expect((await token.system.client.GET("/referrals", { params: { query: { box: "inbox" } } })).response.status).toBe(200);
  });

  test("a token cannot manage tokens, not even its own organization's", async () => {
    const { organization, admin } = await t.organizationWithStaff();
    const token = await tokenFor(admin.browser, organization.id);
    const listed = await token.system.client.GET("/api-tokens", { params: { query: { organizationId: organization.id } } });
    expect(listed.response.status).toBe(403);
    const created = await token.system.client.POST("/api-tokens", {
      body: { organizationId: organization.id, name: "Nog een", scopes: ALL },
    });
    expect(created.response.status).toBe(403);
    const revoked = await token.system.client.DELETE("/api-tokens/{tokenId}", { params: { path: { tokenId: token.id } } });
    expect(revoked.response.status).toBe(403);
  });
});

describe("authentication", () => {
  test("a malformed, unknown, revoked or expired token is 401 problem+json with WWW-Authenticate, and a security event", async () => {
    const { organization, admin } = await t.organizationWithStaff();
    const revoked = await tokenFor(admin.browser, organization.id);
    await revoke(admin.browser, revoked.id);
    const expiring = await tokenFor(admin.browser, organization.id, {
      expiresAt: new Date(t.clock.now().getTime() + DAY).toISOString(),
    });
    expect((await expiring.system.client.GET("/referrals", { params: { query: { box: "inbox" } } })).response.status).toBe(200);
    t.clock.advance(DAY + 1000);

    for (const header of [
      "Bearer",
      "Bearer ",
      "Basic dXNlcjpwYXNz",
      `Bearer ${revoked.token} extra`,
      `Bearer skl_${"x".repeat(27)}`,
      `Bearer ${revoked.token}`,
      `Bearer ${expiring.token}`,
    ]) {
      const res = await raw(header, "/referrals?box=inbox");
      expect(res.status, header).toBe(401);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect(res.headers.get("www-authenticate")).toBe('Bearer error="invalid_token"');
      const body = (await res.json()) as { type: string };
      expect(body.type).toMatch(/invalid-token$/);
      const events = await t.db
        .select()
        .from(securityEvents)
        .where(eq(securityEvents.requestId, res.headers.get("x-request-id") ?? ""));
      expect(events).toMatchObject([{ kind: "api-token-refused", status: 401, route: "/api/v1/referrals" }]);
    }
  });

  test("a bearer token and a session cookie together are refused with 400", async () => {
    const { organization, admin } = await t.organizationWithStaff();
    const token = await tokenFor(admin.browser, organization.id);
    const res = await admin.browser.fetch(
      new Request(`${TEST_ORIGIN}/api/v1/referrals?box=inbox`, { headers: { Authorization: `Bearer ${token.token}` } }),
    );
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });

  test("a bearer write needs no Origin (no cookie, so no CSRF check); the token is marked used at most once a minute", async () => {
    const { organization, admin } = await t.organizationWithStaff();
    const token = await tokenFor(admin.browser, organization.id, { scopes: ["services:write"] });
    const created = await token.system.client.POST("/services", {
      body: {
        organizationId: organization.id,
        name: "Budgetcursus",
        description: "Leren omgaan met geld.",
        lifeDomains: ["schulden"],
        municipalityCodes: ["GM0202"],
        acceptsReferrals: true,
        responseTargetDays: 5,
      } as never,
    });
    expect(created.response.status).toBe(201);
    const usedAt = t.clock.now();
    const lastUsed = async () => (await t.db.select().from(apiTokens).where(eq(apiTokens.id, token.id)))[0]?.lastUsedAt;
    expect(await lastUsed()).toEqual(usedAt);
    t.clock.advance(30_000);
    await token.system.client.GET("/referrals", { params: { query: { box: "inbox" } } });
    expect(await lastUsed()).toEqual(usedAt);
    t.clock.advance(31_000);
    await token.system.client.GET("/referrals", { params: { query: { box: "inbox" } } });
    expect(await lastUsed()).toEqual(t.clock.now());
  });

  test("the OpenAPI document has the bearerAuth scheme and lists it only where a token is taken", async () => {
    const res = await t.app.fetch(new Request(`${TEST_ORIGIN}/api/v1/openapi.json`));
    const doc = (await res.json()) as {
      components: { securitySchemes: Record<string, { type: string; scheme?: string }> };
      paths: Record<string, Record<string, { operationId: string; security?: Record<string, string[]>[] }>>;
    };
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    const withToken = Object.values(doc.paths)
      .flatMap((ops) => Object.values(ops))
      .filter((op) => op.security?.some((s) => "bearerAuth" in s))
      .map((op) => op.operationId)
      .sort();
    expect(withToken).toEqual(
      [
        "createContactAttempt",
        "createReferralMessage",
        "createService",
        "confirmDriegesprek",
        "getDriegesprek",
        "getDriegesprekCalendar",
        "getReferral",
        "getReferralFhir",
        "listContactAttempts",
        "listReferralEvents",
        "listReferralMessages",
        "listReferrals",
        "proposeDriegesprek",
        "recordDriegesprekOutcome",
        "transitionReferral",
        "updateReferral",
        "updateService",
      ].sort(),
    );
  });
});

describe("a token acts as its organization, within its scopes", () => {
  test("a token of organization A on B's referral is 404; its own lists hold only its own organization's referrals", async () => {
    const n = await world.network();
    const { referral } = await world.refer(n);
    const outsider = await tokenFor(n.outsider.admin.browser, n.outsider.organization.id);
    const res = await read(outsider.system, referral.id);
    expect(res.response.status).toBe(404);
    const events = await outsider.system.client.GET("/referrals/{referralId}/events", {
      params: { path: { referralId: referral.id } },
    });
    expect(events.response.status).toBe(404);
    const move = await outsider.system.client.POST("/referrals/{referralId}/transitions", {
      params: { path: { referralId: referral.id }, header: { "if-match": '"1"' } as never },
      body: { to: "accepted" },
    });
    expect(move.response.status).toBe(404);
    for (const box of ["inbox", "outbox"] as const) {
      const listed = await outsider.system.client.GET("/referrals", { params: { query: { box } } });
      expect(listed.data?.data).toEqual([]);
    }
    // Another organization's id as a filter is 404, as for a person.
    const filtered = await outsider.system.client.GET("/referrals", {
      params: { query: { box: "inbox", organizationId: n.receiver.organization.id } },
    });
    expect(filtered.response.status).toBe(404);

    const receiver = await tokenFor(n.receiver.admin.browser, n.receiver.organization.id);
    const inbox = await receiver.system.client.GET("/referrals", { params: { query: { box: "inbox" } } });
    expect(inbox.data?.data.map((r) => r.id)).toEqual([referral.id]);
    // A token is nobody: "assigned to me" holds nothing for it.
    const mine = await receiver.system.client.GET("/referrals", { params: { query: { box: "inbox", assignedTo: "me" } } });
    expect(mine.response.status).toBe(200);
    expect(mine.data?.data).toEqual([]);
  });

  test("outside its scopes a token gets 403 insufficient-scope, naming the scope", async () => {
    const n = await world.network();
    const { referral } = await world.refer(n);
    const reader = await tokenFor(n.receiver.admin.browser, n.receiver.organization.id, { scopes: ["referrals:read"] });
    const opened = await read(reader.system, referral.id);
    expect(opened.response.status).toBe(200);
    const move = await reader.system.client.POST("/referrals/{referralId}/transitions", {
      params: { path: { referralId: referral.id }, header: { "if-match": `"${opened.data?.version}"` } as never },
      body: { to: "accepted" },
    });
    expect(move.response.status).toBe(403);
    expect(move.error?.type).toMatch(/insufficient-scope$/);
    expect(move.error?.detail).toContain("referrals:write");
    const message = await reader.system.client.POST("/referrals/{referralId}/messages", {
      params: { path: { referralId: referral.id } },
      body: { text: "Hallo" },
    });
    expect(message.response.status).toBe(403);
    const service = await reader.system.client.PATCH("/services/{serviceId}", {
      params: { path: { serviceId: n.service.id } },
      body: { name: "Andere naam" },
    });
    expect(service.response.status).toBe(403);
    expect(service.error?.detail).toContain("services:write");

    const writer = await tokenFor(n.receiver.admin.browser, n.receiver.organization.id, { scopes: ["referrals:write"] });
    const listed = await writer.system.client.GET("/referrals", { params: { query: { box: "inbox" } } });
    expect(listed.response.status).toBe(403);
    expect(listed.error?.detail).toContain("referrals:read");
  });

  test("members, access log, settings, residents, new referrals, notifications and the person's own pages are closed to every token (403)", async () => {
    const n = await world.network();
    const { resident } = await world.refer(n);
    const token = await tokenFor(n.sender.admin.browser, n.sender.organization.id);
    const c = token.system.client;
    const organizationId = n.sender.organization.id;
    const refusals = [
      await c.GET("/organizations/{organizationId}/members", { params: { path: { organizationId }, query: {} } }),
      await c.POST("/organizations/{organizationId}/members", {
        params: { path: { organizationId } },
        body: { email: "nieuw@schakel.test", name: "Nieuw Lid", role: "admin" },
      }),
      await c.GET("/access-log", { params: { query: { organizationId } } }),
      await c.GET("/organizations/{organizationId}/settings", { params: { path: { organizationId } } }),
      await c.PATCH("/organizations/{organizationId}/settings", {
        params: { path: { organizationId } },
        body: { intakeEmail: "x@schakel.test" },
      }),
      await c.GET("/residents/{residentId}", { params: { path: { residentId: resident.id } } }),
      await c.POST("/residents", { body: { organizationId, name: "Nieuwe Inwoner" } as never }),
      await c.POST("/referrals", {
        body: world.referralBody(resident.id, n.service.id, randomUUID()),
      }),
      await c.GET("/notifications", { params: { query: {} } }),
      await c.GET("/me"),
      await c.POST("/auth/logout"),
    ];
    for (const r of refusals) {
      expect(r.response.status, `${r.response.url} ${JSON.stringify(r.error)}`).toBe(403);
      expect(r.error?.type, r.response.url).toMatch(/token-not-allowed$/);
      expect(r.error?.detail).toBe("Dit kan niet met een API-token.");
    }
    // A refusal of a token is in the security log, with the token's organization.
    const [event] = await t.db
      .select()
      .from(securityEvents)
      .where(eq(securityEvents.requestId, refusals[0]?.response.headers.get("x-request-id") ?? ""));
    expect(event).toMatchObject({ kind: "refused", status: 403, userId: null, organizationId });
  });

  test("services:write: the token adds and changes its own organization's services, another's is 404", async () => {
    const n = await world.network();
    const token = await tokenFor(n.receiver.admin.browser, n.receiver.organization.id, { scopes: ["services:write"] });
    const changed = await token.system.client.PATCH("/services/{serviceId}", {
      params: { path: { serviceId: n.service.id } },
      body: { name: "Schuldhulp (nieuw)" },
    });
    expect(changed.response.status).toBe(200);
    expect(changed.data?.name).toBe("Schuldhulp (nieuw)");
    const other = await tokenFor(n.outsider.admin.browser, n.outsider.organization.id, { scopes: ["services:write"] });
    const refused = await other.system.client.PATCH("/services/{serviceId}", {
      params: { path: { serviceId: n.service.id } },
      body: { name: "Overgenomen" },
    });
    expect(refused.response.status).toBe(404);
    const foreign = await other.system.client.POST("/services", {
      body: {
        organizationId: n.receiver.organization.id,
        name: "Nep",
        description: "Een dienst die niet van ons is.",
        lifeDomains: ["schulden"],
        municipalityCodes: ["GM0202"],
        acceptsReferrals: true,
        responseTargetDays: 5,
      } as never,
    });
    expect(foreign.response.status, JSON.stringify(foreign.error)).toBe(404);
  });

  test("a token's read of the resident is in the access log, naming the token and no person", async () => {
    const n = await world.network();
    const { referral, resident } = await world.refer(n);
    const token = await tokenFor(n.receiver.admin.browser, n.receiver.organization.id, { name: "Plangroep zaaksysteem" });
    expect((await read(token.system, referral.id)).response.status).toBe(200);

    const [entry] = await t.db
      .select()
      .from(accessLog)
      .where(
        and(eq(accessLog.action, "referral.read"), eq(accessLog.subjectId, resident.id), eq(accessLog.actorApiTokenId, token.id)),
      );
    expect(entry).toMatchObject({
      actorUserId: null,
      actorOrganizationId: n.receiver.organization.id,
      organizationId: n.receiver.organization.id,
    });

    const log = await n.receiver.admin.browser.client.GET("/access-log", {
      params: { query: { organizationId: n.receiver.organization.id, action: "referral.read" } },
    });
    expect(log.data?.data[0]?.actor).toEqual({
      user: null,
      apiToken: { id: token.id, name: "Plangroep zaaksysteem" },
      organization: { id: n.receiver.organization.id, name: n.receiver.organization.name },
    });
  });

  test("a token's status move and message are on the timeline as the koppeling; the other side is told, nobody excepted", async () => {
    const n = await world.network();
    const { referral } = await world.refer(n);
    const token = await tokenFor(n.receiver.admin.browser, n.receiver.organization.id, { name: "Plangroep zaaksysteem" });
    const c = token.system.client;
    const opened = await read(token.system, referral.id);
    expect(opened.data?.status).toBe("received");
    const accepted = await c.POST("/referrals/{referralId}/transitions", {
      params: { path: { referralId: referral.id }, header: { "if-match": `"${opened.data?.version}"` } as never },
      body: { to: "accepted", note: "We nemen contact op." },
    });
    expect(accepted.response.status).toBe(200);
    expect(accepted.data?.status).toBe("accepted");
    const message = await c.POST("/referrals/{referralId}/messages", {
      params: { path: { referralId: referral.id } },
      body: { text: "Wij bellen Sam deze week." },
    });
    expect(message.response.status).toBe(201);
    expect(message.data?.author).toMatchObject({
      side: "receiver",
      user: null,
      apiToken: { id: token.id, name: "Plangroep zaaksysteem" },
    });
    const attempt = await c.POST("/referrals/{referralId}/contact-attempts", {
      params: { path: { referralId: referral.id } },
      body: { channel: "phone", result: "no_answer" },
    });
    expect(attempt.response.status).toBe(201);
    expect(attempt.data?.by).toMatchObject({ user: null, apiToken: { id: token.id, name: "Plangroep zaaksysteem" } });
    const proposed = await c.PUT("/referrals/{referralId}/driegesprek", {
      params: { path: { referralId: referral.id } },
      body: { moments: [new Date(t.clock.now().getTime() + 2 * DAY).toISOString()] } as never,
    });
    expect(proposed.response.status, JSON.stringify(proposed.error)).toBe(200);

    const stored = await t.db.select().from(referralEvents).where(eq(referralEvents.referralId, referral.id));
    for (const e of stored.filter(
      (e) =>
        ["status_changed", "message", "contact_attempt", "driegesprek_proposed"].includes(e.type) &&
        e.actorOrganizationId === n.receiver.organization.id,
    )) {
      expect(e.actorUserId).toBeNull();
      expect(e.details?.apiTokenId).toBe(token.id);
    }

    // The receiver's own people see the koppeling; the sender sees only the organization.
    const own = await n.receiver.worker.browser.client.GET("/referrals/{referralId}/events", {
      params: { path: { referralId: referral.id }, query: {} },
    });
    const byToken = own.data?.data.filter((e) => e.actor.apiToken !== null) ?? [];
    expect(byToken.map((e) => [e.type, e.toStatus])).toEqual([
      ["status_changed", "received"],
      ["status_changed", "accepted"],
      ["message", null],
      ["contact_attempt", null],
      ["driegesprek_proposed", null],
    ]);
    expect(byToken.every((e) => e.actor.user === null && e.actor.apiToken?.name === "Plangroep zaaksysteem")).toBe(true);
    const theirs = await n.sender.worker.browser.client.GET("/referrals/{referralId}/events", {
      params: { path: { referralId: referral.id }, query: {} },
    });
    const receiverEvents = theirs.data?.data.filter((e) => e.actor.side === "receiver") ?? [];
    expect(receiverEvents.length).toBeGreaterThan(0);
    expect(receiverEvents.every((e) => e.actor.apiToken === null && e.actor.user === null)).toBe(true);

    // The referring worker hears of the message.
    const told = await t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.referralId, referral.id), eq(notifications.kind, "referral_message")));
    expect(told.map((x) => x.userId)).toEqual([n.sender.worker.user.id]);
  });

  test("the sender's token sees no more than the sender's own view (contact_only, completed with an outcome)", async () => {
    const n = await world.network();
    const { referral } = await world.refer(n, { consent: { feedbackLevel: "contact_only" } });
    const rw = n.receiver.worker.browser;
    await world.walk(rw, referral.id, [
      { to: "accepted" },
      { to: "in_contact" },
      { to: "completed", outcome: "helped", moneyOutcomeCents: 250_000, note: "Schuldregeling getroffen" },
    ]);
    const token = await tokenFor(n.sender.admin.browser, n.sender.organization.id);

    const asWorker = await read(n.sender.worker.browser, referral.id);
    const asToken = await read(token.system, referral.id);
    expect(asToken.response.status).toBe(200);
    expect(asToken.data).toEqual(asWorker.data);
    expect(asToken.data?.outcome ?? null).toBeNull();
    expect(JSON.stringify(asToken.data)).not.toContain("250000");
    expect(JSON.stringify(asToken.data)).not.toContain("Schuldregeling");

    const path = { params: { path: { referralId: referral.id }, query: {} } };
    const eventsWorker = await n.sender.worker.browser.client.GET("/referrals/{referralId}/events", path);
    const eventsToken = await token.system.client.GET("/referrals/{referralId}/events", path);
    expect(eventsToken.data).toEqual(eventsWorker.data);
    expect(JSON.stringify(eventsToken.data)).not.toContain("Schuldregeling");
    const attempts = await token.system.client.GET("/referrals/{referralId}/contact-attempts", path);
    const attemptsWorker = await n.sender.worker.browser.client.GET("/referrals/{referralId}/contact-attempts", path);
    expect(attempts.response.status).toBe(attemptsWorker.response.status);
    expect(attempts.data).toEqual(attemptsWorker.data);

    const outbox = await token.system.client.GET("/referrals", { params: { query: { box: "outbox" } } });
    const outboxWorker = await n.sender.worker.browser.client.GET("/referrals", { params: { query: { box: "outbox" } } });
    const mine = (l: typeof outbox) => l.data?.data.find((r) => r.id === referral.id);
    expect(mine(outbox)).toEqual(mine(outboxWorker));
    expect(mine(outbox)?.outcome ?? null).toBeNull();

    // The sender's token may not make the receiver's moves either.
    const move = await token.system.client.POST("/referrals/{referralId}/contact-attempts", {
      params: { path: { referralId: referral.id } },
      body: { channel: "phone", result: "no_answer" },
    });
    expect(move.response.status).toBe(403);
  });
});
