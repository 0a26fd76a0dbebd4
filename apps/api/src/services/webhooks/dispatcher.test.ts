import { randomUUID } from "node:crypto";
import { mailOutbox, notifications, webhookDeliveries, webhookSubscriptions } from "@schakel/db";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestContext, type MemoryMailer, TEST_ORIGIN, type TestContext } from "../../test/harness";
import { ownTestDatabase } from "../../test/own-database";
import { WebhookReceiver } from "../../test/webhook-receiver";
import { checkDeliveries, liveSubscription, newSecret, statusChange } from "../../test/webhook-world";
import {
  drainDueDeliveries,
  startWebhookDispatcher,
  WEBHOOK_BACKOFF_CAP_MS,
  WEBHOOK_RETRY_WINDOW_MS,
  webhookBackoffMs,
} from "./dispatcher";

const HOUR = 3_600_000;
let t: TestContext;
const receiver = new WebhookReceiver(() => t.clock.now());
const deps = () => t.serviceContext();

beforeAll(async () => {
  // Its own database on PostgreSQL: the dispatcher works every due delivery, and must not POST another file's.
  t = await createTestContext({ config: { webhookAllowLocalUrls: true }, db: (await ownTestDatabase()).handle });
  await receiver.open();
});
afterAll(async () => {
  await receiver.close();
  await t.close();
});
beforeEach(() => {
  receiver.accepted.length = 0;
  receiver.problems.length = 0;
  receiver.answer = () => ({ status: 204 });
});

/** An organization with an admin, and a live subscription of it at its own path on the receiver. */
async function subscriber(extra: Partial<typeof webhookSubscriptions.$inferInsert> = {}) {
  const organization = await t.make.organization();
  const admin = await t.make.member(organization.id, "admin");
  const path = `/hook/${randomUUID()}`;
  const secret = extra.secret ?? newSecret();
  receiver.secrets.set(path, secret);
  const subscription = await liveSubscription(t.db, t.clock, {
    organizationId: organization.id,
    url: receiver.url(path),
    secret,
    ...extra,
  });
  return { organization, admin, path, subscription };
}

const dataref = (referralId: string) => `${TEST_ORIGIN}/api/v1/referrals/${referralId}`;
const deliveriesOf = (subscriptionId: string) =>
  t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.subscriptionId, subscriptionId));

describe("the webhook dispatcher", () => {
  it("delivers each event signed (standardwebhooks verifies it) as a CloudEvent (the SDK parses it), webhook-id = the delivery's id", async () => {
    const s = await subscriber();
    const referral = randomUUID();
    await statusChange(t.serviceContext(), referral, [s.organization.id]);
    expect(await drainDueDeliveries(deps())).toMatchObject({ delivered: 1, retry: 0 });
    expect(receiver.problems).toEqual([]);
    const [got] = receiver.accepted;
    const [row] = await deliveriesOf(s.subscription.id);
    expect(got?.webhookId).toBe(row?.id);
    expect(got?.event).toMatchObject({
      type: "nl.schakel.referral.status-changed",
      source: "urn:nld:schakel:schakel.test",
      dataref: dataref(referral),
      sequence: "0000000001",
    });
    expect(row).toMatchObject({ status: "delivered", attempts: 1, lastResponseStatus: 204, leasedUntil: null });
  });

  it("signs with the previous secret too while it has not expired, and not after", async () => {
    const current = newSecret();
    const previous = newSecret();
    const s = await subscriber({
      secret: current,
      previousSecret: previous,
      previousSecretExpiresAt: new Date(t.clock.now().getTime() + HOUR),
    });
    // The receiver still holds only the previous secret: it verifies during the rotation.
    receiver.secrets.set(s.path, previous);
    await statusChange(t.serviceContext(), randomUUID(), [s.organization.id]);
    await drainDueDeliveries(deps());
    expect(receiver.problems).toEqual([]);
    expect(receiver.of(s.path)).toHaveLength(1);
    t.clock.advance(2 * HOUR);
    await statusChange(t.serviceContext(), randomUUID(), [s.organization.id]);
    await drainDueDeliveries(deps());
    expect(receiver.problems).toHaveLength(1); // signed with the current secret only now
    receiver.secrets.set(s.path, current);
  });

  it("(a) a receiver down for a while, then back: every event arrives, in order per referral, duplicates only under the same webhook-id", async () => {
    const a = await subscriber();
    const b = await subscriber();
    const referrals = Array.from({ length: 6 }, () => randomUUID());
    const expected = new Map<string, number>();
    // The receiver is down (503) for the first part; the changes go on meanwhile.
    receiver.answer = () => ({ status: 503 });
    for (let round = 0; round < 4; round++) {
      for (const r of referrals) {
        await statusChange(t.serviceContext(), r, [a.organization.id, b.organization.id]);
        expected.set(dataref(r), round + 1);
      }
      await drainDueDeliveries(deps());
      t.clock.advance(WEBHOOK_BACKOFF_CAP_MS);
    }
    expect(receiver.accepted).toHaveLength(0);
    // Only the first of each referral was tried: the later ones wait their turn.
    const waiting = await deliveriesOf(a.subscription.id);
    expect(waiting.filter((d) => d.attempts > 0).map((d) => d.sequence)).toEqual(referrals.map(() => 1));

    // Back, but flaky: some requests are stored by the receiver and the connection then breaks
    // (the hub must send them again), some are refused.
    let n = 0;
    receiver.answer = () => {
      n++;
      return n % 5 === 0 ? "accept-then-drop" : n % 7 === 0 ? { status: 500 } : { status: 200 };
    };
    for (let i = 0; i < 30; i++) {
      await drainDueDeliveries(deps());
      t.clock.advance(WEBHOOK_BACKOFF_CAP_MS);
    }
    expect(receiver.problems).toEqual([]);
    for (const s of [a, b]) {
      const accepted = receiver.accepted.filter((r) => r.path === s.path);
      const { duplicates, errors } = checkDeliveries(accepted, expected);
      expect(errors).toEqual([]);
      expect(duplicates).toBeGreaterThan(0);
      const rows = await deliveriesOf(s.subscription.id);
      expect(rows.every((d) => d.status === "delivered")).toBe(true);
    }
  });

  it("holds a referral's later events while an earlier one is in backoff, and sends them in order after it", async () => {
    const s = await subscriber();
    const referral = randomUUID();
    const other = randomUUID();
    let first = true;
    receiver.answer = (r) => {
      if (r.event.dataref === dataref(referral) && first) {
        first = false;
        return { status: 500 };
      }
      return { status: 204 };
    };
    for (let i = 0; i < 3; i++) await statusChange(t.serviceContext(), referral, [s.organization.id]);
    await statusChange(t.serviceContext(), other, [s.organization.id]);
    await drainDueDeliveries(deps());
    // The other referral is not held up; this one's 2 and 3 wait for 1.
    expect(receiver.of(s.path).map((d) => [d.dataref, d.sequence])).toEqual([[dataref(other), 1]]);
    const [failed] = (await deliveriesOf(s.subscription.id)).filter((d) => d.orderingKey === referral && d.sequence === 1);
    expect(failed).toMatchObject({ status: "pending", attempts: 1, lastResponseStatus: 500 });
    expect(failed?.nextAttemptAt.getTime()).toBeGreaterThan(t.clock.now().getTime());
    await drainDueDeliveries(deps());
    expect(receiver.of(s.path)).toHaveLength(1);

    t.clock.advance(webhookBackoffMs(1, () => 1));
    await drainDueDeliveries(deps());
    expect(receiver.of(s.path).map((d) => [d.dataref, d.sequence])).toEqual([
      [dataref(other), 1],
      [dataref(referral), 1],
      [dataref(referral), 2],
      [dataref(referral), 3],
    ]);
  });

  it("backs off with full jitter: 5 s doubling, at most an hour", () => {
    expect([1, 2, 3, 4].map((n) => webhookBackoffMs(n, () => 1))).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect(webhookBackoffMs(30, () => 1)).toBe(HOUR);
    expect(webhookBackoffMs(3, () => 0.5)).toBe(10_000);
    expect(webhookBackoffMs(3, () => 0)).toBe(1_000);
  });

  it("gives up 3 days after the event: failed, and the admins (only they) are told once, in the app and by mail, without personal data", async () => {
    const s = await subscriber({ description: "Plangroep zaaksysteem" });
    const worker = await t.make.member(s.organization.id, "worker");
    const otherAdmin = await t.make.member((await t.make.organization()).id, "admin");
    receiver.answer = () => ({ status: 500 });
    const referrals = [randomUUID(), randomUUID()];
    for (const r of referrals) await statusChange(t.serviceContext(), r, [s.organization.id]);
    const start = t.clock.now().getTime();
    const mailer = t.mailer as MemoryMailer;
    const mailsBefore = mailer.sent.length;
    // Just before the deadline nothing is given up yet.
    while (t.clock.now().getTime() < start + WEBHOOK_RETRY_WINDOW_MS - HOUR) {
      await drainDueDeliveries(deps());
      t.clock.advance(HOUR / 2);
    }
    expect((await deliveriesOf(s.subscription.id)).map((d) => d.status)).toEqual(["pending", "pending"]);
    t.clock.set(new Date(start + WEBHOOK_RETRY_WINDOW_MS));
    await drainDueDeliveries(deps());
    const rows = await deliveriesOf(s.subscription.id);
    expect(rows.map((d) => d.status).sort()).toEqual(["failed", "failed"]);
    expect(rows.every((d) => d.lastResponseStatus === 500 && d.attempts > 10)).toBe(true);

    const told = await t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.kind, "webhook_failed")));
    const toldUsers = told.map((n) => n.userId);
    expect(toldUsers).toContain(s.admin.user.id);
    expect(toldUsers).not.toContain(worker.user.id);
    expect(toldUsers).not.toContain(otherAdmin.user.id);
    const mine = told.filter((n) => n.userId === s.admin.user.id);
    // The second give-up came in the same minute: still one notice, which counted the first.
    expect(mine).toHaveLength(1);
    expect(mine[0]?.text).toMatch(/^Webhook "Plangroep zaaksysteem": \d gebeurtenis(sen)? kon(den)? na 3 dagen/);
    const mails = mailer.sent.slice(mailsBefore).filter((m) => m.to === s.admin.user.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toBe("Schakel: webhooks niet afgeleverd");
    for (const r of referrals) expect(`${mails[0]?.text}${mine[0]?.text}`).not.toContain(r);
    const [queued] = await t.db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.to, s.admin.user.email), eq(mailOutbox.organizationId, s.organization.id)));
    expect(queued?.sentAt).not.toBeNull();

    // The next day's failures: one more notice.
    t.clock.advance(25 * HOUR);
    await statusChange(t.serviceContext(), randomUUID(), [s.organization.id]);
    t.clock.advance(WEBHOOK_RETRY_WINDOW_MS);
    await drainDueDeliveries(deps());
    const later = await t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.kind, "webhook_failed"), inArray(notifications.userId, [s.admin.user.id])));
    expect(later).toHaveLength(2);
    expect(later.map((n) => n.text)).toContain(
      `Webhook "Plangroep zaaksysteem": 1 gebeurtenis kon na 3 dagen proberen niet worden afgeleverd.`,
    );
  });

  it("a receiver that does not answer (timeout) does not hold up another subscription's deliveries", async () => {
    const slow = await subscriber();
    const fast = await subscriber();
    receiver.answer = (r) => (r.path === slow.path ? "hang" : { status: 204 });
    const dispatcher = startWebhookDispatcher(deps(), { concurrency: 4, perSubscription: 2, timeoutMs: 3_000, pollMs: 20 });
    try {
      // Enough for the slow one to fill every slot it may use, then the fast one's.
      for (let i = 0; i < 6; i++) await statusChange(t.serviceContext(), randomUUID(), [slow.organization.id]);
      const started = performance.now();
      await statusChange(t.serviceContext(), randomUUID(), [fast.organization.id]);
      dispatcher.wake();
      while (receiver.of(fast.path).length === 0 && performance.now() - started < 5_000) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(receiver.of(fast.path)).toHaveLength(1);
      expect(performance.now() - started).toBeLessThan(1_500);
    } finally {
      await dispatcher.stop();
    }
    const slowRows = await deliveriesOf(slow.subscription.id);
    expect(slowRows.some((d) => d.lastError === "Geen antwoord binnen 3 seconden.")).toBe(true);
  });

  it("leaves a paused subscription's deliveries waiting, and sends them when it is active again", async () => {
    const s = await subscriber();
    await t.db.update(webhookSubscriptions).set({ active: false }).where(eq(webhookSubscriptions.id, s.subscription.id));
    // Recorded while it was live (the outbox already queued it), then paused.
    await t.db.update(webhookSubscriptions).set({ active: true }).where(eq(webhookSubscriptions.id, s.subscription.id));
    await statusChange(t.serviceContext(), randomUUID(), [s.organization.id]);
    await t.db.update(webhookSubscriptions).set({ active: false }).where(eq(webhookSubscriptions.id, s.subscription.id));
    await drainDueDeliveries(deps());
    expect(receiver.of(s.path)).toHaveLength(0);
    await t.db.update(webhookSubscriptions).set({ active: true }).where(eq(webhookSubscriptions.id, s.subscription.id));
    await drainDueDeliveries(deps());
    expect(receiver.of(s.path)).toHaveLength(1);
  });

  it("holds back what was queued while the subscription's new address is not verified yet", async () => {
    const s = await subscriber();
    await statusChange(t.serviceContext(), randomUUID(), [s.organization.id]);
    // The admin changed the address; it has not answered the test event yet.
    await t.db.update(webhookSubscriptions).set({ verifiedAt: null }).where(eq(webhookSubscriptions.id, s.subscription.id));
    await drainDueDeliveries(deps());
    expect(receiver.of(s.path)).toHaveLength(0);
    await t.db
      .update(webhookSubscriptions)
      .set({ verifiedAt: t.clock.now() })
      .where(eq(webhookSubscriptions.id, s.subscription.id));
    await drainDueDeliveries(deps());
    expect(receiver.of(s.path)).toHaveLength(1);
  });
});
