import { formatReference } from "@schakel/core";
import { memberships, notifications, organizations, referrals } from "@schakel/db";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestContext, MemoryMailer, TEST_ORIGIN, type TestContext } from "../test/harness";
import { type Browser, RESIDENT, referralWorld } from "../test/referral-world";

// The receiving side hears of a referral (issue 8): in the app, and by an information-poor mail
// as each person chose — or at the organization's intake address.

let t: TestContext;
let w: ReturnType<typeof referralWorld>;
const mailer = new MemoryMailer();
beforeAll(async () => {
  t = await createTestContext({ mailer });
  w = referralWorld(t);
});
afterAll(() => t.close());

const mailsTo = (email: string) => mailer.sent.filter((m) => m.to === email);
const HOUR = 3_600_000;

async function choose(b: Browser, mailMode: "each" | "digest", allReferrals = false) {
  return b.client.PUT("/me/notification-settings", { body: { mailMode, allReferrals } });
}

/** Nothing that identifies the resident or says what their problem is. */
function expectInformationPoor(texts: string[]) {
  for (const text of texts) {
    for (const secret of [RESIDENT.name, "Sam", "Jansen", RESIDENT.phone, RESIDENT.postcode, "zorgverzekeraar", "2.500"]) {
      expect(text).not.toContain(secret);
    }
  }
}

async function kindsOf(userId: string, referralId: string) {
  const rows = await t.db
    .select({ kind: notifications.kind, urgent: notifications.urgent })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.referralId, referralId)))
    .orderBy(asc(notifications.createdAt), asc(notifications.kind));
  return rows.map((r) => r.kind);
}

async function referenceOf(referralId: string) {
  const [row] = await t.db.select({ reference: referrals.reference }).from(referrals).where(eq(referrals.id, referralId));
  if (!row) throw new Error("no referral");
  return formatReference(row.reference);
}

/** A network with a second intake worker; the first chose a mail per event, the second kept the default digest. */
async function network() {
  const n = await w.network();
  const second = await t.make.member(n.receiver.organization.id, "worker");
  const secondWorker = { ...second, browser: await t.signedIn(second.user.email) };
  expect((await choose(n.receiver.worker.browser, "each")).response.status).toBe(200);
  return { ...n, secondWorker };
}

describe("a new referral", () => {
  test("reaches the intake workers in the app; by mail those who chose each, not the digest people, not the admin", async () => {
    const n = await network();
    const { referral } = await w.refer(n);
    const ref = await referenceOf(referral.id);
    expect(await kindsOf(n.receiver.worker.user.id, referral.id)).toEqual(["referral_new"]);
    expect(await kindsOf(n.secondWorker.user.id, referral.id)).toEqual(["referral_new"]);
    expect(await kindsOf(n.receiver.admin.user.id, referral.id)).toEqual([]);

    const [mail, ...more] = mailsTo(n.receiver.worker.user.email);
    expect(more).toEqual([]);
    expect(mail?.subject).toBe(`Nieuwe verwijzing voor Schulddienstverlening (${ref})`);
    expect(mail?.text).toContain(
      `Verwijzing: ${ref}\nDienst: Schulddienstverlening\nBekijk de verwijzing in Schakel:\n${TEST_ORIGIN}/verwijzingen/${referral.id}`,
    );
    expect(mail?.text).toContain(`${TEST_ORIGIN}/instellingen`);
    expectInformationPoor([mail?.subject ?? "", mail?.text ?? ""]);
    expect(mailsTo(n.secondWorker.user.email)).toEqual([]);
    expect(mailsTo(n.receiver.admin.user.email)).toEqual([]);
  });

  test("with an intake address: one mail there per event, none to the intake workers, in the app still theirs", async () => {
    const n = await network();
    const intake = `aanmelden-${crypto.randomUUID()}@plangroep.example`;
    await t.db.update(organizations).set({ intakeEmail: intake }).where(eq(organizations.id, n.receiver.organization.id));
    const one = await w.refer(n);
    const two = await w.refer(n);
    expect(mailsTo(intake).map((m) => m.subject)).toEqual([
      `Nieuwe verwijzing voor Schulddienstverlening (${await referenceOf(one.referral.id)})`,
      `Nieuwe verwijzing voor Schulddienstverlening (${await referenceOf(two.referral.id)})`,
    ]);
    expect(mailsTo(intake)[0]?.text).toContain("het aanmeldadres van Plangroep Test");
    expectInformationPoor(mailsTo(intake).flatMap((m) => [m.subject, m.text]));
    expect(mailsTo(n.receiver.worker.user.email)).toEqual([]);
    expect(await kindsOf(n.receiver.worker.user.id, one.referral.id)).toEqual(["referral_new"]);

    // The sender's message before assignment goes to the intake address too; once assigned, to that worker only.
    await w.walk(n.receiver.worker.browser, one.referral.id, [{ to: "accepted" }]);
    await n.sender.worker.browser.client.POST("/referrals/{referralId}/messages", {
      params: { path: { referralId: one.referral.id } },
      body: { text: "Sam is vandaag thuis." },
    });
    expect(mailsTo(intake).map((m) => m.subject)).toHaveLength(3);
    await choose(n.secondWorker.browser, "each");
    const { version } = await w.open(n.receiver.admin.browser, one.referral.id);
    const assigned = await n.receiver.admin.browser.client.PATCH("/referrals/{referralId}", {
      params: { path: { referralId: one.referral.id }, header: { "if-match": `"${version}"` } as never },
      body: { assignedUserId: n.secondWorker.user.id },
    });
    expect(assigned.response.status).toBe(200);
    await n.sender.worker.browser.client.POST("/referrals/{referralId}/messages", {
      params: { path: { referralId: one.referral.id } },
      body: { text: "Nog een vraag over Sam." },
    });
    expect(mailsTo(intake)).toHaveLength(3);
    expect(mailsTo(n.receiver.worker.user.email)).toEqual([]);
    const ref = await referenceOf(one.referral.id);
    expect(mailsTo(n.secondWorker.user.email).map((m) => m.subject)).toEqual([
      `Je bent toegewezen aan een verwijzing naar Schulddienstverlening (${ref})`,
      `Nieuw bericht over de verwijzing naar Schulddienstverlening (${ref})`,
    ]);
    // In the app: the new referral and the first message as intake, then the assignment and the second message.
    expect((await kindsOf(n.secondWorker.user.id, one.referral.id)).sort()).toEqual([
      "referral_assigned",
      "referral_message",
      "referral_message",
      "referral_new",
    ]);
    expect((await kindsOf(n.receiver.worker.user.id, one.referral.id)).filter((k) => k === "referral_message")).toHaveLength(1);
  });

  test("an urgent referral is mailed at once, also to the digest people", async () => {
    const n = await network();
    const { referral } = await w.refer(n, { body: { urgency: "urgent", urgencyReason: "eviction" } });
    const [mail] = mailsTo(n.secondWorker.user.email);
    expect(mail?.subject).toBe(`Nieuwe verwijzing voor Schulddienstverlening (spoed) (${await referenceOf(referral.id)})`);
    expect(mailsTo(n.receiver.worker.user.email)).toHaveLength(1);
    const [row] = await t.db
      .select({ urgent: notifications.urgent })
      .from(notifications)
      .where(and(eq(notifications.userId, n.secondWorker.user.id), eq(notifications.referralId, referral.id)));
    expect(row?.urgent).toBe(true);
  });

  test("admins are told only when they chose every referral; a demoted admin is not, and may not choose it", async () => {
    const n = await network();
    const plain = await w.refer(n);
    expect(await kindsOf(n.receiver.admin.user.id, plain.referral.id)).toEqual([]);

    const chosen = await choose(n.receiver.admin.browser, "each", true);
    expect(chosen.data).toEqual({ mailMode: "each", allReferrals: true, canChooseAllReferrals: true });
    const told = await w.refer(n);
    expect(await kindsOf(n.receiver.admin.user.id, told.referral.id)).toEqual(["referral_new"]);
    expect(mailsTo(n.receiver.admin.user.email).map((m) => m.subject)).toEqual([
      `Nieuwe verwijzing voor Schulddienstverlening (${await referenceOf(told.referral.id)})`,
    ]);
    // Even with an intake address, the admin who asked is mailed themselves.
    const intake = `intake-${crypto.randomUUID()}@plangroep.example`;
    await t.db.update(organizations).set({ intakeEmail: intake }).where(eq(organizations.id, n.receiver.organization.id));
    await w.refer(n);
    expect(mailsTo(n.receiver.admin.user.email)).toHaveLength(2);
    expect(mailsTo(intake)).toHaveLength(1);
    // … but not of messages on referrals that are not theirs.
    await n.sender.worker.browser.client.POST("/referrals/{referralId}/messages", {
      params: { path: { referralId: told.referral.id } },
      body: { text: "Hallo" },
    });
    expect(await kindsOf(n.receiver.admin.user.id, told.referral.id)).toEqual(["referral_new"]);

    // Demoted to worker: the old choice no longer makes them hear of every referral as an admin,
    // and they cannot choose it again.
    await t.db.update(memberships).set({ role: "worker" }).where(eq(memberships.id, n.receiver.admin.membership.id));
    const refused = await choose(n.receiver.admin.browser, "digest", true);
    expect(refused.response.status).toBe(403);
    expect(refused.error).toMatchObject({ status: 403, detail: expect.stringMatching(/beheerder/) });
    expect((await n.receiver.admin.browser.client.GET("/me/notification-settings")).data).toEqual({
      mailMode: "each",
      allReferrals: false,
      canChooseAllReferrals: false,
    });
  });
});

describe("after the new referral", () => {
  test("a message, a driegesprek change and a withdrawal reach the receiver; the actor is never told of their own act", async () => {
    const n = await network();
    const { referral } = await w.refer(n);
    const ref = await referenceOf(referral.id);
    await w.walk(n.receiver.worker.browser, referral.id, [{ to: "accepted" }]);
    const sw = n.sender.worker.browser;
    await sw.client.POST("/referrals/{referralId}/messages", {
      params: { path: { referralId: referral.id } },
      body: { text: "Sam Jansen is bereikbaar op 06-12345678." },
    });
    const moment = new Date(t.clock.now().getTime() + 48 * HOUR).toISOString().replace(/\.\d{3}Z$/, "Z");
    const proposed = await sw.client.PUT("/referrals/{referralId}/driegesprek", {
      params: { path: { referralId: referral.id } },
      body: { moments: [moment] },
    });
    expect(proposed.response.status).toBe(200);
    const view = await w.open(sw, referral.id);
    const withdrawn = await w.move(sw, referral.id, view.version, { to: "withdrawn", reason: "Sam regelt het zelf" });
    expect(withdrawn.response.status).toBe(200);

    const kinds = ["referral_new", "referral_message", "referral_driegesprek", "referral_withdrawn"];
    for (const worker of [n.receiver.worker, n.secondWorker]) {
      expect(await kindsOf(worker.user.id, referral.id)).toEqual(kinds);
    }
    const mails = mailsTo(n.receiver.worker.user.email);
    expect(mails.map((m) => m.subject)).toEqual([
      `Nieuwe verwijzing voor Schulddienstverlening (${ref})`,
      `Nieuw bericht over de verwijzing naar Schulddienstverlening (${ref})`,
      `Driegesprek voorgesteld voor de verwijzing naar Schulddienstverlening (${ref})`,
      `Verwijzing naar Schulddienstverlening: ingetrokken (${ref})`,
    ]);
    expectInformationPoor(mails.flatMap((m) => [m.subject, m.text]));
    expect(mails.map((m) => m.text).join("\n")).not.toMatch(/bereikbaar|regelt het zelf/);
    // The digest person was told in the app only.
    expect(mailsTo(n.secondWorker.user.email)).toEqual([]);
  });
});

describe("notification settings", () => {
  test("defaults without a row; saved and read back; a bad body is a Dutch 400; anonymous is 401", async () => {
    const n = await network();
    const b = n.secondWorker.browser;
    expect((await b.client.GET("/me/notification-settings")).data).toEqual({
      mailMode: "digest",
      allReferrals: false,
      canChooseAllReferrals: false,
    });
    expect((await choose(b, "each")).data).toEqual({ mailMode: "each", allReferrals: false, canChooseAllReferrals: false });
    expect((await b.client.GET("/me/notification-settings")).data?.mailMode).toBe("each");
    const bad = await b.client.PUT("/me/notification-settings", { body: { mailMode: "weekly", allReferrals: false } as never });
    expect(bad.response.status).toBe(400);
    expect(JSON.stringify(bad.error)).toContain("Kies hoe je e-mail wilt krijgen.");
    expect((await b.client.GET("/me/notification-settings")).data?.mailMode).toBe("each");
    const anonymous = t.anonymous();
    expect((await anonymous.client.GET("/me/notification-settings")).response.status).toBe(401);
    expect((await choose(anonymous, "each")).response.status).toBe(401);
  });
});
