import { randomUUID } from "node:crypto";
import type { components } from "@schakel/api-client";
import { accessLog, notifications, referrals } from "@schakel/db";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parseCalendar } from "../lib/ics";
import { API_VERSION } from "../lib/openapi";
import { createTestContext, type MemoryMailer, TEST_ORIGIN, type TestContext } from "../test/harness";
import { type Browser, type ConsentCreate, type ReferralCreate, referralWorld } from "../test/referral-world";

type Problem = components["schemas"]["Problem"];

let t: TestContext;
let world: ReturnType<typeof referralWorld>;
beforeAll(async () => {
  t = await createTestContext();
  world = referralWorld(t);
});
afterAll(() => t.close());

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const later = (ms: number) => new Date(t.clock.now().getTime() + ms).toISOString().replace(/\.\d{3}Z$/, "Z");

// ---- the world: the shared referral world ----

/** A sent referral with everything around it; `accepted` has the receiver open and accept it. */
async function referral(options: { consent?: Partial<ConsentCreate>; body?: Partial<ReferralCreate>; accepted?: boolean } = {}) {
  const n = await world.network({ receiverName: "Schuldhulp Test", receiverWorkerName: "Rosa Ontvanger" });
  const { resident, consent, referral: data } = await world.refer(n, { consent: options.consent, body: options.body });
  const path = { params: { path: { referralId: data.id } } };
  if (options.accepted) {
    await n.receiver.worker.browser.client.GET("/referrals/{referralId}", path);
    const accepted = await world.move(n.receiver.worker.browser, data.id, 2, { to: "accepted" });
    if (accepted.response.status !== 200) throw new Error(`not accepted: ${accepted.response.status}`);
  }
  return { ...n, resident, consent, referral: data, path };
}

// ---- the endpoints ----

const timeline = (b: Browser, referralId: string, query: { cursor?: string; limit?: number } = {}) =>
  b.client.GET("/referrals/{referralId}/events", { params: { path: { referralId }, query } });
const messages = (b: Browser, referralId: string) =>
  b.client.GET("/referrals/{referralId}/messages", { params: { path: { referralId } } });
const sendMessage = (b: Browser, referralId: string, text: string) =>
  b.client.POST("/referrals/{referralId}/messages", { params: { path: { referralId } }, body: { text } });
const attempts = (b: Browser, referralId: string) =>
  b.client.GET("/referrals/{referralId}/contact-attempts", { params: { path: { referralId } } });
const logAttempt = (b: Browser, referralId: string, body: components["schemas"]["ContactAttemptCreate"]) =>
  b.client.POST("/referrals/{referralId}/contact-attempts", { params: { path: { referralId } }, body });
const driegesprek = (b: Browser, referralId: string) =>
  b.client.GET("/referrals/{referralId}/driegesprek", { params: { path: { referralId } } });
const propose = (b: Browser, referralId: string, moments: string[]) =>
  b.client.PUT("/referrals/{referralId}/driegesprek", { params: { path: { referralId } }, body: { moments } });
const confirm = (b: Browser, referralId: string, body: components["schemas"]["DriegesprekConfirmation"]) =>
  b.client.POST("/referrals/{referralId}/driegesprek/confirmation", { params: { path: { referralId } }, body });
const outcome = (b: Browser, referralId: string, body: components["schemas"]["DriegesprekOutcome"]) =>
  b.client.POST("/referrals/{referralId}/driegesprek/outcome", { params: { path: { referralId } }, body });
const calendar = (b: Pick<Browser, "fetch">, referralId: string) =>
  b.fetch(new Request(`${TEST_ORIGIN}/api/v1/referrals/${referralId}/driegesprek.ics`));

const invalidNames = (error: unknown) => ((error as Problem).invalidParams ?? []).map((p) => p.name).sort();

async function notificationsOf(userId: string, referralId: string) {
  const rows = await t.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.referralId, referralId)));
  return rows.map((r) => r.text);
}

describe("timeline", () => {
  test("both sides see moves, messages, contact attempts and driegesprek changes, oldest first", async () => {
    const { sender, receiver, referral: r } = await referral({ accepted: true });
    const sw = sender.worker.browser;
    const rw = receiver.worker.browser;
    expect((await sendMessage(sw, r.id, "Hij is het best bereikbaar na 16 uur.")).response.status).toBe(201);
    expect((await logAttempt(rw, r.id, { channel: "phone", result: "no_answer", note: "Voicemail" })).response.status).toBe(201);
    const meeting = later(HOUR);
    expect((await propose(rw, r.id, [meeting, later(2 * HOUR)])).response.status).toBe(200);
    expect((await confirm(sw, r.id, { at: meeting, place: "Wijkcentrum De Linde" })).response.status).toBe(200);
    t.clock.advance(2 * HOUR);
    expect((await outcome(rw, r.id, { held: true, note: "Goed gesprek" })).response.status).toBe(200);
    expect((await world.move(rw, r.id, 3, { to: "in_contact", note: "Intake gepland" })).response.status).toBe(200);

    const expected = [
      ["status_changed", "sent"],
      ["status_changed", "received"],
      ["status_changed", "accepted"],
      ["message", null],
      ["contact_attempt", null],
      ["driegesprek_proposed", null],
      ["driegesprek_confirmed", null],
      ["driegesprek_held", null],
      ["status_changed", "in_contact"],
    ];
    for (const b of [sw, rw]) {
      const { data, response } = await timeline(b, r.id);
      expect(response.status).toBe(200);
      expect(response.headers.get("API-Version")).toBe(API_VERSION);
      expect(data?.data.map((e) => [e.type, e.toStatus])).toEqual(expected);
      expect(data?.meta.nextCursor).toBeNull();
      const ats = data?.data.map((e) => e.at) ?? [];
      expect([...ats].sort()).toEqual(ats);
    }

    const asSender = (await timeline(sw, r.id)).data?.data ?? [];
    const message = asSender.find((e) => e.type === "message");
    expect(message).toMatchObject({
      note: "Hij is het best bereikbaar na 16 uur.",
      noteHidden: null,
      actor: { side: "sender", organization: { id: sender.organization.id }, user: { id: sender.worker.user.id } },
    });
    // People of the other organization are shown by organization only.
    expect(asSender.find((e) => e.type === "contact_attempt")).toMatchObject({
      note: "Voicemail",
      actor: { side: "receiver", organization: { name: "Schuldhulp Test" }, user: null },
      contactAttempt: { channel: "phone", result: "no_answer" },
    });
    expect(asSender.find((e) => e.type === "driegesprek_confirmed")?.driegesprek).toMatchObject({
      state: "confirmed",
      confirmedAt: meeting.replace("Z", ".000Z"),
    });
    expect(asSender.find((e) => e.type === "driegesprek_held")).toMatchObject({
      note: "Goed gesprek",
      driegesprek: { state: "held" },
    });

    const asReceiver = (await timeline(rw, r.id)).data?.data ?? [];
    expect(asReceiver.find((e) => e.type === "message")?.actor).toMatchObject({ side: "sender", user: null });
    expect(asReceiver.find((e) => e.toStatus === "in_contact")).toMatchObject({
      fromStatus: "accepted",
      note: "Intake gepland",
      actor: { side: "receiver", user: { name: "Rosa Ontvanger" } },
    });
    const read = await t.db
      .select()
      .from(accessLog)
      .where(and(eq(accessLog.action, "referral.events.read"), eq(accessLog.actorUserId, receiver.worker.user.id)));
    expect(read.length).toBeGreaterThan(0);
  });

  test("pages follow one another without gaps; a foreign cursor is a 400", async () => {
    const { sender, referral: r } = await referral({ accepted: true });
    const sw = sender.worker.browser;
    for (const text of ["een", "twee", "drie", "vier"]) await sendMessage(sw, r.id, text);
    const all = (await timeline(sw, r.id)).data?.data.map((e) => e.id) ?? [];
    expect(all).toHaveLength(7);
    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const { data } = await timeline(sw, r.id, { limit: 2, ...(cursor ? { cursor } : {}) });
      paged.push(...(data?.data.map((e) => e.id) ?? []));
      cursor = data?.meta.nextCursor ?? undefined;
    } while (cursor);
    expect(paged).toEqual(all);
    const bad = await timeline(sw, r.id, { cursor: "niet-van-ons" });
    expect(bad.response.status).toBe(400);
    expect(invalidNames(bad.error)).toEqual(["query.cursor"]);
    expect((await timeline(sw, r.id, { limit: 0 })).response.status).toBe(400);
  });

  test("under feedback level status the sender sees the moves but not the outcome note", async () => {
    const { sender, receiver, referral: r } = await referral({ accepted: true, consent: { feedbackLevel: "status" } });
    const rw = receiver.worker.browser;
    await world.move(rw, r.id, 3, { to: "in_contact" });
    await world.move(rw, r.id, 4, { to: "completed", outcome: "helped", note: "Schuldregeling getroffen" });
    const done = (await timeline(sender.worker.browser, r.id)).data?.data.at(-1);
    expect(done).toMatchObject({ toStatus: "completed", note: null, noteHidden: "feedback_level" });
    expect((await timeline(rw, r.id)).data?.data.at(-1)).toMatchObject({ note: "Schuldregeling getroffen", noteHidden: null });
  });

  test("under feedback level outcome the sender reads the outcome note", async () => {
    const { sender, receiver, referral: r } = await referral({ accepted: true });
    const rw = receiver.worker.browser;
    await world.move(rw, r.id, 3, { to: "in_contact" });
    await world.move(rw, r.id, 4, { to: "completed", outcome: "helped", note: "Schuldregeling getroffen" });
    expect((await timeline(sender.worker.browser, r.id)).data?.data.at(-1)).toMatchObject({
      toStatus: "completed",
      note: "Schuldregeling getroffen",
    });
  });

  test("under contact_only the sender sees arrival, contact and the end — no acceptance, attempts or how it ended", async () => {
    const { sender, receiver, referral: r } = await referral({ accepted: true, consent: { feedbackLevel: "contact_only" } });
    const rw = receiver.worker.browser;
    const sw = sender.worker.browser;
    await logAttempt(rw, r.id, { channel: "phone", result: "not_wanted", note: "Wil eerst zelf kijken" });
    await sendMessage(rw, r.id, "Kun jij hem nog eens bellen?");
    await world.move(rw, r.id, 3, { to: "in_contact" });
    await world.move(rw, r.id, 4, { to: "on_hold", reason: "Op vakantie" });
    await world.move(rw, r.id, 5, { to: "in_contact" });
    await world.move(rw, r.id, 6, { to: "in_progress", note: "Traject gestart" });
    await world.move(rw, r.id, 7, { to: "completed", outcome: "not_helped", note: "Haakte af" });

    const seen = (await timeline(sw, r.id)).data?.data ?? [];
    expect(seen.map((e) => [e.type, e.fromStatus, e.toStatus, e.note])).toEqual([
      ["status_changed", null, "sent", null],
      ["status_changed", "sent", "received", null],
      ["message", null, null, "Kun jij hem nog eens bellen?"],
      ["status_changed", "received", "in_contact", null],
      ["status_changed", "in_contact", "closed", null],
    ]);
    expect(seen.at(-1)?.noteHidden).toBe("feedback_level");
    expect((await attempts(sw, r.id)).data?.data).toEqual([]);
    // The receiver sees everything as it is.
    expect((await timeline(rw, r.id)).data?.data).toHaveLength(10);
    expect((await attempts(rw, r.id)).data?.data).toHaveLength(1);
  });
});

describe("messages", () => {
  test("both sides write and read; each message notifies the other side without naming the resident", async () => {
    const { sender, receiver, referral: r } = await referral({ accepted: true });
    const sw = sender.worker.browser;
    const rw = receiver.worker.browser;
    // Everyone here chose a mail per event (the default is the daily digest).
    for (const b of [sw, rw, receiver.admin.browser]) {
      await b.client.PUT("/me/notification-settings", { body: { mailMode: "each", allReferrals: false } });
    }
    const first = await rw.client.POST("/referrals/{referralId}/messages", {
      params: { path: { referralId: r.id } },
      body: { text: "  We kunnen hem niet bereiken. Lukt het jou?  " },
    });
    expect(first.response.status).toBe(201);
    expect(first.response.headers.get("API-Version")).toBe(API_VERSION);
    expect(first.data).toMatchObject({
      referralId: r.id,
      text: "We kunnen hem niet bereiken. Lukt het jou?",
      textHidden: null,
      author: { side: "receiver", user: { id: receiver.worker.user.id } },
    });
    expect((await sendMessage(sw, r.id, "Ik bel hem vanmiddag.")).response.status).toBe(201);

    for (const b of [sw, rw]) {
      const { data, response } = await messages(b, r.id);
      expect(response.status).toBe(200);
      expect(data?.data.map((m) => [m.author.side, m.text])).toEqual([
        ["receiver", "We kunnen hem niet bereiken. Lukt het jou?"],
        ["sender", "Ik bel hem vanmiddag."],
      ]);
    }

    const toSender = await notificationsOf(sender.worker.user.id, r.id);
    expect(toSender).toContain("Nieuw bericht over de verwijzing naar Schulddienstverlening.");
    // Nobody is assigned yet: the receiving organization's intake (its workers, not its admins) hears of the sender's message.
    expect(await notificationsOf(receiver.worker.user.id, r.id)).toContain(
      "Nieuw bericht over de verwijzing naar Schulddienstverlening.",
    );
    expect(await notificationsOf(receiver.admin.user.id, r.id)).not.toContain(
      "Nieuw bericht over de verwijzing naar Schulddienstverlening.",
    );
    for (const text of [...toSender, ...(await notificationsOf(receiver.worker.user.id, r.id))]) {
      expect(text).not.toMatch(/Sam|Jansen|bereiken|bellen/);
    }

    // The referring worker also gets an e-mail that there is a message — not what it says.
    const mails = (t.mailer as MemoryMailer).sent.filter((m) => m.to === sender.worker.user.email);
    const mail = mails.find((m) => m.subject === "Nieuw bericht over de verwijzing naar Schulddienstverlening");
    expect(mail?.text).toContain(`/verwijzingen/${r.id}`);
    expect(`${mail?.subject}\n${mail?.text}`).not.toMatch(/Sam|Jansen|bereiken|bellen/);
    // The sender's message is mailed to the intake worker (that there is one), never to the admin.
    const toIntake = (t.mailer as MemoryMailer).sent.filter(
      (m) => m.to === receiver.worker.user.email && /bericht/i.test(m.subject),
    );
    expect(toIntake.map((m) => m.subject)).toEqual([
      expect.stringMatching(/^Nieuw bericht over de verwijzing naar Schulddienstverlening \(V-\d+\)$/),
    ]);
    expect(toIntake[0]?.text).not.toMatch(/Sam|Jansen|bellen|vanmiddag/);
    expect(
      (t.mailer as MemoryMailer).sent.filter((m) => m.to === receiver.admin.user.email && /bericht/i.test(m.subject)),
    ).toEqual([]);
  });

  test("with a worker assigned, the sender's message notifies only that worker", async () => {
    const { sender, receiver, referral: r } = await referral({ accepted: true });
    await t.db.update(referrals).set({ assignedUserId: receiver.admin.user.id }).where(eq(referrals.id, r.id));
    await sendMessage(sender.worker.browser, r.id, "Nog een vraag.");
    expect(await notificationsOf(receiver.admin.user.id, r.id)).toContain(
      "Nieuw bericht over de verwijzing naar Schulddienstverlening.",
    );
    expect(await notificationsOf(receiver.worker.user.id, r.id)).not.toContain(
      "Nieuw bericht over de verwijzing naar Schulddienstverlening.",
    );
  });

  test("reading messages is written to the access log", async () => {
    const { sender, receiver, referral: r } = await referral();
    const sent = await sendMessage(sender.worker.browser, r.id, "Graag eerst met mij afstemmen.");
    await messages(receiver.worker.browser, r.id);
    const rows = await t.db
      .select()
      .from(accessLog)
      .where(and(eq(accessLog.action, "referral.messages.read"), eq(accessLog.actorUserId, receiver.worker.user.id)));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      subjectType: "resident",
      organizationId: receiver.organization.id,
      details: { referralId: r.id, messageIds: [sent.data?.id] },
    });
  });

  test("a message has 1 to 2000 characters", async () => {
    const { sender, referral: r } = await referral();
    for (const text of ["", "   ", "x".repeat(2001)]) {
      const { response, error } = await sendMessage(sender.worker.browser, r.id, text);
      expect(response.status).toBe(400);
      expect(invalidNames(error)).toEqual(["body.text"]);
    }
    const missing = await sender.worker.browser.client.POST("/referrals/{referralId}/messages", {
      params: { path: { referralId: r.id } },
      body: {} as never,
    });
    expect(invalidNames(missing.error)).toEqual(["body.text"]);
    expect((await sendMessage(sender.worker.browser, r.id, "x".repeat(2000))).response.status).toBe(201);
  });

  test("a closed referral takes no new messages (409, in Dutch); its messages stay readable", async () => {
    const { sender, referral: r } = await referral();
    await sendMessage(sender.worker.browser, r.id, "Eerste bericht.");
    await world.move(sender.worker.browser, r.id, 1, { to: "withdrawn", note: "Dubbel verwezen" });
    const { response, error } = await sendMessage(sender.worker.browser, r.id, "Nog iets.");
    expect(response.status).toBe(409);
    expect(response.headers.get("Content-Type")).toMatch(/^application\/problem\+json/);
    expect((error as Problem).detail).toMatch(/afgesloten \(ingetrokken\)/);
    expect((await messages(sender.worker.browser, r.id)).data?.data).toHaveLength(1);
  });

  test("after consent withdrawal the receiver sees that messages were sent, not what they say", async () => {
    const { sender, receiver, consent, referral: r } = await referral({ accepted: true });
    const sw = sender.worker.browser;
    const rw = receiver.worker.browser;
    await sendMessage(sw, r.id, "Hij woont sinds kort bij zijn zus in Elst.");
    await sendMessage(rw, r.id, "Dank, we proberen het daar.");
    await logAttempt(rw, r.id, { channel: "home_visit", result: "no_answer", note: "Niemand thuis in Elst" });
    await propose(sw, r.id, [later(HOUR)]);
    await confirm(rw, r.id, { at: later(HOUR), place: "Bij zijn zus, Dorpsstraat 3 in Elst" });
    expect((await calendar(rw, r.id)).status).toBe(200);
    const withdrawn = await sw.client.POST("/consents/{consentId}/withdrawal", {
      params: { path: { consentId: consent.id } },
      body: { reason: "Wil het zelf regelen" },
    });
    expect(withdrawn.response.status).toBe(200);
    const before = await t.db
      .select()
      .from(accessLog)
      .where(and(eq(accessLog.action, "referral.messages.read"), eq(accessLog.actorUserId, receiver.worker.user.id)));

    const asReceiver = (await messages(rw, r.id)).data?.data ?? [];
    expect(asReceiver).toHaveLength(2);
    for (const m of asReceiver) expect(m).toMatchObject({ text: null, textHidden: "consent_withdrawn" });
    expect(asReceiver[0]?.author).toMatchObject({ side: "sender", organization: { id: sender.organization.id } });
    const after = await t.db
      .select()
      .from(accessLog)
      .where(and(eq(accessLog.action, "referral.messages.read"), eq(accessLog.actorUserId, receiver.worker.user.id)));
    expect(after).toHaveLength(before.length);

    const events = (await timeline(rw, r.id)).data?.data ?? [];
    expect(JSON.stringify(events)).not.toMatch(/Elst|zus/);
    expect(events.find((e) => e.type === "contact_attempt")).toMatchObject({ note: null, noteHidden: "consent_withdrawn" });
    // Schakel's own note on the withdrawal stays.
    expect(events.at(-1)).toMatchObject({ toStatus: "withdrawn", note: expect.stringMatching(/toestemming/), noteHidden: null });
    expect((await attempts(rw, r.id)).data?.data[0]).toMatchObject({ note: null, noteHidden: "consent_withdrawn" });

    // The driegesprek stays, without where it was; a closed referral's driegesprek goes in no calendar.
    expect((await driegesprek(rw, r.id)).data).toMatchObject({ state: "confirmed", place: null, calendarUrl: null });
    expect((await calendar(rw, r.id)).status).toBe(404);
    expect((await calendar(sw, r.id)).status).toBe(404);
    expect((await driegesprek(sw, r.id)).data?.place).toBe("Bij zijn zus, Dorpsstraat 3 in Elst");

    // The sender, who recorded the resident, still reads them.
    expect((await messages(sw, r.id)).data?.data.map((m) => m.text)).toEqual([
      "Hij woont sinds kort bij zijn zus in Elst.",
      "Dank, we proberen het daar.",
    ]);
  });
});

describe("contact attempts", () => {
  test("the receiver logs attempts both sides see; one attempt makes 'niet bereikt' possible", async () => {
    const { sender, receiver, referral: r } = await referral({ accepted: true });
    const rw = receiver.worker.browser;
    t.clock.advance(2 * HOUR);
    const now = t.clock.now().toISOString();
    const first = await logAttempt(rw, r.id, { channel: "phone", result: "no_answer" });
    expect(first.response.status).toBe(201);
    expect(first.data).toMatchObject({ referralId: r.id, channel: "phone", result: "no_answer", note: null, at: now });
    const anHourAgo = new Date(t.clock.now().getTime() - HOUR).toISOString();
    const second = await logAttempt(rw, r.id, { channel: "card", result: "no_answer", note: "Kaartje in de bus", at: anHourAgo });
    expect(second.data).toMatchObject({ at: anHourAgo, note: "Kaartje in de bus" });

    const asReceiver = (await attempts(rw, r.id)).data;
    expect(asReceiver?.data.map((a) => a.channel)).toEqual(["card", "phone"]);
    expect(asReceiver?.data[0]?.by).toMatchObject({ side: "receiver", user: { id: receiver.worker.user.id } });
    const asSender = (await attempts(sender.worker.browser, r.id)).data;
    expect(asSender?.data.map((a) => [a.channel, a.note])).toEqual([
      ["card", "Kaartje in de bus"],
      ["phone", null],
    ]);
    expect(asSender?.data[0]?.by).toMatchObject({ organization: { id: receiver.organization.id }, user: null });

    expect((await world.move(rw, r.id, 3, { to: "not_reached" })).response.status).toBe(200);
  });

  test("only the receiver logs attempts: 403 for the sender, in Dutch", async () => {
    const { sender, referral: r } = await referral({ accepted: true });
    const { response, error } = await logAttempt(sender.worker.browser, r.id, { channel: "phone", result: "no_answer" });
    expect(response.status).toBe(403);
    expect((error as Problem).detail).toMatch(/Alleen de ontvangende organisatie/);
  });

  test("only on an open referral the receiver has accepted (409 otherwise)", async () => {
    const { sender, receiver, referral: r, path } = await referral();
    const rw = receiver.worker.browser;
    await rw.client.GET("/referrals/{referralId}", path);
    const early = await logAttempt(rw, r.id, { channel: "phone", result: "no_answer" });
    expect(early.response.status).toBe(409);
    expect((early.error as Problem).detail).toMatch(/Accepteer/);
    await world.move(sender.worker.browser, r.id, 2, { to: "withdrawn" });
    const closed = await logAttempt(rw, r.id, { channel: "phone", result: "no_answer" });
    expect(closed.response.status).toBe(409);
    expect((closed.error as Problem).detail).toMatch(/afgesloten/);
  });

  test("unknown channels and results, a time in the future or before the referral are 400s", async () => {
    const { receiver, referral: r } = await referral({ accepted: true });
    const rw = receiver.worker.browser;
    const wrong = await logAttempt(rw, r.id, { channel: "pigeon", result: "maybe", at: "gisteren" } as never);
    expect(wrong.response.status).toBe(400);
    expect(invalidNames(wrong.error)).toEqual(["body.at", "body.channel", "body.result"]);
    const future = await logAttempt(rw, r.id, { channel: "phone", result: "no_answer", at: later(HOUR) });
    expect(future.response.status).toBe(400);
    expect(invalidNames(future.error)).toEqual(["body.at"]);
    const early = await logAttempt(rw, r.id, { channel: "phone", result: "no_answer", at: later(-DAY) });
    expect(early.response.status).toBe(400);
    expect((early.error as Problem).invalidParams?.[0]?.reason).toMatch(/vóór de verwijzing/);
    expect((await attempts(rw, r.id)).data?.data).toEqual([]);
  });
});

describe("driegesprek", () => {
  test("proposed by the receiver, confirmed by the sender, held — each step notifies the other side", async () => {
    const { sender, receiver, referral: r } = await referral({ accepted: true });
    const sw = sender.worker.browser;
    const rw = receiver.worker.browser;
    const none = await driegesprek(sw, r.id);
    expect(none.response.status).toBe(404);
    expect((none.error as Problem).type).toMatch(/driegesprek-not-found$/);

    const proposed = await propose(rw, r.id, [later(2 * HOUR), later(HOUR)]);
    expect(proposed.response.status).toBe(200);
    expect(proposed.response.headers.get("API-Version")).toBe(API_VERSION);
    expect(proposed.data).toMatchObject({ referralId: r.id, state: "proposed", confirmedAt: null, calendarUrl: null });
    expect(proposed.data?.proposedMoments).toEqual([later(HOUR), later(2 * HOUR)].map((m) => m.replace("Z", ".000Z")));
    expect(await notificationsOf(sender.worker.user.id, r.id)).toContain(
      "Driegesprek voorgesteld voor de verwijzing naar Schulddienstverlening.",
    );

    const confirmed = await confirm(sw, r.id, { at: later(HOUR), place: "Wijkcentrum De Linde, zaal 2" });
    expect(confirmed.data).toMatchObject({
      state: "confirmed",
      confirmedAt: later(HOUR).replace("Z", ".000Z"),
      endsAt: later(2 * HOUR).replace("Z", ".000Z"),
      place: "Wijkcentrum De Linde, zaal 2",
      videoLink: null,
      calendarUrl: `/api/v1/referrals/${r.id}/driegesprek.ics`,
    });
    expect(await notificationsOf(receiver.worker.user.id, r.id)).toContain(
      "Driegesprek bevestigd voor de verwijzing naar Schulddienstverlening.",
    );
    expect((await driegesprek(rw, r.id)).data).toEqual(confirmed.data);

    const early = await outcome(rw, r.id, { held: true });
    expect(early.response.status).toBe(409);
    expect((early.error as Problem).detail).toMatch(/nog niet begonnen/);

    // Sessions last 12 hours at most (on the test clock too), so these meetings are hours away.
    t.clock.advance(HOUR);
    const held = await outcome(rw, r.id, { held: true, note: "Sam was erbij; intake volgende week" });
    expect(held.data).toMatchObject({ state: "held", calendarUrl: null });
    expect(await notificationsOf(sender.worker.user.id, r.id)).toContain(
      "Driegesprek gehouden voor de verwijzing naar Schulddienstverlening.",
    );
    const again = await propose(sw, r.id, [later(DAY)]);
    expect(again.response.status).toBe(409);
    expect((again.error as Problem).detail).toMatch(/al gehouden/);
    expect((await outcome(sw, r.id, { held: false })).response.status).toBe(409);
    for (const text of await notificationsOf(sender.worker.user.id, r.id)) expect(text).not.toMatch(/Sam|Jansen/);
  });

  test("moments proposed with the referral show up; re-planning drops the confirmation; not held can be planned again", async () => {
    const {
      sender,
      receiver,
      referral: r,
    } = await referral({
      accepted: true,
      body: { driegesprek: { wanted: true, proposedMoments: [later(3 * DAY)] } },
    });
    const sw = sender.worker.browser;
    const rw = receiver.worker.browser;
    expect((await driegesprek(rw, r.id)).data).toMatchObject({
      state: "proposed",
      proposedMoments: [later(3 * DAY).replace("Z", ".000Z")],
    });

    // A moment nobody proposed is fine too, as long as it lies ahead.
    expect((await confirm(rw, r.id, { at: later(4 * DAY), videoLink: "https://video.example/schakel-1" })).data).toMatchObject({
      state: "confirmed",
      place: null,
      videoLink: "https://video.example/schakel-1",
    });
    const replanned = await propose(sw, r.id, [later(5 * HOUR)]);
    expect(replanned.data).toMatchObject({ state: "proposed", confirmedAt: null, videoLink: null });
    expect((await calendar(sw, r.id)).status).toBe(404);
    await confirm(sw, r.id, { at: later(5 * HOUR), place: "Bij de inwoner thuis" });
    t.clock.advance(5 * HOUR);
    expect((await outcome(sw, r.id, { held: false, note: "Niet thuis" })).data).toMatchObject({ state: "not_held" });
    expect((await confirm(sw, r.id, { at: later(DAY), place: "Wijkcentrum" })).response.status).toBe(409);
    expect((await propose(rw, r.id, [later(DAY)])).data).toMatchObject({ state: "proposed" });

    const types = ((await timeline(sw, r.id)).data?.data ?? [])
      .filter((e) => e.type.startsWith("driegesprek_"))
      .map((e) => e.type);
    expect(types).toEqual([
      "driegesprek_confirmed",
      "driegesprek_proposed",
      "driegesprek_confirmed",
      "driegesprek_not_held",
      "driegesprek_proposed",
    ]);
  });

  test("confirming needs a proposal first (409)", async () => {
    const { sender, referral: r } = await referral();
    const { response, error } = await confirm(sender.worker.browser, r.id, { at: later(DAY), place: "Wijkcentrum" });
    expect(response.status).toBe(409);
    expect((error as Problem).detail).toMatch(/nog geen driegesprek voorgesteld/);
  });

  test("proposals of 1–5 future moments, confirmations with a future moment and a place or https link, outcomes with held", async () => {
    const { sender, referral: r } = await referral();
    const sw = sender.worker.browser;
    const cases: [Promise<{ response: Response; error?: unknown }>, string[]][] = [
      [propose(sw, r.id, []), ["body.moments"]],
      [
        propose(
          sw,
          r.id,
          [1, 2, 3, 4, 5, 6].map((d) => later(d * DAY)),
        ),
        ["body.moments"],
      ],
      [propose(sw, r.id, ["morgen om tien"]), ["body.moments.0"]],
      [propose(sw, r.id, [later(-HOUR), later(DAY), later(DAY)]), ["body.moments.0", "body.moments.2"]],
      [confirm(sw, r.id, { at: later(DAY) }), ["body.place"]],
      [confirm(sw, r.id, { at: later(DAY), videoLink: "http://video.example/x" }), ["body.videoLink"]],
      [confirm(sw, r.id, { at: later(-HOUR), place: "Wijkcentrum" }), ["body.at"]],
      [outcome(sw, r.id, {} as never), ["body.held"]],
    ];
    for (const [request, names] of cases) {
      const { response, error } = await request;
      expect(response.status, names.join()).toBe(400);
      expect(invalidNames(error), names.join()).toEqual(names);
    }
    expect((await driegesprek(sw, r.id)).response.status).toBe(404);
  });

  test("a closed referral's driegesprek cannot change (409)", async () => {
    const { sender, receiver, referral: r } = await referral({ accepted: true });
    const sw = sender.worker.browser;
    await propose(sw, r.id, [later(DAY)]);
    await world.move(sw, r.id, 3, { to: "withdrawn" });
    for (const res of [
      await propose(receiver.worker.browser, r.id, [later(DAY)]),
      await confirm(sw, r.id, { at: later(DAY), place: "Wijkcentrum" }),
      await outcome(sw, r.id, { held: true }),
    ]) {
      expect(res.response.status).toBe(409);
      expect((res.error as Problem).detail).toMatch(/afgesloten/);
    }
    expect((await driegesprek(sw, r.id)).data).toMatchObject({ state: "proposed" });
  });
});

describe("driegesprek.ics", () => {
  test("a valid, information-poor calendar file for both sides, with a UID that stays per referral", async () => {
    const { sender, receiver, resident, referral: r } = await referral({ accepted: true });
    const sw = sender.worker.browser;
    const rw = receiver.worker.browser;
    await propose(sw, r.id, [later(DAY)]);
    expect((await calendar(sw, r.id)).status).toBe(404);
    const start = new Date(later(DAY));
    await confirm(rw, r.id, { at: later(DAY), place: "Wijkcentrum De Linde, zaal 2; achteringang" });

    const res = await calendar(sw, r.id);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toBe('attachment; filename="driegesprek.ics"');
    expect(res.headers.get("API-Version")).toBe(API_VERSION);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const text = await res.text();
    expect(text.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    expect(text.endsWith("END:VCALENDAR\r\n")).toBe(true);
    for (const line of text.split("\r\n")) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(text).toContain("LOCATION:Wijkcentrum De Linde\\, zaal 2\\; achteringang\r\n");

    const props = parseCalendar(text);
    const get = (name: string) => props.filter(([n]) => n === name).map(([, v]) => v);
    expect(get("BEGIN")).toEqual(["VCALENDAR", "VEVENT"]);
    expect(get("VERSION")).toEqual(["2.0"]);
    expect(get("PRODID")).toHaveLength(1);
    expect(get("UID")).toEqual([`driegesprek-${r.id}@schakel`]);
    expect(get("DTSTAMP")[0]).toMatch(/^\d{8}T\d{6}Z$/);
    const ics = (d: Date) =>
      d
        .toISOString()
        .replace(/\.\d{3}Z$/, "Z")
        .replace(/[-:]/g, "");
    expect(get("DTSTART")).toEqual([ics(start)]);
    expect(get("DTEND")).toEqual([ics(new Date(start.getTime() + HOUR))]);
    expect(get("SUMMARY")).toEqual(["Driegesprek (Schakel)"]);
    expect(get("LOCATION")).toEqual(["Wijkcentrum De Linde, zaal 2; achteringang"]);
    expect(get("SEQUENCE")).toEqual(["0"]);
    // Nothing about the resident.
    for (const secret of [resident.name, "Sam", "Jansen", "06-12345678", "6811", "schulden", "zorgverzekeraar"]) {
      expect(text).not.toContain(secret);
    }
    expect(await (await calendar(rw, r.id)).text()).toBe(text);
    const placeReads = await t.db
      .select()
      .from(accessLog)
      .where(and(eq(accessLog.action, "referral.driegesprek.read"), eq(accessLog.actorUserId, receiver.worker.user.id)));
    expect(placeReads.length).toBeGreaterThan(0);

    // Moved to a video call: same UID, a higher SEQUENCE, the link as URL.
    await confirm(rw, r.id, { at: later(2 * DAY), videoLink: "https://video.example/schakel?kamer=7,8" });
    const moved = parseCalendar(await (await calendar(rw, r.id)).text());
    expect(moved.filter(([n]) => n === "UID").map(([, v]) => v)).toEqual([`driegesprek-${r.id}@schakel`]);
    expect(moved.find(([n]) => n === "SEQUENCE")?.[1]).toBe("1");
    expect(moved.find(([n]) => n === "URL")?.[1]).toBe("https://video.example/schakel?kamer=7,8");
    expect(moved.find(([n]) => n === "LOCATION")).toBeUndefined();
  });

  test("404 as problem+json when there is no driegesprek at all", async () => {
    const { sender, referral: r } = await referral();
    const res = await calendar(sender.worker.browser, r.id);
    expect(res.status).toBe(404);
    expect(res.headers.get("Content-Type")).toMatch(/^application\/problem\+json/);
  });
});

describe("authorisation", () => {
  const endpoints = (referralId: string): [string, string, unknown?][] => {
    const base = `/api/v1/referrals/${referralId}`;
    return [
      ["GET", `${base}/events`],
      ["GET", `${base}/messages`],
      ["POST", `${base}/messages`, { text: "Hallo" }],
      ["GET", `${base}/contact-attempts`],
      ["POST", `${base}/contact-attempts`, { channel: "phone", result: "no_answer" }],
      ["GET", `${base}/driegesprek`],
      ["PUT", `${base}/driegesprek`, { moments: [later(DAY)] }],
      ["POST", `${base}/driegesprek/confirmation`, { at: later(DAY), place: "Wijkcentrum" }],
      ["POST", `${base}/driegesprek/outcome`, { held: true }],
      ["GET", `${base}/driegesprek.ics`],
    ];
  };
  const call = (b: Pick<Browser, "fetch">, [method, path, body]: [string, string, unknown?]) =>
    b.fetch(
      new Request(`${TEST_ORIGIN}${path}`, {
        method,
        ...(body ? { body: JSON.stringify(body), headers: { "Content-Type": "application/json" } } : {}),
      }),
    );

  test("anonymous callers get 401 on every endpoint", async () => {
    const { referral: r } = await referral();
    for (const endpoint of endpoints(r.id)) {
      const res = await call(t.anonymous(), endpoint);
      expect(res.status, endpoint.join(" ")).toBe(401);
      expect(res.headers.get("Content-Type")).toMatch(/^application\/problem\+json/);
    }
  });

  test("other organizations get 404 on every endpoint and change nothing; unknown referrals are 404 too", async () => {
    const { outsider, sender, receiver, referral: r } = await referral({ accepted: true });
    await propose(sender.worker.browser, r.id, [later(DAY)]);
    await confirm(receiver.worker.browser, r.id, { at: later(DAY), place: "Wijkcentrum" });
    const before = (await timeline(sender.worker.browser, r.id)).data?.data.length;
    for (const who of [outsider.worker.browser, outsider.admin.browser]) {
      for (const endpoint of endpoints(r.id)) {
        const res = await call(who, endpoint);
        expect(res.status, endpoint.join(" ")).toBe(404);
        const body = (await res.json()) as Problem;
        expect(body.detail).not.toMatch(/Sam|Schulddienstverlening/);
      }
    }
    for (const endpoint of endpoints(randomUUID())) {
      expect((await call(sender.worker.browser, endpoint)).status, endpoint.join(" ")).toBe(404);
    }
    expect((await timeline(sender.worker.browser, r.id)).data?.data.length).toBe(before);
    expect((await driegesprek(sender.worker.browser, r.id)).data?.state).toBe("confirmed");
  });

  test("a malformed referral id is a 400 naming the path parameter", async () => {
    const { sender } = await referral();
    const res = await call(sender.worker.browser, ["GET", "/api/v1/referrals/geen-id/messages"]);
    expect(res.status).toBe(400);
    expect(((await res.json()) as Problem).invalidParams?.map((p) => p.name)).toEqual(["param.referralId"]);
  });
});
