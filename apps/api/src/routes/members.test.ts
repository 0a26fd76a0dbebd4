import { randomUUID } from "node:crypto";
import type { Role } from "@schakel/core";
import { invitations, mailOutbox, sessions } from "@schakel/db";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  browserClient,
  createTestContext,
  type MemoryMailer,
  TEST_ORIGIN,
  TEST_PASSWORD,
  type TestContext,
} from "../test/harness";

const HOUR = 60 * 60 * 1000;
const NEW_PASSWORD = "een-nieuw-lang-wachtwoord";

let t: TestContext;
let mailer: MemoryMailer;
beforeAll(async () => {
  t = await createTestContext();
  mailer = t.mailer as MemoryMailer;
});
afterAll(() => t.close());

type Browser = ReturnType<typeof browserClient>;

const uniqueAddress = () => `2001:db8:3e3::${randomUUID().slice(0, 4)}:${randomUUID().slice(0, 4)}`;
const browser = (options: { origin?: string | null } = {}) => browserClient(t.app, { address: uniqueAddress(), ...options });
const newEmail = (what = "nieuw") => `${what}-${randomUUID().slice(0, 8)}@test.example`;

function invite(admin: Browser, organizationId: string, body: { email: string; name?: string; role?: Role }) {
  return admin.client.POST("/organizations/{organizationId}/members", {
    params: { path: { organizationId } },
    body: { name: "Nieuwe Collega", role: "worker", ...body },
  });
}

function update(
  admin: Browser,
  organizationId: string,
  memberId: string,
  body: { role?: Role; status?: "active" | "deactivated" },
) {
  return admin.client.PATCH("/organizations/{organizationId}/members/{memberId}", {
    params: { path: { organizationId, memberId } },
    body,
  });
}

function list(
  admin: Browser,
  organizationId: string,
  query: { limit?: number; cursor?: string; status?: "invited" | "active" | "deactivated" } = {},
) {
  return admin.client.GET("/organizations/{organizationId}/members", { params: { path: { organizationId }, query } });
}

function accept(b: Browser, token: string, password = NEW_PASSWORD) {
  return b.client.POST("/invitation-acceptances", { body: { token, password } });
}

function login(email: string, password = TEST_PASSWORD) {
  const b = browser();
  return b.client.POST("/auth/login", { body: { email, password } }).then((r) => ({ ...r, browser: b }));
}

const mailsTo = (email: string) => mailer.sent.filter((m) => m.to === email);

/** The token from the last invitation mail to this address. */
function tokenFor(email: string): string {
  const mail = mailsTo(email).at(-1);
  const token = mail && /\/uitnodiging#token=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
  if (!token) throw new Error(`no invitation mail to ${email}`);
  return token;
}

describe("happy path", () => {
  test("an admin lists the organization's members, by name, with their status", async () => {
    const { organization, admin, worker } = await t.organizationWithStaff();
    const { data, response } = await list(admin.browser, organization.id);
    expect(response.status).toBe(200);
    expect(data?.data.map((m) => m.id).sort()).toEqual([admin.membership.id, worker.membership.id].sort());
    const me = data?.data.find((m) => m.id === admin.membership.id);
    expect(me).toMatchObject({
      userId: admin.user.id,
      email: admin.user.email,
      role: "admin",
      status: "active",
      invitationExpiresAt: null,
    });
    const names = data?.data.map((m) => m.name) ?? [];
    expect(names).toEqual([...names].sort());
    expect(data?.meta.nextCursor).toBeNull();
  });

  test("the member list pages by cursor and filters by status", async () => {
    const { organization, admin } = await t.organizationWithStaff();
    for (const name of ["Anna", "Bram", "Cor"]) await t.make.member(organization.id, "worker", { name });
    await invite(admin.browser, organization.id, { email: newEmail(), name: "Dirk" });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const { data, response } = await list(admin.browser, organization.id, { limit: 2, ...(cursor ? { cursor } : {}) });
      expect(response.status).toBe(200);
      expect(data?.data.length).toBeLessThanOrEqual(2);
      seen.push(...(data?.data ?? []).map((m) => m.id));
      cursor = data?.meta.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);

    const invited = await list(admin.browser, organization.id, { status: "invited" });
    expect(invited.data?.data.map((m) => m.name)).toEqual(["Dirk"]);
    expect(invited.data?.data[0]?.invitationExpiresAt).toEqual(expect.any(String));
  });

  test("inviting creates an invited member and sends one mail with a one-time link and no password", async () => {
    const { organization, admin } = await t.organizationWithStaff();
    const email = newEmail();
    const before = mailer.sent.length;
    const { data, response } = await invite(admin.browser, organization.id, { email, name: "Sanne de Vries", role: "worker" });
    expect(response.status).toBe(201);
    expect(data).toMatchObject({ email, name: "Sanne de Vries", role: "worker", status: "invited" });
    const expires = new Date(data?.invitationExpiresAt ?? "").getTime();
    expect(expires - t.clock.now().getTime()).toBe(72 * HOUR);

    expect(mailer.sent.length - before).toBe(1);
    const [mail] = mailsTo(email);
    expect(mail?.subject).toContain(organization.name);
    expect(mail?.text).toContain(`${TEST_ORIGIN}/uitnodiging#token=`);
    expect(mail?.text).not.toContain(TEST_PASSWORD);
    expect(mail?.text).not.toMatch(/\$argon2/);
    expect(mail?.text).not.toMatch(/wachtwoord\s*:/i);

    const listed = await list(admin.browser, organization.id, { status: "invited" });
    expect(listed.data?.data.map((m) => m.id)).toEqual([data?.id]);
  });

  test("the invitee accepts with a new password: 201, signed in, and /me shows the membership", async () => {
    const { organization, admin } = await t.organizationWithStaff();
    const email = newEmail();
    const invited = await invite(admin.browser, organization.id, { email, name: "Sanne", role: "coordinator" });
    const invitee = browser();
    const { data, response } = await accept(invitee, tokenFor(email));
    expect(response.status).toBe(201);
    expect(data?.user.email).toBe(email);
    expect(data?.memberships).toEqual([
      { organizationId: organization.id, organizationName: organization.name, role: "coordinator" },
    ]);
    expect(invitee.jar.has("schakel_session")).toBe(true);

    const me = await invitee.client.GET("/me");
    expect(me.response.status).toBe(200);
    expect(me.data?.memberships).toEqual([
      { organizationId: organization.id, organizationName: organization.name, role: "coordinator" },
    ]);

    // The member is active now and signs in with the new password.
    const listed = await list(admin.browser, organization.id);
    expect(listed.data?.data.find((m) => m.id === invited.data?.id)).toMatchObject({
      status: "active",
      invitationExpiresAt: null,
    });
    expect((await login(email, NEW_PASSWORD)).response.status).toBe(200);
  });

  test("the invitation token is stored only as a hash", async () => {
    const { organization, admin } = await t.organizationWithStaff();
    const email = newEmail();
    await invite(admin.browser, organization.id, { email });
    const token = tokenFor(email);
    const rows = await t.db.select().from(invitations);
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  test("someone with an account in another organization accepts with their current password", async () => {
    const a = await t.organizationWithStaff();
    const b = await t.organizationWithStaff();
    const email = a.worker.user.email;
    const invited = await invite(b.admin.browser, b.organization.id, { email, role: "worker" });
    expect(invited.response.status).toBe(201);

    const wrong = await accept(browser(), tokenFor(email), "niet-het-huidige-wachtwoord");
    expect(wrong.response.status).toBe(422);

    const { data, response } = await accept(browser(), tokenFor(email), TEST_PASSWORD);
    expect(response.status).toBe(201);
    expect(data?.memberships.map((m) => m.organizationId).sort()).toEqual([a.organization.id, b.organization.id].sort());
  });

  test("an admin changes a member's role", async () => {
    const { organization, admin, worker } = await t.organizationWithStaff();
    const { data, response } = await update(admin.browser, organization.id, worker.membership.id, { role: "admin" });
    expect(response.status).toBe(200);
    expect(data).toMatchObject({ id: worker.membership.id, role: "admin", status: "active" });
    // The new admin can now manage members.
    expect((await list(worker.browser, organization.id)).response.status).toBe(200);
    expect((await worker.browser.client.GET("/me")).data?.memberships[0]?.role).toBe("admin");
  });

  test("deactivating ends the member's sessions at once and blocks sign-in; reactivating restores it", async () => {
    const { organization, admin, worker } = await t.organizationWithStaff();
    const secondBrowser = (await login(worker.user.email)).browser;
    expect((await worker.browser.client.GET("/me")).response.status).toBe(200);

    const { data, response } = await update(admin.browser, organization.id, worker.membership.id, { status: "deactivated" });
    expect(response.status).toBe(200);
    expect(data?.status).toBe("deactivated");

    expect((await worker.browser.client.GET("/me")).response.status).toBe(401);
    expect((await secondBrowser.client.GET("/me")).response.status).toBe(401);
    expect(await t.db.select().from(sessions).where(eq(sessions.userId, worker.user.id))).toEqual([]);
    expect((await login(worker.user.email)).response.status).toBe(401);

    const back = await update(admin.browser, organization.id, worker.membership.id, { status: "active" });
    expect(back.response.status).toBe(200);
    expect(back.data?.status).toBe("active");
    const again = await login(worker.user.email);
    expect(again.response.status).toBe(200);
    expect(again.data && "memberships" in again.data ? again.data.memberships.map((m) => m.organizationId) : null).toEqual([
      organization.id,
    ]);
  });

  test("an admin can step down once another admin is active", async () => {
    const { organization, admin, worker } = await t.organizationWithStaff();
    expect((await update(admin.browser, organization.id, worker.membership.id, { role: "admin" })).response.status).toBe(200);
    const { data, response } = await update(admin.browser, organization.id, admin.membership.id, { role: "worker" });
    expect(response.status).toBe(200);
    expect(data?.role).toBe("worker");
    expect((await list(admin.browser, organization.id)).response.status).toBe(403);
  });

  test("an invited member can be deactivated, which voids the link", async () => {
    const { organization, admin } = await t.organizationWithStaff();
    const email = newEmail();
    const invited = await invite(admin.browser, organization.id, { email });
    const { response } = await update(admin.browser, organization.id, invited.data?.id ?? "", { status: "deactivated" });
    expect(response.status).toBe(200);
    expect((await accept(browser(), tokenFor(email))).response.status).toBe(404);
  });
});

describe("errors", () => {
  test("an invitation link works only once", async () => {
    const { organization, admin } = await t.organizationWithStaff();
    const email = newEmail();
    await invite(admin.browser, organization.id, { email });
    const token = tokenFor(email);
    expect((await accept(browser(), token)).response.status).toBe(201);
    const { response, error } = await accept(browser(), token, "een-ander-lang-wachtwoord");
    expect(response.status).toBe(409);
    expect(response.headers.get("Content-Type")).toMatch(/^application\/problem\+json/);
    expect(error).toMatchObject({ status: 409 });
    expect(response.headers.getSetCookie()).toEqual([]);
    // The second attempt did not change the password.
    expect((await login(email, "een-ander-lang-wachtwoord")).response.status).toBe(401);
  });

  test("an invitation link works for 72 hours, not 73", async () => {
    const { organization, admin } = await t.organizationWithStaff();
    const early = newEmail("vroeg");
    const late = newEmail("laat");
    await invite(admin.browser, organization.id, { email: early });
    await invite(admin.browser, organization.id, { email: late });
    let moved = 0;
    try {
      t.clock.advance(71 * HOUR);
      moved += 71 * HOUR;
      expect((await accept(browser(), tokenFor(early))).response.status).toBe(201);
      t.clock.advance(2 * HOUR);
      moved += 2 * HOUR;
      const { response, error } = await accept(browser(), tokenFor(late));
      expect(response.status).toBe(422);
      expect(error).toMatchObject({ status: 422, type: expect.stringContaining("invitation-expired") });
    } finally {
      t.clock.advance(-moved);
    }
  });

  test("after an invitation expired, inviting again sends a link that works", async () => {
    const { organization, admin } = await t.organizationWithStaff();
    const email = newEmail();
    await invite(admin.browser, organization.id, { email });
    const expired = tokenFor(email);
    t.clock.advance(73 * HOUR);
    try {
      expect((await accept(browser(), expired)).response.status).toBe(422);
      // Three days on, the admin's own session has long ended (12 h at most): sign in again.
      expect((await admin.browser.client.GET("/me")).response.status).toBe(401);
      const adminAgain = await t.signedIn(admin.user.email);
      expect((await invite(adminAgain, organization.id, { email })).response.status).toBe(201);
      expect((await accept(browser(), tokenFor(email))).response.status).toBe(201);
    } finally {
      t.clock.advance(-73 * HOUR);
    }
  });

  test("a too-short password is 400 naming body.password, and the link still works afterwards", async () => {
    const { organization, admin } = await t.organizationWithStaff();
    const email = newEmail();
    await invite(admin.browser, organization.id, { email });
    const { response, error } = await accept(browser(), tokenFor(email), "kort");
    expect(response.status).toBe(400);
    expect(error?.invalidParams?.map((p) => p.name)).toEqual(["body.password"]);
    expect((await accept(browser(), tokenFor(email))).response.status).toBe(201);
  });

  test("an easy-to-guess password is 400 saying why in Dutch, even for an admin", async () => {
    const { organization, admin } = await t.organizationWithStaff();
    const email = newEmail();
    await invite(admin.browser, organization.id, { email, name: "Nieuwe Beheerder", role: "admin" });
    const { response, error } = await accept(browser(), tokenFor(email), "aaaaaaaaaaaa");
    expect(response.status).toBe(400);
    expect(error?.invalidParams).toEqual([
      { name: "body.password", code: "weak_password", reason: expect.stringMatching(/^Herhalende letters zoals "aaa"/) },
    ]);
    expect(error?.detail).toMatch(/moeilijker te raden/);
    expect((await accept(browser(), tokenFor(email), email)).response.status).toBe(400);
    expect((await accept(browser(), tokenFor(email))).response.status).toBe(201);
  });

  test("an unknown token is 404", async () => {
    const { response } = await accept(browser(), "onbekend-token-onbekend-token");
    expect(response.status).toBe(404);
  });

  test("re-inviting an invited address sends a new link and voids the old one", async () => {
    const { organization, admin } = await t.organizationWithStaff();
    const email = newEmail();
    const first = await invite(admin.browser, organization.id, { email, role: "worker" });
    const oldToken = tokenFor(email);
    const second = await invite(admin.browser, organization.id, { email, role: "admin" });
    expect(second.response.status).toBe(201);
    expect(second.data?.id).toBe(first.data?.id);
    expect(second.data?.role).toBe("admin");
    const newToken = tokenFor(email);
    expect(mailsTo(email)).toHaveLength(2);
    expect(newToken).not.toBe(oldToken);

    expect((await accept(browser(), oldToken)).response.status).toBe(409);
    const { data, response } = await accept(browser(), newToken);
    expect(response.status).toBe(201);
    expect(data?.memberships).toEqual([{ organizationId: organization.id, organizationName: organization.name, role: "admin" }]);
  });

  test("inviting someone who is already an active member is 409 and sends no mail", async () => {
    const { organization, admin, worker } = await t.organizationWithStaff();
    const before = mailer.sent.length;
    const { response, error } = await invite(admin.browser, organization.id, { email: worker.user.email.toUpperCase() });
    expect(response.status).toBe(409);
    expect(error).toMatchObject({ status: 409 });
    expect(mailer.sent.length).toBe(before);
  });

  test("inviting a deactivated member is 409", async () => {
    const { organization, admin, worker } = await t.organizationWithStaff();
    await update(admin.browser, organization.id, worker.membership.id, { status: "deactivated" });
    expect((await invite(admin.browser, organization.id, { email: worker.user.email })).response.status).toBe(409);
  });

  test("an invalid invitation lists every bad field", async () => {
    const { organization, admin } = await t.organizationWithStaff();
    const res = await admin.browser.fetch(
      new Request(`${TEST_ORIGIN}/api/v1/organizations/${organization.id}/members`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ email: "geen-adres", name: " ", role: "baas" }),
      }),
    );
    expect(res.status).toBe(400);
    const body = (await res.json()) as { invalidParams: { name: string }[] };
    expect(body.invalidParams.map((p) => p.name).sort()).toEqual(["body.email", "body.name", "body.role"]);
  });

  test("an empty update is 400", async () => {
    const { organization, admin, worker } = await t.organizationWithStaff();
    const { response } = await update(admin.browser, organization.id, worker.membership.id, {});
    expect(response.status).toBe(400);
  });

  test("the last active admin cannot demote or deactivate themselves (409)", async () => {
    const { organization, admin } = await t.organizationWithStaff();
    for (const body of [{ role: "worker" as const }, { role: "coordinator" as const }, { status: "deactivated" as const }]) {
      const { response, error } = await update(admin.browser, organization.id, admin.membership.id, body);
      expect(response.status, JSON.stringify(body)).toBe(409);
      expect(error).toMatchObject({ status: 409 });
    }
    expect((await admin.browser.client.GET("/me")).data?.memberships[0]?.role).toBe("admin");
  });

  test("an invited member cannot be set active by an admin (409)", async () => {
    const { organization, admin } = await t.organizationWithStaff();
    const email = newEmail();
    const invited = await invite(admin.browser, organization.id, { email });
    const { response } = await update(admin.browser, organization.id, invited.data?.id ?? "", { status: "active" });
    expect(response.status).toBe(409);
    const listed = await list(admin.browser, organization.id, { status: "invited" });
    expect(listed.data?.data.map((m) => m.id)).toEqual([invited.data?.id]);
  });

  test("an unknown member id is 404; a non-uuid id is 400", async () => {
    const { organization, admin } = await t.organizationWithStaff();
    expect((await update(admin.browser, organization.id, randomUUID(), { role: "worker" })).response.status).toBe(404);
    const { response, error } = await update(admin.browser, organization.id, "12", { role: "worker" });
    expect(response.status).toBe(400);
    expect(error?.invalidParams?.map((p) => p.name)).toEqual(["param.memberId"]);
  });

  test("an invalid member cursor is 400", async () => {
    const { organization, admin } = await t.organizationWithStaff();
    expect((await list(admin.browser, organization.id, { cursor: "kapot" })).response.status).toBe(400);
  });
});

describe("authorisation", () => {
  const operations = {
    list: (b: Browser, orgId: string, _memberId: string) => list(b, orgId),
    invite: (b: Browser, orgId: string, _memberId: string) => invite(b, orgId, { email: newEmail() }),
    patch: (b: Browser, orgId: string, memberId: string) => update(b, orgId, memberId, { role: "coordinator" }),
  };

  test.each(Object.keys(operations) as (keyof typeof operations)[])(
    "%s: anonymous 401, worker 403, other organization's admin 404",
    async (op) => {
      const call = operations[op];
      const { organization, admin, worker } = await t.organizationWithStaff();
      const other = await t.organizationWithStaff();
      const before = mailer.sent.length;

      const anonymous = await call(browser(), organization.id, worker.membership.id);
      expect(anonymous.response.status).toBe(401);

      const asWorker = await call(worker.browser, organization.id, worker.membership.id);
      expect(asWorker.response.status).toBe(403);
      expect(asWorker.response.headers.get("Content-Type")).toMatch(/^application\/problem\+json/);

      const asOtherAdmin = await call(other.admin.browser, organization.id, worker.membership.id);
      expect(asOtherAdmin.response.status).toBe(404);
      expect(asOtherAdmin.response.headers.get("Content-Type")).toMatch(/^application\/problem\+json/);

      // Nothing happened: no mail, the worker is unchanged.
      expect(mailer.sent.length).toBe(before);
      const members = await list(admin.browser, organization.id);
      expect(members.data?.data.find((m) => m.id === worker.membership.id)?.role).toBe("worker");
      expect(members.data?.data).toHaveLength(2);
    },
  );

  test("an unknown organization is 404, like another organization's", async () => {
    const { admin } = await t.organizationWithStaff();
    expect((await list(admin.browser, randomUUID())).response.status).toBe(404);
  });

  test("an admin of B cannot change a member of A, not even through B's own path", async () => {
    const a = await t.organizationWithStaff();
    const b = await t.organizationWithStaff();
    const viaB = await update(b.admin.browser, b.organization.id, a.worker.membership.id, { status: "deactivated" });
    expect(viaB.response.status).toBe(404);
    const viaA = await update(b.admin.browser, a.organization.id, a.worker.membership.id, { status: "deactivated" });
    expect(viaA.response.status).toBe(404);
    expect((await a.worker.browser.client.GET("/me")).response.status).toBe(200);
  });

  test("a deactivated admin loses access to the member list", async () => {
    const { organization, admin, worker } = await t.organizationWithStaff();
    await update(admin.browser, organization.id, worker.membership.id, { role: "admin" });
    await update(worker.browser, organization.id, admin.membership.id, { status: "deactivated" });
    const again = await login(admin.user.email);
    expect(again.response.status).toBe(401);
    expect((await list(admin.browser, organization.id)).response.status).toBe(401);
  });

  test("a member change from a foreign Origin is 403 even with a valid admin cookie", async () => {
    const { organization, admin, worker } = await t.organizationWithStaff();
    for (const origin of ["https://evil.example", null]) {
      const evil = browser({ origin });
      for (const [k, v] of admin.browser.jar) evil.jar.set(k, v);
      const { response } = await update(evil, organization.id, worker.membership.id, { status: "deactivated" });
      expect(response.status, String(origin)).toBe(403);
    }
    expect((await worker.browser.client.GET("/me")).response.status).toBe(200);
  });
});

describe("what an invitation tells (issue 9, item 12)", () => {
  /** The answer and the mail, with the parts that differ per invitation (ids, times, address, link) taken out. */
  const shape = (member: object | undefined) => {
    const {
      id: _id,
      userId: _userId,
      createdAt: _createdAt,
      invitationExpiresAt: _expires,
      email: _email,
      ...rest
    } = (member ?? {}) as Record<string, unknown>;
    return rest;
  };

  test("inviting an address that already has an account answers as for a new one: the typed name, never the account's", async () => {
    const other = await t.organizationWithStaff();
    const { organization, admin } = await t.organizationWithStaff();
    // The existing account's display name, which the inviting admin must not learn.
    const existing = await t.make.member(other.organization.id, "worker", { name: "Geheime Naam", email: newEmail("bestaand") });
    const fresh = newEmail("nieuw");

    const known = await invite(admin.browser, organization.id, { email: existing.user.email, name: "Getypte Naam" });
    const unknown = await invite(admin.browser, organization.id, { email: fresh, name: "Getypte Naam" });
    expect(known.response.status).toBe(201);
    expect(unknown.response.status).toBe(201);
    expect(shape(known.data)).toEqual(shape(unknown.data));
    expect(JSON.stringify(known.data)).not.toContain("Geheime Naam");

    const listed = await list(admin.browser, organization.id, { status: "invited" });
    expect(JSON.stringify(listed.data)).not.toContain("Geheime Naam");
    expect(listed.data?.data.map((m) => m.name)).toEqual(["Getypte Naam", "Getypte Naam"]);

    // The mails read the same, but for the link.
    const body = (email: string) =>
      mailsTo(email)
        .at(-1)
        ?.text.replace(/token=[\w-]+/, "token=…");
    expect(body(existing.user.email)).toBe(body(fresh));
    expect(body(existing.user.email)).toContain("Hallo Getypte Naam,");

    // Once the person accepts, their own name is theirs again, and the account keeps it.
    await accept(browser(), tokenFor(existing.user.email), TEST_PASSWORD);
    const after = await list(admin.browser, organization.id, { status: "active" });
    expect(after.data?.data.find((m) => m.userId === existing.user.id)?.name).toBe("Geheime Naam");
  });

  test.each([
    ["a newline and a second paragraph", "Sanne\n\nUw account wordt geblokkeerd. Log in via"],
    ["a web address", "Sanne, zie https://evil.example/login"],
    ["a bare domain", "Sanne op evil.example"],
    ["a control character", "Sanne\u0007"],
  ])("a name with %s is 400 naming body.name, and no mail goes out", async (_what, name) => {
    const { organization, admin } = await t.organizationWithStaff();
    const email = newEmail();
    const { response, error } = await invite(admin.browser, organization.id, { email, name });
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(error?.invalidParams?.map((p) => p.name)).toEqual(["body.name"]);
    expect(mailsTo(email)).toEqual([]);
  });

  test("the mail body is exactly the greeting, the organization, the role and the link", async () => {
    const { organization, admin } = await t.organizationWithStaff();
    const email = newEmail();
    await invite(admin.browser, organization.id, { email, name: "Sanne de Vries", role: "admin" });
    const text = mailsTo(email)[0]?.text.replace(/token=[\w-]+/, "token=TOKEN");
    expect(text).toBe(
      [
        "Hallo Sanne de Vries,",
        "",
        `${organization.name} nodigt je uit voor Schakel, als beheerder.`,
        "Kies je wachtwoord via deze link:",
        "",
        `${TEST_ORIGIN}/uitnodiging#token=TOKEN`,
        "",
        "De link werkt één keer en is 72 uur geldig.",
        "Verwachtte je deze uitnodiging niet? Dan kun je deze e-mail negeren.",
      ].join("\n"),
    );
  });
});

describe("invitations go through the mail outbox (issue 9, item 11)", () => {
  test("the invitation is a row in the outbox, marked sent once delivered", async () => {
    const { organization, admin } = await t.organizationWithStaff();
    const email = newEmail();
    await invite(admin.browser, organization.id, { email });
    const rows = await t.db.select().from(mailOutbox).where(eq(mailOutbox.to, email));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.subject).toContain(organization.name);
    expect(rows[0]?.sentAt).not.toBeNull();
  });
});
