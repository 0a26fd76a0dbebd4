import { formatReference } from "@schakel/core";
import { notifications, organizationClosingDays, referralEscalations, referralEvents, referrals } from "@schakel/db";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestContext, type MemoryMailer, type TestContext } from "../test/harness";
import { referralWorld } from "../test/referral-world";
import { runEscalationLadder } from "./escalation-ladder";

// The ladder's tests run in 2025, before any other test file's clock, so on the shared
// PostgreSQL database a pass never reaches another file's referrals (and we only read our own).

let t: TestContext;
let world: ReturnType<typeof referralWorld>;
beforeAll(async () => {
  t = await createTestContext();
  world = referralWorld(t);
});
afterAll(() => t.close());

type Network = Awaited<ReturnType<ReturnType<typeof referralWorld>["network"]>>;

const ms = (iso: string) => new Date(iso).getTime();

/** The clock at `iso`, everyone signed in again (sessions do not last weeks). */
async function at(n: Network, iso: string) {
  await world.advance(n, ms(iso) - t.clock.now().getTime());
}

/** One ladder pass at the clock's now (a fresh context each time: what a restarted process would have). */
const pass = () => runEscalationLadder(t.serviceContext(null), t.clock.now());

async function row(referralId: string) {
  const [r] = await t.db.select().from(referrals).where(eq(referrals.id, referralId));
  if (!r) throw new Error("referral vanished");
  return r;
}

const fired = (referralId: string) =>
  t.db
    .select({ rung: referralEscalations.rung, status: referralEscalations.status, at: referralEscalations.at })
    .from(referralEscalations)
    .where(eq(referralEscalations.referralId, referralId))
    .orderBy(asc(referralEscalations.at), asc(referralEscalations.rung));

const noticesOf = (referralId: string) =>
  t.db
    .select({ userId: notifications.userId, kind: notifications.kind, text: notifications.text, urgent: notifications.urgent })
    .from(notifications)
    .where(eq(notifications.referralId, referralId))
    .orderBy(asc(notifications.createdAt), asc(notifications.kind), asc(notifications.userId));

const ladder = (r: { escalationRung: string | null; escalationAt: Date | null }) => ({
  rung: r.escalationRung,
  at: r.escalationAt?.toISOString() ?? null,
});

/** Runs a pass 1 ms before `iso` (nothing fires) and one at `iso`; returns the second's summary. */
async function crossAt(n: Network, referralId: string, iso: string) {
  const before = (await fired(referralId)).length;
  await at(n, new Date(ms(iso) - 1).toISOString());
  await pass();
  expect((await fired(referralId)).length).toBe(before);
  await at(n, iso);
  return pass();
}

describe("the escalation ladder", () => {
  test("a normal referral over Goede Vrijdag, Tweede Paasdag and the fifth of May: reminded, told, expired at the exact instants", async () => {
    // Thursday 17 April 2025, 10:00 in Amsterdam. Friday 18 (Goede Vrijdag) and Monday 21 (Tweede
    // Paasdag) do not count: the five working days are 22–25 and 28 April.
    t.clock.set(new Date("2025-04-17T08:00:00Z"));
    const n = await world.network({ responseTargetDays: 5, serviceName: "Schuldhulp Paasdienst" });
    // Both workers want a mail per event (the default is the daily digest).
    for (const b of [n.sender.worker.browser, n.receiver.worker.browser]) {
      const chose = await b.client.PUT("/me/notification-settings", { body: { mailMode: "each", allReferrals: false } });
      expect(chose.response.status).toBe(200);
    }
    const { referral } = await world.refer(n);
    const created = await row(referral.id);
    expect(created.dueAt.toISOString()).toBe("2025-04-28T22:00:00.000Z"); // Tuesday 29 April 00:00 CEST
    expect(ladder(created)).toEqual({ rung: "remind_receiver", at: "2025-04-28T22:00:00.000Z" });
    expect(created.lateSince).toBeNull();
    const ref = formatReference(created.reference);

    // Rung 1: the receiver (no one assigned: the intake, its workers) is reminded, in the app and by mail.
    const mailer = t.mailer as MemoryMailer;
    mailer.sent.length = 0;
    const first = await crossAt(n, referral.id, "2025-04-28T22:00:00Z");
    expect(first.reminded).toBeGreaterThanOrEqual(1);
    const reminded = await row(referral.id);
    // Target + 5: 29, 30 April, 1, 2 May, then 6 May (the fifth of May does not count, also in 2025).
    expect(ladder(reminded)).toEqual({ rung: "tell_sender", at: "2025-05-06T22:00:00.000Z" });
    expect(reminded.status).toBe("sent");
    expect(reminded.lateSince).toBeNull();
    const receiverIds = [n.receiver.worker.user.id];
    let notices = await noticesOf(referral.id);
    const reminders = notices.filter((x) => x.kind === "escalation_reminder");
    expect(reminders.map((x) => x.userId).sort()).toEqual(receiverIds);
    expect(reminders[0]?.text).toBe(`Herinnering: verwijzing ${ref} voor Schuldhulp Paasdienst wacht op jullie reactie.`);
    await new Promise((r) => setTimeout(r, 50)); // the mail goes out after commit
    const reminderMail = mailer.sent.find((m) => m.to === n.receiver.worker.user.email);
    expect(reminderMail?.text).toContain(ref);
    expect(reminderMail?.text).not.toContain("Sam");

    // Rung 2: the sender is told; the referral is late since the rung was due.
    await crossAt(n, referral.id, "2025-05-06T22:00:00Z");
    const told = await row(referral.id);
    expect(told.lateSince?.toISOString()).toBe("2025-05-06T22:00:00.000Z");
    // Target + 15: 7–9, 12–16, 19 and 20 May.
    expect(ladder(told)).toEqual({ rung: "expire", at: "2025-05-20T22:00:00.000Z" });
    notices = await noticesOf(referral.id);
    const late = notices.filter((x) => x.kind === "escalation_late");
    expect(late.map((x) => x.userId)).toEqual([n.sender.worker.user.id]);
    expect(late[0]?.text).toContain(ref);

    // Rung 3: Schakel moves it to expired with a reason; the sender is asked to refer elsewhere.
    mailer.sent.length = 0;
    await crossAt(n, referral.id, "2025-05-20T22:00:00Z");
    const expired = await row(referral.id);
    expect(expired.status).toBe("expired");
    expect(expired.expiryReason).toBe("no_response");
    expect(expired.closedAt?.toISOString()).toBe("2025-05-20T22:00:00.000Z");
    expect(ladder(expired)).toEqual({ rung: null, at: null });
    expect(expired.lateSince).toBeNull();
    expect(expired.version).toBe(created.version + 1);
    notices = await noticesOf(referral.id);
    expect(notices.filter((x) => x.kind === "referral_expired").map((x) => x.userId)).toEqual([n.sender.worker.user.id]);
    await new Promise((r) => setTimeout(r, 50)); // the mail goes out after commit
    const mail = mailer.sent.find((m) => m.to === n.sender.worker.user.email);
    expect(mail?.text).toContain("Verwijs zo nodig naar een andere dienst.");

    expect(await fired(referral.id)).toEqual([
      { rung: "remind_receiver", status: "sent", at: new Date("2025-04-28T22:00:00Z") },
      { rung: "tell_sender", status: "sent", at: new Date("2025-05-06T22:00:00Z") },
      { rung: "expire", status: "sent", at: new Date("2025-05-20T22:00:00Z") },
    ]);
    // Nothing is left: later passes do nothing to it.
    await at(n, "2025-07-01T08:00:00Z");
    await pass();
    expect((await fired(referral.id)).length).toBe(3);

    // Both sides see every rung in the timeline, and the expiry with Schakel's note.
    for (const b of [n.sender.worker.browser, n.receiver.worker.browser]) {
      const { data } = await b.client.GET("/referrals/{referralId}/events", { params: { path: { referralId: referral.id } } });
      const events = data?.data ?? [];
      expect(events.filter((e) => e.type === "escalation").map((e) => e.escalation?.rung)).toEqual([
        "remind_receiver",
        "tell_sender",
        "expire",
      ]);
      expect(events.filter((e) => e.type === "escalation").every((e) => e.note === null && e.actor.side === "system")).toBe(true);
      const move = events.find((e) => e.toStatus === "expired");
      expect(move?.note).toBe("De ontvanger heeft niet op tijd gereageerd.");
    }
    // No text anywhere names the resident.
    for (const x of notices) expect(x.text).not.toContain("Sam");
  });

  test("an urgent referral over Christmas and New Year: 1, 2 and 5 working days", async () => {
    // Wednesday 24 December 2025, 10:00. 25 and 26 December and 1 January do not count.
    t.clock.set(new Date("2025-12-24T09:00:00Z"));
    const n = await world.network({ responseTargetDays: 10 });
    const { referral } = await world.refer(n, { body: { urgency: "urgent", urgencyReason: "eviction" } });
    const created = await row(referral.id);
    // The urgent target is 1 working day, whatever the service's: Monday 29 December.
    expect(created.dueAt.toISOString()).toBe("2025-12-29T23:00:00.000Z");
    expect(ladder(created)).toEqual({ rung: "remind_receiver", at: "2025-12-29T23:00:00.000Z" });

    await crossAt(n, referral.id, "2025-12-29T23:00:00Z");
    expect(ladder(await row(referral.id))).toEqual({ rung: "tell_sender", at: "2025-12-30T23:00:00.000Z" });
    const reminder = (await noticesOf(referral.id)).find((x) => x.kind === "escalation_reminder");
    expect(reminder?.urgent).toBe(true);

    await crossAt(n, referral.id, "2025-12-30T23:00:00Z");
    const told = await row(referral.id);
    expect(told.lateSince?.toISOString()).toBe("2025-12-30T23:00:00.000Z");
    // 31 December, 2 January, 5 January.
    expect(ladder(told)).toEqual({ rung: "expire", at: "2026-01-05T23:00:00.000Z" });

    await crossAt(n, referral.id, "2026-01-05T23:00:00Z");
    expect((await row(referral.id)).status).toBe("expired");
    expect((await fired(referral.id)).map((f) => f.rung)).toEqual(["remind_receiver", "tell_sender", "expire"]);
  });

  test("an accepted referral that stalls escalates too; after contact it is reminded and told, never expired", async () => {
    t.clock.set(new Date("2025-06-02T08:00:00Z")); // Monday 2 June 2025 (Tweede Pinksterdag is 9 June)
    const n = await world.network({ responseTargetDays: 5 });
    const { referral } = await world.refer(n);
    await world.walk(n.receiver.worker.browser, referral.id, [{ to: "accepted" }]);
    const accepted = await row(referral.id);
    expect(accepted.status).toBe("accepted");
    // 10 working days in accepted: 3–6, (9 June does not count) 10–13, 16, 17 June.
    expect(ladder(accepted)).toEqual({ rung: "remind_receiver", at: "2025-06-17T22:00:00.000Z" });
    expect(accepted.dueAt.toISOString()).toBe("2025-06-17T22:00:00.000Z");
    await crossAt(n, referral.id, "2025-06-17T22:00:00Z");
    const reminded = await row(referral.id);
    expect(ladder(reminded)).toEqual({ rung: "tell_sender", at: "2025-06-24T22:00:00.000Z" });
    // The receiver's view says it is overdue, on the same target.
    const view = await world.open(n.receiver.worker.browser, referral.id);
    expect(view.overdue).toBe(true);
    expect(view.dueDate).toBe("2025-06-17");

    // In contact: target 15, told at 20, and the ladder ends there.
    await world.walk(n.receiver.worker.browser, referral.id, [{ to: "in_contact" }]);
    const inContact = await row(referral.id);
    const movedAt = t.clock.now().toISOString();
    expect(ladder(inContact).rung).toBe("remind_receiver");
    expect(inContact.escalationAt?.getTime()).toBeGreaterThan(ms(movedAt));
    await at(n, inContact.escalationAt?.toISOString() ?? "");
    await pass();
    const next = await row(referral.id);
    expect(next.escalationRung).toBe("tell_sender");
    await at(n, next.escalationAt?.toISOString() ?? "");
    await pass();
    const last = await row(referral.id);
    expect(last.status).toBe("in_contact");
    expect(last.lateSince?.toISOString()).toBe(next.escalationAt?.toISOString());
    expect(ladder(last)).toEqual({ rung: null, at: null });
    expect((await fired(referral.id)).map((f) => `${f.status}:${f.rung}`)).toEqual([
      "accepted:remind_receiver",
      "in_contact:remind_receiver",
      "in_contact:tell_sender",
    ]);
  });

  test("a move resets the ladder and ends 'te laat'", async () => {
    t.clock.set(new Date("2025-09-01T08:00:00Z")); // Monday 1 September 2025
    const n = await world.network({ responseTargetDays: 5 });
    const { referral } = await world.refer(n);
    await crossAt(n, referral.id, "2025-09-08T22:00:00Z"); // 2–5, 8 September
    await crossAt(n, referral.id, "2025-09-15T22:00:00Z"); // 9–12, 15 September
    expect((await row(referral.id)).lateSince?.toISOString()).toBe("2025-09-15T22:00:00.000Z");

    // The receiver opens it (received: a move) on Tuesday 16 September at 10:00.
    await at(n, "2025-09-16T08:00:00Z");
    await world.open(n.receiver.worker.browser, referral.id);
    const moved = await row(referral.id);
    expect(moved.status).toBe("received");
    expect(moved.lateSince).toBeNull();
    // A fresh ladder from the move: 17–19, 22, 23 September.
    expect(ladder(moved)).toEqual({ rung: "remind_receiver", at: "2025-09-23T22:00:00.000Z" });
    await crossAt(n, referral.id, "2025-09-23T22:00:00Z");
    expect((await fired(referral.id)).map((f) => `${f.status}:${f.rung}`)).toEqual([
      "sent:remind_receiver",
      "sent:tell_sender",
      "received:remind_receiver",
    ]);
  });

  test("the receiver's closing days push the rungs", async () => {
    t.clock.set(new Date("2025-10-06T08:00:00Z")); // Monday 6 October 2025
    const n = await world.network({ responseTargetDays: 5 });
    await t.db.insert(organizationClosingDays).values([
      { organizationId: n.receiver.organization.id, day: "2025-10-08", label: "Studiedag" },
      { organizationId: n.receiver.organization.id, day: "2025-10-09", label: "Studiedag" },
      // The sender's closing days do not count.
      { organizationId: n.sender.organization.id, day: "2025-10-10", label: "Teamdag" },
    ]);
    const { referral } = await world.refer(n);
    // 7, (8, 9 closed) 10, 13, 14, 15 October: due from Thursday 16 October, not Tuesday 14.
    const created = await row(referral.id);
    expect(ladder(created)).toEqual({ rung: "remind_receiver", at: "2025-10-15T22:00:00.000Z" });
    expect(created.dueAt.toISOString()).toBe("2025-10-15T22:00:00.000Z");
    await crossAt(n, referral.id, "2025-10-15T22:00:00Z");
    // 16, 17, 20–22 October.
    expect(ladder(await row(referral.id))).toEqual({ rung: "tell_sender", at: "2025-10-22T22:00:00.000Z" });
  });

  test("each rung fires exactly once when two passes run at once, and a new process picks up from the table", async () => {
    t.clock.set(new Date("2025-11-03T08:00:00Z")); // Monday 3 November 2025
    const n = await world.network({ responseTargetDays: 5 });
    const sent = await Promise.all([world.refer(n), world.refer(n), world.refer(n)]);
    const ids = sent.map((s) => s.referral.id);

    await at(n, "2025-11-10T23:00:00Z"); // 4–7, 10 November: due at 11 November 00:00 CET
    await Promise.all([pass(), pass(), pass()]);
    for (const id of ids) {
      expect((await fired(id)).map((f) => f.rung)).toEqual(["remind_receiver"]);
      const reminders = (await noticesOf(id)).filter((x) => x.kind === "escalation_reminder");
      expect(reminders).toHaveLength(1); // the receiver's intake (its one worker), once
      const events = await t.db
        .select()
        .from(referralEvents)
        .where(and(eq(referralEvents.referralId, id), eq(referralEvents.type, "escalation")));
      expect(events).toHaveLength(1);
    }
    // A rerun at the same instant does nothing.
    await pass();
    for (const id of ids) expect(await fired(id)).toHaveLength(1);

    // "Restart": a new context, later; the table says which rung is next.
    await at(n, "2025-11-17T23:00:00Z");
    await Promise.all([pass(), pass()]);
    for (const id of ids) {
      expect((await fired(id)).map((f) => f.rung)).toEqual(["remind_receiver", "tell_sender"]);
      expect((await noticesOf(id)).filter((x) => x.kind === "escalation_late")).toHaveLength(1);
    }
  });

  test("after a long stop every rung that came due fires in one pass, each once", async () => {
    t.clock.set(new Date("2025-02-03T08:00:00Z")); // Monday 3 February 2025
    const n = await world.network({ responseTargetDays: 5 });
    const { referral } = await world.refer(n);
    await at(n, "2025-04-01T08:00:00Z");
    await pass();
    expect((await fired(referral.id)).map((f) => f.rung)).toEqual(["remind_receiver", "tell_sender", "expire"]);
    expect((await row(referral.id)).status).toBe("expired");
  });

  test("a service's own ladder: set through the API, used for its referrals; a ladder against the rules is a 400", async () => {
    t.clock.set(new Date("2025-01-06T08:00:00Z")); // Monday 6 January 2025
    const n = await world.network({ responseTargetDays: 5 });
    const admin = n.receiver.admin.browser;
    const bad = await admin.client.PATCH("/services/{serviceId}", {
      params: { path: { serviceId: n.service.id } },
      body: { escalation: { tellSenderAfterDays: 10, expireAfterDays: 5 } },
    });
    expect(bad.response.status).toBe(400);
    expect(JSON.stringify(bad.error)).toContain("Laat een verwijzing pas verlopen nadat de verwijzer is ingelicht.");
    const { data: service, response } = await admin.client.PATCH("/services/{serviceId}", {
      params: { path: { serviceId: n.service.id } },
      body: { escalation: { tellSenderAfterDays: 2, expireAfterDays: null } },
    });
    expect(response.status).toBe(200);
    expect(service?.escalation).toEqual({ tellSenderAfterDays: 2, expireAfterDays: null });

    const { referral } = await world.refer(n);
    // 7–10, 13 January: reminded from the 14th; told 2 working days later; never expired.
    expect(ladder(await row(referral.id))).toEqual({ rung: "remind_receiver", at: "2025-01-13T23:00:00.000Z" });
    await crossAt(n, referral.id, "2025-01-13T23:00:00Z");
    expect(ladder(await row(referral.id))).toEqual({ rung: "tell_sender", at: "2025-01-15T23:00:00.000Z" });
    await crossAt(n, referral.id, "2025-01-15T23:00:00Z");
    const told = await row(referral.id);
    expect(ladder(told)).toEqual({ rung: null, at: null });
    expect(told.status).toBe("sent");
  });
});
