import type { components } from "@schakel/api-client";
import { PARTNER_LINK_VALID_DAYS } from "@schakel/core";
import { accessLog, contactAttempts, networkAdmins, notifications, organizations, referrals, securityEvents } from "@schakel/db";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runEscalationLadder } from "../scheduler/escalation-ladder";
import { browserClient, createTestContext, MemoryMailer, TEST_ORIGIN, type TestContext } from "../test/harness";
import { DAY, RESIDENT, referralWorld } from "../test/referral-world";

// Partner-light (issue 10, part 8; ADR 0029): a receiver without an account works its referral
// from links in its mail; the link sees no resident and can take only the referral's next step.

let t: TestContext;
let w: ReturnType<typeof referralWorld>;
const mailer = new MemoryMailer();
beforeAll(async () => {
  t = await createTestContext({ mailer });
  w = referralWorld(t);
});
afterAll(() => t.close());

const SECRETS = [RESIDENT.name, "Sam", "Jansen", RESIDENT.phone, RESIDENT.postcode, "zorgverzekeraar", "2.500", "2003"];
function expectNoResident(text: string) {
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

let intakeCounter = 0;

/** A network whose receiver works without an account: intake address set, switched on by a network admin. */
async function lightNetwork(options: { serviceOnly?: boolean } = {}) {
  const n = await w.network({ receiverName: "Voedselbank Test", serviceName: "Voedselpakket" });
  const intakeEmail = `intake-${++intakeCounter}@voedselbank.example`;
  await t.db.update(organizations).set({ intakeEmail }).where(eq(organizations.id, n.receiver.organization.id));
  await t.db
    .update(organizations)
    .set({ email: "info@wijkteam.example", phone: "026-1234567" })
    .where(eq(organizations.id, n.sender.organization.id));
  if (options.serviceOnly) {
    const { response } = await n.receiver.admin.browser.client.PUT("/services/{serviceId}/partner-light", {
      params: { path: { serviceId: n.service.id } },
      body: { partnerLight: true },
    });
    expect(response.status).toBe(200);
  } else {
    const regie = await t.organizationWithStaff();
    await t.db.insert(networkAdmins).values({ userId: regie.admin.user.id });
    const { response } = await regie.admin.browser.client.PUT("/organizations/{organizationId}/partner-light", {
      params: { path: { organizationId: n.receiver.organization.id } },
      body: { partnerLight: true },
    });
    expect(response.status).toBe(200);
  }
  return { ...n, intakeEmail };
}

const mailsTo = (email: string) => mailer.sent.filter((m) => m.to === email);

/** The token in the newest mail to the address (from the link's fragment). */
function latestToken(email: string): string {
  const mail = mailsTo(email).at(-1);
  const match = mail?.text.match(/\/partner#t=([A-Za-z0-9_-]+)/);
  if (!match?.[1]) throw new Error(`no link in the mail to ${email}`);
  return match[1];
}

/** The partner's browser: no session, no Origin of ours, its own address (throttle counters are per address). */
let addressCounter = 0;
const partner = () => browserClient(t.app, { origin: null, address: `192.0.2.${(++addressCounter % 250) + 1}` });
const view = (token: string) => partner().client.GET("/partner-link", { params: { header: { "partner-link": token } } });
const moveWith = (token: string, body: components["schemas"]["PartnerLinkMove"]) =>
  partner().client.POST("/partner-link/moves", { params: { header: { "partner-link": token } }, body });

describe("a referral to a partner-light receiver", () => {
  test("mails the intake address a link; the page data and the mail hold nothing about the resident", async () => {
    const n = await lightNetwork();
    const { referral } = await w.refer(n);
    const mails = mailsTo(n.intakeEmail);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail?.subject).toMatch(/^Verwijzing V-\d+ voor Voedselpakket: verstuurd$/);
    expect(mail?.text).toContain(`${TEST_ORIGIN}/partner#t=`);
    expect(mail?.text).not.toContain(`/verwijzingen/${referral.id}`);
    expectNoResident(`${mail?.subject}\n${mail?.text}`);

    const { data, response } = await view(latestToken(n.intakeEmail));
    expect(response.status).toBe(200);
    expect(data).toMatchObject({
      status: "sent",
      service: { id: n.service.id, name: "Voedselpakket" },
      sender: { organizationName: n.sender.organization.name, email: "info@wijkteam.example", phone: "026-1234567" },
      allowedMoves: ["received"],
    });
    expect(data?.reference).toMatch(/^V-\d+$/);
    expect(data?.sender.workerName).toBe(n.sender.worker.user.name);
    const json = JSON.stringify(data);
    expectNoResident(json);
    expect(json).not.toContain(referral.residentId ?? "no-resident-id");
    expect(json).not.toContain("Sam wil hulp");
  });

  test("each step works once, the old link is refused after it, and the sender hears of it", async () => {
    const n = await lightNetwork();
    const { referral } = await w.refer(n);
    const first = latestToken(n.intakeEmail);

    const received = await moveWith(first, { to: "received" });
    expect(received.response.status).toBe(201);
    expect(received.data).toMatchObject({ status: "received", nextLinkMailedTo: n.intakeEmail });
    // The same link cannot take the same step again, nor any other.
    const again = await moveWith(first, { to: "received" });
    expect(again.response.status).toBe(409);
    expect(again.response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(again.error?.type).toMatch(/partner-link-used$/);
    expect(again.error?.detail).toMatch(/^Deze link werkt niet meer, omdat/);
    expect((await moveWith(first, { to: "accepted" })).response.status).toBe(409);
    expect((await view(first)).response.status).toBe(409);

    const second = latestToken(n.intakeEmail);
    expect(second).not.toBe(first);
    expect((await view(second)).data?.allowedMoves).toEqual(["accepted", "declined"]);
    expect((await moveWith(second, { to: "completed", outcome: "helped" })).response.status).toBe(409);
    expect((await moveWith(second, { to: "accepted" })).response.status).toBe(201);

    const third = latestToken(n.intakeEmail);
    expect((await view(third)).data?.allowedMoves).toEqual(["in_contact"]);
    expect((await moveWith(third, { to: "in_contact", channel: "phone" })).response.status).toBe(201);
    const attempts = await t.db.select().from(contactAttempts).where(eq(contactAttempts.referralId, referral.id));
    expect(attempts).toMatchObject([{ result: "contact_appointment", channel: "phone", byUserId: null }]);

    const fourth = latestToken(n.intakeEmail);
    const missing = await moveWith(fourth, { to: "completed" });
    expect(missing.response.status).toBe(400);
    expect(missing.error?.invalidParams?.map((p) => p.name)).toContain("body.outcome");
    const done = await moveWith(fourth, { to: "completed", outcome: "helped", moneyOutcomeCents: 25000 });
    expect(done.response.status).toBe(201);
    expect(done.data?.status).toBe("completed");
    expect(done.data?.nextLinkMailedTo).toBeNull();
    const last = mailsTo(n.intakeEmail).at(-1);
    expect(last?.text).toContain("Deze verwijzing is afgesloten");
    expect(last?.text).not.toContain("/partner#t=");
    expect((await view(fourth)).error?.type).toMatch(/partner-link-used$/);

    // The sender sees it as any move: status, outcome, timeline, notifications.
    const seen = await w.open(n.sender.worker.browser, referral.id);
    expect(seen).toMatchObject({ status: "completed", outcome: "helped", moneyOutcomeCents: 25000 });
    const moved = await t.db
      .select({ kind: notifications.kind })
      .from(notifications)
      .where(and(eq(notifications.userId, n.sender.worker.user.id), eq(notifications.referralId, referral.id)));
    expect(moved.filter((m) => m.kind === "referral_moved").length).toBeGreaterThanOrEqual(3);
    const { data: events } = await n.sender.worker.browser.client.GET("/referrals/{referralId}/events", {
      params: { path: { referralId: referral.id }, query: {} },
    });
    expect(events?.data.filter((e) => e.type === "status_changed").map((e) => e.toStatus)).toEqual([
      "sent",
      "received",
      "accepted",
      "in_contact",
      "completed",
    ]);
    for (const mail of mailsTo(n.intakeEmail)) expectNoResident(`${mail.subject}\n${mail.text}`);
  });

  test("the same link sent twice at once takes its step once (the referral and the link are locked)", async () => {
    const n = await lightNetwork();
    await w.refer(n);
    const token = latestToken(n.intakeEmail);
    const answers = await Promise.all([moveWith(token, { to: "received" }), moveWith(token, { to: "received" })]);
    expect(answers.map((a) => a.response.status).sort()).toEqual([201, 409]);
    expect(mailsTo(n.intakeEmail)).toHaveLength(2);
  });

  test("a step by link while a worker opens the referral: one of them moves it, neither fails", async () => {
    const n = await lightNetwork();
    const { referral } = await w.refer(n);
    const token = latestToken(n.intakeEmail);
    const [byLink, byWorker] = await Promise.all([
      moveWith(token, { to: "received" }),
      n.receiver.worker.browser.client.GET("/referrals/{referralId}", { params: { path: { referralId: referral.id } } }),
    ]);
    expect([201, 409]).toContain(byLink.response.status);
    expect(byWorker.response.status).toBe(200);
    const { data: events } = await n.sender.worker.browser.client.GET("/referrals/{referralId}/events", {
      params: { path: { referralId: referral.id }, query: {} },
    });
    expect(events?.data.filter((e) => e.toStatus === "received")).toHaveLength(1);
  });

  test("the escalation ladder's reminder reaches the intake address with a fresh link", async () => {
    const n = await lightNetwork();
    const { referral } = await w.refer(n);
    const old = latestToken(n.intakeEmail);
    // The reminder is due now (the ladder's own timing is escalation-ladder.test.ts's).
    await t.db
      .update(referrals)
      .set({ escalationAt: new Date(t.clock.now().getTime() - 1000) })
      .where(eq(referrals.id, referral.id));
    const fired = await runEscalationLadder(t.serviceContext(null), t.clock.now());
    expect(fired.reminded).toBeGreaterThanOrEqual(1);
    const mail = mailsTo(n.intakeEmail).at(-1);
    expect(mail?.text).toMatch(/^Herinnering: verwijzing V-\d+ voor Voedselpakket wacht op jullie reactie\./);
    expectNoResident(mail?.text ?? "");
    const fresh = latestToken(n.intakeEmail);
    expect(fresh).not.toBe(old);
    expect((await view(old)).error?.type).toMatch(/partner-link-revoked$/);
    expect((await view(fresh)).data?.allowedMoves).toEqual(["received"]);
  });

  test("declining needs a reason, which the sender reads", async () => {
    const n = await lightNetwork();
    const { referral } = await w.refer(n);
    await moveWith(latestToken(n.intakeEmail), { to: "received" });
    const token = latestToken(n.intakeEmail);
    const bare = await moveWith(token, { to: "declined" });
    expect(bare.response.status).toBe(400);
    expect(bare.error?.invalidParams?.map((p) => p.name)).toContain("body.reason");
    expect((await moveWith(token, { to: "declined", reason: "Alleen voor inwoners van Arnhem." })).response.status).toBe(201);
    const seen = await w.open(n.sender.worker.browser, referral.id);
    expect(seen.status).toBe("declined");
    expect(JSON.stringify(seen)).toContain("Alleen voor inwoners van Arnhem.");
  });

  test("a link is stale after a move by someone else, and after the sender sends a fresh one", async () => {
    const n = await lightNetwork();
    const { referral } = await w.refer(n);
    const old = latestToken(n.intakeEmail);
    // The receiver's worker (this organization still has accounts) opens it: a move to received.
    await w.open(n.receiver.worker.browser, referral.id);
    const stale = await view(old);
    expect(stale.response.status).toBe(409);
    expect(stale.error?.type).toMatch(/partner-link-moved-on$/);
    expect(stale.error?.detail).toContain("nieuwste mail");

    const current = latestToken(n.intakeEmail);
    expect((await view(current)).data?.status).toBe("received");
    const { data: resent, response } = await n.sender.worker.browser.client.POST("/referrals/{referralId}/partner-links", {
      params: { path: { referralId: referral.id } },
    });
    expect(response.status).toBe(201);
    expect(resent?.sentTo).toBe(n.intakeEmail);
    const revoked = await view(current);
    expect(revoked.response.status).toBe(403);
    expect(revoked.error?.type).toMatch(/partner-link-revoked$/);
    const fresh = latestToken(n.intakeEmail);
    expect((await view(fresh)).response.status).toBe(200);

    // Only the sending side sends one; the receiver's staff and outsiders cannot.
    for (const b of [n.receiver.worker.browser, n.outsider.worker.browser]) {
      const { response: refused } = await b.client.POST("/referrals/{referralId}/partner-links", {
        params: { path: { referralId: referral.id } },
      });
      expect([403, 404]).toContain(refused.status);
    }
    expect((await view(fresh)).response.status).toBe(200);
  });

  test("an expired link and an unknown one are refused, and written to the security log", async () => {
    const n = await lightNetwork();
    await w.refer(n);
    const token = latestToken(n.intakeEmail);
    const before = await t.db.select().from(securityEvents).where(eq(securityEvents.kind, "partner-link-refused"));
    const unknown = await view("A".repeat(27));
    expect(unknown.response.status).toBe(404);
    expect(unknown.error?.detail).toMatch(/^Deze link werkt niet, omdat/);
    expect((await partner().client.GET("/partner-link", { params: { header: {} } })).response.status).toBe(404);
    t.clock.advance(PARTNER_LINK_VALID_DAYS * DAY + 1000);
    try {
      const expired = await view(token);
      expect(expired.response.status).toBe(403);
      expect(expired.error?.type).toMatch(/partner-link-expired$/);
    } finally {
      t.clock.advance(-(PARTNER_LINK_VALID_DAYS * DAY + 1000));
    }
    const after = await t.db.select().from(securityEvents).where(eq(securityEvents.kind, "partner-link-refused"));
    expect(after.length - before.length).toBe(3);
    expect(after.at(-1)).toMatchObject({ userId: null, route: "/api/v1/partner-link" });
  });

  test("guesses from one address are throttled", async () => {
    const guesser = browserClient(t.app, { origin: null, address: "198.51.100.77" });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const { response } = await guesser.client.GET("/partner-link", {
        params: { header: { "partner-link": `guess${i}`.padEnd(27, "x") } },
      });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 5)).toEqual([404, 404, 404, 404, 404]);
    expect(statuses).toContain(429);
  });

  test("every view and step is in the receiver's access log, via the link", async () => {
    const n = await lightNetwork();
    const { referral } = await w.refer(n);
    const token = latestToken(n.intakeEmail);
    await view(token);
    await moveWith(token, { to: "received" });
    const rows = await t.db
      .select()
      .from(accessLog)
      .where(and(eq(accessLog.organizationId, n.receiver.organization.id), eq(accessLog.subjectId, referral.id)));
    const viaLink = rows.filter((r) => r.action.startsWith("partner_link."));
    expect(viaLink.map((r) => r.action)).toEqual(["partner_link.view", "partner_link.move"]);
    for (const r of viaLink) {
      expect(r).toMatchObject({ actorUserId: null, actorOrganizationId: n.receiver.organization.id, subjectType: "referral" });
      expect(typeof (r.details as { partnerLinkId?: unknown }).partnerLinkId).toBe("string");
    }
    const { data } = await n.receiver.admin.browser.client.GET("/access-log", {
      params: { query: { organizationId: n.receiver.organization.id, action: "partner_link.move" } },
    });
    expect(data?.data[0]).toMatchObject({ actor: { user: null, organization: { id: n.receiver.organization.id } } });
  });

  test("a link reads and changes nothing else: no other referral, no messages, no resident", async () => {
    const n = await lightNetwork();
    const { referral, resident } = await w.refer(n);
    const token = latestToken(n.intakeEmail);
    const { referral: other } = await w.refer(n);
    const asLink = browserClient(t.app, { origin: null, address: "192.0.2.11" });
    const headers = { "partner-link": token, Authorization: `Bearer ${token}`, Cookie: `schakel_session=${token}` };
    const tries = [
      await asLink.client.GET("/referrals/{referralId}", { params: { path: { referralId: referral.id } }, headers }),
      await asLink.client.GET("/referrals/{referralId}", { params: { path: { referralId: other.id } }, headers }),
      await asLink.client.GET("/referrals/{referralId}/messages", {
        params: { path: { referralId: referral.id }, query: {} },
        headers,
      }),
      await asLink.client.POST("/referrals/{referralId}/messages", {
        params: { path: { referralId: referral.id } },
        body: { text: "Hallo" },
        headers,
      }),
      await asLink.client.GET("/residents/{residentId}", { params: { path: { residentId: resident.id } }, headers }),
      await asLink.client.GET("/referrals", { params: { query: { box: "inbox" } as never }, headers }),
    ];
    // Refused every time: a cookie and a bearer token at once (400, ADR 0028), not signed in (401),
    // or a cookie write from nowhere (403, the CSRF check) — never an answer.
    for (const r of tries) expect([400, 401, 403]).toContain(r.response.status);
    // Each way on its own is refused too: the link is no bearer token and no session.
    for (const only of [
      { Authorization: `Bearer ${token}` },
      { Cookie: `schakel_session=${token}` },
      { "partner-link": token },
    ]) {
      const r = await asLink.client.GET("/referrals/{referralId}", {
        params: { path: { referralId: referral.id } },
        headers: only,
      });
      expect(r.response.status).toBe(401);
    }
    // The link moves its own referral only.
    expect((await moveWith(token, { to: "received" })).response.status).toBe(201);
    expect((await w.open(n.sender.worker.browser, referral.id)).status).toBe("received");
    expect((await w.open(n.sender.worker.browser, other.id)).status).toBe("sent");
  });

  test("steps stop when the resident's consent has run out", async () => {
    const n = await lightNetwork();
    await w.refer(n, { consent: { validUntil: new Date(t.clock.now().getTime() + 2 * DAY).toISOString() } });
    const token = latestToken(n.intakeEmail);
    t.clock.advance(3 * DAY);
    try {
      const refused = await moveWith(token, { to: "received" });
      expect(refused.response.status).toBe(409);
      expect(refused.error?.type).toMatch(/consent-expired$/);
    } finally {
      t.clock.advance(-3 * DAY);
    }
  });

  test("a service set partner-light by its own admin works the same", async () => {
    const n = await lightNetwork({ serviceOnly: true });
    await w.refer(n);
    const { data } = await view(latestToken(n.intakeEmail));
    expect(data?.allowedMoves).toEqual(["received"]);
    const { data: service } = await n.sender.worker.browser.client.GET("/services/{serviceId}", {
      params: { path: { serviceId: n.service.id } },
    });
    expect(service).toMatchObject({ partnerLight: true, partnerLightByService: true });
  });
});

describe("settings", () => {
  test("only network admins set an organization partner-light, and only with an intake address", async () => {
    const n = await w.network();
    const body = { partnerLight: true };
    const params = { path: { organizationId: n.receiver.organization.id } };
    const byAdmin = await n.receiver.admin.browser.client.PUT("/organizations/{organizationId}/partner-light", { params, body });
    expect(byAdmin.response.status).toBe(403);
    const regie = await t.organizationWithStaff();
    await t.db.insert(networkAdmins).values({ userId: regie.admin.user.id });
    const without = await regie.admin.browser.client.PUT("/organizations/{organizationId}/partner-light", { params, body });
    expect(without.response.status).toBe(422);
    expect(without.error?.invalidParams?.[0]?.name).toBe("body.partnerLight");
    const byWorker = await n.receiver.worker.browser.client.PUT("/services/{serviceId}/partner-light", {
      params: { path: { serviceId: n.service.id } },
      body,
    });
    expect(byWorker.response.status).toBe(403);
    const byOutsider = await n.outsider.admin.browser.client.PUT("/services/{serviceId}/partner-light", {
      params: { path: { serviceId: n.service.id } },
      body,
    });
    expect([403, 404]).toContain(byOutsider.response.status);
  });

  test("links stop when the organization works with an account again", async () => {
    const n = await lightNetwork({ serviceOnly: true });
    await w.refer(n);
    const token = latestToken(n.intakeEmail);
    const { response } = await n.receiver.admin.browser.client.PUT("/services/{serviceId}/partner-light", {
      params: { path: { serviceId: n.service.id } },
      body: { partnerLight: false },
    });
    expect(response.status).toBe(200);
    const refused = await view(token);
    expect(refused.response.status).toBe(403);
    expect(refused.error?.type).toMatch(/partner-link-with-account$/);
  });

  test("the intake address of a partner-light organization cannot be cleared", async () => {
    const n = await lightNetwork({ serviceOnly: true });
    const { response, error } = await n.receiver.admin.browser.client.PATCH("/organizations/{organizationId}/settings", {
      params: { path: { organizationId: n.receiver.organization.id } },
      body: { intakeEmail: null },
    });
    expect(response.status).toBe(422);
    expect(error?.invalidParams?.[0]?.name).toBe("body.intakeEmail");
    const [org] = await t.db.select().from(organizations).where(eq(organizations.id, n.receiver.organization.id));
    expect(org?.intakeEmail).toBe(n.intakeEmail);
  });

  test("an ordinary receiver with an account gets no links", async () => {
    const n = await w.network();
    const intakeEmail = "intake@gewoon.example";
    await t.db.update(organizations).set({ intakeEmail }).where(eq(organizations.id, n.receiver.organization.id));
    const { referral } = await w.refer(n);
    const mails = mailsTo(intakeEmail);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.text).toContain(`/verwijzingen/${referral.id}`);
    expect(mails[0]?.text).not.toContain("/partner#t=");
    const { response } = await n.sender.worker.browser.client.POST("/referrals/{referralId}/partner-links", {
      params: { path: { referralId: referral.id } },
    });
    expect(response.status).toBe(422);
  });
});
