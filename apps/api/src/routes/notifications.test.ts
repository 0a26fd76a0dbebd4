import { randomUUID } from "node:crypto";
import type { FeedbackLevel } from "@schakel/core";
import { contactAttempts, mailOutbox, memberships } from "@schakel/db";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { deliverPendingMail, enqueueMail, MAX_MAIL_ATTEMPTS, mailBackoffMs } from "../mail/outbox";
import { createTestContext, TEST_ORIGIN, type TestContext } from "../test/harness";
import { type Browser, FlakyMailer, RESIDENT, referralWorld } from "../test/referral-world";

let t: TestContext;
let w: ReturnType<typeof referralWorld>;
const mailer = new FlakyMailer();
beforeAll(async () => {
  t = await createTestContext({ mailer });
  w = referralWorld(t);
});
afterAll(() => t.close());

const mailsTo = (email: string) => mailer.sent.filter((m) => m.to === email);

/** A network whose referring worker chose a mail per event (the default is the daily digest). */
async function network() {
  const n = await w.network();
  const { response } = await n.sender.worker.browser.client.PUT("/me/notification-settings", {
    body: { mailMode: "each", allReferrals: false },
  });
  if (response.status !== 200) throw new Error(`settings not saved: ${response.status}`);
  return n;
}

/** Nothing that identifies the resident or says what their problem is, in any mail. */
function expectInformationPoor(texts: string[]) {
  for (const text of texts) {
    for (const secret of [RESIDENT.name, "Sam", "Jansen", RESIDENT.phone, RESIDENT.postcode, "zorgverzekeraar", "2.500 bij"]) {
      expect(text).not.toContain(secret);
    }
  }
}

const notificationsOf = (b: Browser, query: { unread?: "true" | "false"; cursor?: string; limit?: number } = {}) =>
  b.client.GET("/notifications", { params: { query } });

describe("notifications", () => {
  test("your own, newest first, with the unread count; one or all marked read", async () => {
    const n = await network();
    const { referral } = await w.refer(n);
    const rw = n.receiver.worker.browser;
    const sw = n.sender.worker.browser;
    await w.open(rw, referral.id); // received
    t.clock.advance(1000);
    await w.walk(rw, referral.id, [{ to: "accepted" }]);

    const all = await notificationsOf(sw);
    expect(all.response.status).toBe(200);
    expect(all.data?.data.map((x) => x.text)).toEqual([
      "Verwijzing naar Schulddienstverlening: geaccepteerd.",
      "Verwijzing naar Schulddienstverlening: ontvangen.",
    ]);
    expect(all.data?.data[0]).toMatchObject({ referralId: referral.id, readAt: null });
    expect(all.data?.meta).toEqual({ nextCursor: null, unreadCount: 2 });

    const first = await notificationsOf(sw, { limit: 1 });
    const second = await notificationsOf(sw, { limit: 1, cursor: first.data?.meta.nextCursor ?? "" });
    expect([...(first.data?.data ?? []), ...(second.data?.data ?? [])].map((x) => x.id)).toEqual(all.data?.data.map((x) => x.id));
    expect(second.data?.meta.nextCursor).toBeNull();

    const newest = all.data?.data[0]?.id ?? "";
    const read = await sw.client.POST("/notifications/{notificationId}/read", { params: { path: { notificationId: newest } } });
    expect(read.response.status).toBe(200);
    expect(read.data?.readAt).toBe(t.clock.now().toISOString());
    t.clock.advance(1000);
    const again = await sw.client.POST("/notifications/{notificationId}/read", { params: { path: { notificationId: newest } } });
    expect(again.data?.readAt).toBe(read.data?.readAt);
    const unread = await notificationsOf(sw, { unread: "true" });
    expect(unread.data?.data.map((x) => x.text)).toEqual(["Verwijzing naar Schulddienstverlening: ontvangen."]);
    expect(unread.data?.meta.unreadCount).toBe(1);

    const allRead = await sw.client.POST("/notifications/read-all");
    expect(allRead.data).toEqual({ marked: 1 });
    expect((await notificationsOf(sw)).data?.meta.unreadCount).toBe(0);
    expect((await sw.client.POST("/notifications/read-all")).data).toEqual({ marked: 0 });
  });

  test("someone else's notification is 404; no session is 401", async () => {
    const n = await network();
    await w.refer(n);
    const theirs = (await notificationsOf(n.receiver.worker.browser)).data?.data[0]?.id;
    if (!theirs) throw new Error("the receiver should have been notified");
    const path = { params: { path: { notificationId: theirs } } };
    expect((await n.sender.worker.browser.client.POST("/notifications/{notificationId}/read", path)).response.status).toBe(404);
    expect((await n.receiver.admin.browser.client.POST("/notifications/{notificationId}/read", path)).response.status).toBe(404);
    const unknown = { params: { path: { notificationId: randomUUID() } } };
    expect((await n.sender.worker.browser.client.POST("/notifications/{notificationId}/read", unknown)).response.status).toBe(
      404,
    );
    expect((await t.anonymous().client.GET("/notifications", { params: { query: {} } })).response.status).toBe(401);
    // And read-all touches only your own.
    await n.sender.worker.browser.client.POST("/notifications/read-all");
    expect((await notificationsOf(n.receiver.worker.browser)).data?.meta.unreadCount).toBe(1);
  });
});

describe("e-mail to the referring worker", () => {
  const fullPath = [
    { to: "accepted" as const },
    { to: "in_contact" as const },
    { to: "in_progress" as const },
    { to: "completed" as const, outcome: "helped" as const, moneyOutcomeCents: 250_000, note: "Sam is er weer bovenop" },
  ];

  test.each<[FeedbackLevel, string[]]>([
    [
      "outcome",
      [
        "Plangroep Test heeft de verwijzing ontvangen.",
        "Plangroep Test heeft de verwijzing geaccepteerd.",
        "Plangroep Test heeft contact gelegd met de inwoner.",
        "Plangroep Test is met de hulp begonnen.",
        "Plangroep Test heeft de hulp afgerond. Uitkomst: geholpen. Financieel resultaat: € 2.500,00.",
      ],
    ],
    [
      "status",
      [
        "Plangroep Test heeft de verwijzing ontvangen.",
        "Plangroep Test heeft de verwijzing geaccepteerd.",
        "Plangroep Test heeft contact gelegd met de inwoner.",
        "Plangroep Test is met de hulp begonnen.",
        "Plangroep Test heeft de hulp afgerond.",
      ],
    ],
    ["contact_only", ["Plangroep Test heeft contact gelegd met de inwoner.", "Plangroep Test heeft de verwijzing afgesloten."]],
  ])("feedback level %s: a mail per move the resident lets the sender know of, and no more", async (level, expected) => {
    const n = await network();
    const { referral } = await w.refer(n, { consent: { feedbackLevel: level } });
    await w.walk(n.receiver.worker.browser, referral.id, fullPath);

    const mails = mailsTo(n.sender.worker.user.email);
    expect(mails.map((m) => m.text.split("\n")[0]?.replace(/\u00a0/g, " "))).toEqual(expected);
    for (const mail of mails) {
      expect(mail.subject).toMatch(/^Verwijzing naar Schulddienstverlening: /);
      expect(mail.text).toContain(
        `Dienst: Schulddienstverlening\nBekijk de verwijzing in Schakel:\n${TEST_ORIGIN}/verwijzingen/${referral.id}`,
      );
    }
    expectInformationPoor(mails.flatMap((m) => [m.subject, m.text]));
    expect(mails.map((m) => m.text).join("\n")).not.toContain("bovenop");

    // The same limit in the app: notifications and the referral itself.
    const told = await notificationsOf(n.sender.worker.browser);
    expect(told.data?.data).toHaveLength(expected.length);
    const seen = await w.open(n.sender.worker.browser, referral.id);
    expect(seen).toMatchObject(
      level === "outcome"
        ? { status: "completed", outcome: "helped", moneyOutcomeCents: 250_000 }
        : { status: level === "status" ? "completed" : "closed", outcome: null, moneyOutcomeCents: null },
    );
    // Nothing in the outbox is left unsent.
    const pending = await t.db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.to, n.sender.worker.user.email)));
    expect(pending.every((m) => m.sentAt !== null && m.attempts === 1)).toBe(true);
  });

  test("contact_only: the sender still hears of a decline, and in the app sees accepted as received", async () => {
    const n = await network();
    const one = await w.refer(n, { consent: { feedbackLevel: "contact_only" } });
    const two = await w.refer(n, { consent: { feedbackLevel: "contact_only" } });
    const rw = n.receiver.worker.browser;
    await w.walk(rw, one.referral.id, [{ to: "accepted" }]);
    await w.walk(rw, two.referral.id, [{ to: "declined", reason: "Sam valt buiten onze doelgroep" }]);
    expect((await w.open(n.sender.worker.browser, one.referral.id)).status).toBe("received");
    const mails = mailsTo(n.sender.worker.user.email);
    expect(mails.map((m) => m.subject)).toEqual(["Verwijzing naar Schulddienstverlening: afgewezen"]);
    expect(mails[0]?.text).toMatch(/^Plangroep Test heeft de verwijzing afgewezen\. In Schakel zie je waarom/);
    expectInformationPoor(mails.map((m) => m.text));
  });

  test("consent withdrawn: the referring worker is told the referral was withdrawn, and why", async () => {
    const n = await network();
    const { referral, consent } = await w.refer(n);
    await n.sender.admin.browser.client.POST("/consents/{consentId}/withdrawal", {
      params: { path: { consentId: consent.id } },
      body: { reason: "Sam wil het zelf regelen" },
    });
    const mails = mailsTo(n.sender.worker.user.email);
    expect(mails.map((m) => m.text.split("\n")[0])).toEqual([
      "De verwijzing is ingetrokken, omdat de inwoner de toestemming heeft ingetrokken.",
    ]);
    expect(mails[0]?.text).toContain(`/verwijzingen/${referral.id}`);
    expectInformationPoor(mails.map((m) => m.text));
  });

  test("no mail to a referring worker who no longer works at the sending organization", async () => {
    const n = await network();
    const { referral } = await w.refer(n);
    await t.db.update(memberships).set({ status: "deactivated" }).where(eq(memberships.id, n.sender.worker.membership.id));
    await w.walk(n.receiver.worker.browser, referral.id, [{ to: "accepted" }]);
    expect(mailsTo(n.sender.worker.user.email)).toEqual([]);
  });

  test("a message from the receiver: a mail that there is one, never what it says", async () => {
    const n = await network();
    const { referral } = await w.refer(n, { consent: { feedbackLevel: "contact_only" } });
    const sent = await n.receiver.worker.browser.client.POST("/referrals/{referralId}/messages", {
      params: { path: { referralId: referral.id } },
      body: { text: "Sam Jansen belt niet terug, 06-12345678." },
    });
    expect(sent.response.status).toBe(201);
    const [mail] = mailsTo(n.sender.worker.user.email);
    expect(mail).toEqual({
      to: n.sender.worker.user.email,
      subject: "Nieuw bericht over de verwijzing naar Schulddienstverlening",
      text: expect.stringMatching(
        new RegExp(
          `^Plangroep Test heeft een bericht gestuurd over de verwijzing\\.\\n[^]*${TEST_ORIGIN}/verwijzingen/${referral.id}`,
        ),
      ),
    });
    expectInformationPoor([mail?.subject ?? "", mail?.text ?? ""]);
    expect(mail?.text).not.toContain("belt niet terug");
  });
});

describe("the mail outbox", () => {
  test("a mail that fails is kept and goes out on a later attempt; the move itself succeeded", async () => {
    const n = await network();
    const { referral } = await w.refer(n);
    mailer.failing = true;
    const accepted = await w.walk(n.receiver.worker.browser, referral.id, [{ to: "accepted" }]);
    mailer.failing = false;
    expect(accepted.status).toBe("accepted");
    expect(mailsTo(n.sender.worker.user.email)).toEqual([]);

    const outbox = () => t.db.select().from(mailOutbox).where(eq(mailOutbox.to, n.sender.worker.user.email));
    const failed = await outbox();
    expect(failed).toHaveLength(2); // received and accepted
    expect(failed.every((m) => m.sentAt === null && m.attempts === 1 && m.lastError?.includes("451"))).toBe(true);
    const ids = failed.map((m) => m.id);

    // Not before the backoff has passed …
    expect(await deliverPendingMail(t.db, mailer, t.clock.now(), { ids })).toEqual({ sent: 0, failed: 0 });
    // … then delivered.
    const later = new Date(t.clock.now().getTime() + mailBackoffMs(1) + 1000);
    expect(await deliverPendingMail(t.db, mailer, later, { ids })).toEqual({ sent: 2, failed: 0 });
    expect(mailsTo(n.sender.worker.user.email).map((m) => m.subject)).toEqual([
      "Verwijzing naar Schulddienstverlening: ontvangen",
      "Verwijzing naar Schulddienstverlening: geaccepteerd",
    ]);
    expect((await outbox()).every((m) => m.sentAt !== null && m.attempts === 2 && m.lastError === null)).toBe(true);
    expect(await deliverPendingMail(t.db, mailer, new Date(later.getTime() + 86_400_000), { ids })).toEqual({
      sent: 0,
      failed: 0,
    });
  });

  test(`after ${MAX_MAIL_ATTEMPTS} failed attempts a mail is given up, with its error`, async () => {
    const to = `given-up-${randomUUID()}@test.example`;
    const id = await enqueueMail(t.db, { to, subject: "Test", text: "Test", at: t.clock.now() });
    mailer.failing = true;
    let now = t.clock.now();
    try {
      for (let attempt = 1; attempt <= MAX_MAIL_ATTEMPTS; attempt++) {
        expect(await deliverPendingMail(t.db, mailer, now, { ids: [id] })).toEqual({ sent: 0, failed: 1 });
        now = new Date(now.getTime() + mailBackoffMs(attempt));
      }
      mailer.failing = false;
      expect(await deliverPendingMail(t.db, mailer, new Date(now.getTime() + 86_400_000), { ids: [id] })).toEqual({
        sent: 0,
        failed: 0,
      });
    } finally {
      mailer.failing = false;
    }
    const [row] = await t.db.select().from(mailOutbox).where(eq(mailOutbox.id, id));
    expect(row).toMatchObject({ attempts: MAX_MAIL_ATTEMPTS, sentAt: null, lastError: "SMTP 451: try again later" });
    expect(mailsTo(to)).toEqual([]);
  });

  // On the shared PostgreSQL database of the second test leg, an unscoped run would also send
  // other test files' mails; there the scoped runs above cover delivery.
  test.skipIf(Boolean(process.env.DATABASE_URL))("the housekeeping run delivers whatever is due", async () => {
    const to = `later-${randomUUID()}@test.example`;
    mailer.failing = true;
    const id = await enqueueMail(t.db, { to, subject: "Later", text: "Later", at: t.clock.now() });
    await deliverPendingMail(t.db, mailer, t.clock.now(), { ids: [id] });
    mailer.failing = false;
    const result = await deliverPendingMail(t.db, mailer, new Date(t.clock.now().getTime() + 10 * 60_000));
    expect(result.sent).toBeGreaterThanOrEqual(1);
    expect(mailsTo(to).map((m) => m.subject)).toEqual(["Later"]);
  });

  test("a not_reached close under contact_only reads as closed, not how", async () => {
    const n = await network();
    const { referral } = await w.refer(n, { consent: { feedbackLevel: "contact_only" } });
    const rw = n.receiver.worker.browser;
    await w.walk(rw, referral.id, [{ to: "accepted" }]);
    await t.db
      .insert(contactAttempts)
      .values({ referralId: referral.id, channel: "phone", result: "no_answer", at: t.clock.now() });
    await w.walk(rw, referral.id, [{ to: "not_reached" }]);
    const mails = mailsTo(n.sender.worker.user.email);
    expect(mails.map((m) => m.subject)).toEqual(["Verwijzing naar Schulddienstverlening: afgesloten"]);
    expect(mails[0]?.text).not.toMatch(/bereikt/);
  });
});
