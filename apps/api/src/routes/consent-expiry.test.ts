import { consents, notifications } from "@schakel/db";
import { and, asc, eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { allJobs, consentExpiryJob } from "../scheduler/jobs";
import { makeJobDue, runJobIfDue } from "../scheduler/scheduler";
import { stopReferralsOfExpiredConsents, warnOfExpiringConsents } from "../services/referrals/consent-expiry";
import { type MemoryMailer, silentLogger } from "../test/harness";
import { matrixCases } from "../test/privacy-matrix/cases";
import { DAY, ifMatch, useMatrixWorld } from "../test/privacy-matrix/fixtures";
import { secretsIn } from "../test/privacy-matrix/secrets";

// ---- expiry works like withdrawal, also for a referral that stays open ----

const m = useMatrixWorld({ shared: false });
const CASES = matrixCases(m);

describe("expired consent", () => {
  test("the receiver of an open referral whose consent expired reads its history, none of the resident", async () => {
    const fx = await m.mint("active", { serviceId: m.expiryService.id });
    await m.t.db
      .update(consents)
      .set({ validUntil: new Date(m.t.clock.now().getTime() - 1000) })
      .where(eq(consents.id, fx.consentId));
    const b = m.receiver.worker.browser;
    const reads = CASES.filter((c) => c.stage === "shared" && (c.role ?? "worker") === "worker");
    for (const c of reads) {
      const reply = await c.run({ b, actor: "receiver", fx });
      const where = `${c.operationId} (${c.title})`;
      // The referral is still open: the calendar file is still there, without the place.
      expect(reply.status, where).toBe(
        c.status.withdrawn === 404 && c.operationId === "getDriegesprekCalendar" ? 200 : c.status.withdrawn,
      );
      expect(secretsIn(reply.body), where).toEqual([]);
    }
  });
});

// ---- the referral stops at the consent's end, before the job has closed it ----

const RECEIVER_WRITES = [
  "updateReferral",
  "transitionReferral",
  "createReferralMessage",
  "createContactAttempt",
  "proposeDriegesprek",
  "confirmDriegesprek",
  "recordDriegesprekOutcome",
];

async function expire(fx: { consentId: string }) {
  await m.t.db
    .update(consents)
    .set({ validUntil: new Date(m.t.clock.now().getTime() - 1000) })
    .where(eq(consents.id, fx.consentId));
}

describe("a referral whose consent ran out has stopped", () => {
  test("every write of the receiver is 409 consent-expired (a problem, in Dutch) and changes nothing", async () => {
    const writes = CASES.filter(
      (c) =>
        RECEIVER_WRITES.includes(c.operationId) && c.stage !== "shared" && c.stage !== "consented" && c.status.receiver < 300,
    );
    expect(new Set(writes.map((c) => c.operationId))).toEqual(new Set(RECEIVER_WRITES));
    for (const c of writes) {
      if (c.stage === "shared" || c.stage === "consented") continue;
      const fx = await m.mint(c.stage, { serviceId: m.expiryService.id });
      await expire(fx);
      const call = { b: m.receiver[c.role ?? "worker"].browser, actor: "receiver" as const, fx };
      const before = await c.probe?.(call);
      const reply = await c.run(call);
      const where = `${c.operationId} (${c.title})`;
      expect(reply.status, `${where}: ${reply.body.slice(0, 300)}`).toBe(409);
      expect(reply.contentType, where).toMatch(/^application\/problem\+json/);
      const problem = JSON.parse(reply.body) as { type: string; detail: string };
      expect(problem.type, where).toMatch(/consent-expired$/);
      expect(problem.detail, where).toMatch(/toestemming van de inwoner .* is verlopen/);
      expect(secretsIn(reply.body), where).toEqual([]);
      expect(await c.probe?.(call), `${where}: a refused write changes nothing`).toEqual(before);
    }
  });

  test("the sender adds nothing either, but can still withdraw it; the receiver opening it no longer moves it", async () => {
    const fx = await m.mint("accepted", { serviceId: m.expiryService.id });
    await expire(fx);
    const path = { params: { path: { referralId: fx.referralId } } };
    const sw = m.sender.worker.browser;
    const message = await sw.client.POST("/referrals/{referralId}/messages", { ...path, body: { text: "Matrix: nog iets" } });
    expect(message.response.status).toBe(409);
    const propose = await sw.client.PUT("/referrals/{referralId}/driegesprek", {
      ...path,
      body: { moments: [m.later(3 * DAY)] },
    });
    expect(propose.response.status).toBe(409);
    const withdraw = await sw.client.POST("/referrals/{referralId}/transitions", {
      params: { path: { referralId: fx.referralId }, header: ifMatch(await m.versionOf(fx.referralId)) },
      body: { to: "withdrawn", note: "Matrix: toestemming verlopen" },
    });
    expect(withdraw.response.status).toBe(200);

    const sent = await m.mint("sent", { serviceId: m.expiryService.id });
    await expire(sent);
    const opened = await m.receiver.worker.browser.client.GET("/referrals/{referralId}", {
      params: { path: { referralId: sent.referralId } },
    });
    expect(opened.response.status).toBe(200);
    expect(opened.data?.allowedMoves).toEqual([]);
    expect(secretsIn(JSON.stringify(opened.data))).toEqual([]);
    expect((await m.referralRow(sent))?.status).toBe("sent");
  });

  test("the job closes it: expired, reason consent_expired, which the sender sees on the timeline and in a notification", async () => {
    // The referring worker wants a mail per event (the default is the daily digest).
    const chose = await m.sender.worker.browser.client.PUT("/me/notification-settings", {
      body: { mailMode: "each", allReferrals: false },
    });
    expect(chose.response.status).toBe(200);
    const fx = await m.mint("accepted", { serviceId: m.expiryService.id });
    await expire(fx);
    const ctx = m.t.serviceContext(null);
    const now = m.t.clock.now();
    // Two schedulers at once close it once.
    const runs = await Promise.all([stopReferralsOfExpiredConsents(ctx, now), stopReferralsOfExpiredConsents(ctx, now)]);
    expect(runs.reduce((n, r) => n + r.stopped, 0)).toBeGreaterThanOrEqual(1);
    expect((await stopReferralsOfExpiredConsents(ctx, now)).stopped).toBe(0);
    const row = await m.referralRow(fx);
    expect(row).toMatchObject({ status: "expired", expiryReason: "consent_expired", closedAt: now });

    const { data: events } = await m.sender.worker.browser.client.GET("/referrals/{referralId}/events", {
      params: { path: { referralId: fx.referralId } },
    });
    const moves = (events?.data ?? []).filter((e) => e.type === "status_changed");
    expect(moves.filter((e) => e.toStatus === "expired")).toHaveLength(1);
    expect(moves.at(-1)).toMatchObject({
      toStatus: "expired",
      actor: { side: "system" },
      note: expect.stringMatching(/toestemming van de inwoner is verlopen/i),
    });

    // Every notification of the file shares one instant (the clock stands still), so find it by kind.
    const [told, ...twice] = await m.t.db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.referralId, fx.referralId),
          eq(notifications.userId, m.sender.worker.user.id),
          eq(notifications.kind, "consent_expired"),
        ),
      );
    expect(twice).toHaveLength(0);
    expect(told?.text).toMatch(
      /^Verwijzing V-\d+ naar Energiehulp Matrix is gestopt: de toestemming van de inwoner is verlopen\.$/,
    );
    const receiverTold = await m.t.db
      .select({ kind: notifications.kind, text: notifications.text })
      .from(notifications)
      .where(and(eq(notifications.referralId, fx.referralId), eq(notifications.kind, "consent_expired")))
      .orderBy(asc(notifications.id));
    expect(receiverTold.length).toBeGreaterThanOrEqual(2);
    for (const n of receiverTold) expect(secretsIn(n.text)).toEqual([]);
    const mail = (m.t.mailer as MemoryMailer).sent.filter((s) => s.subject.includes("Energiehulp Matrix")).at(-1);
    expect(mail?.text).toMatch(/toestemming van de inwoner is verlopen/);
    expect(secretsIn(mail?.text ?? "")).toEqual([]);
  });
});

describe("the scheduler", () => {
  test("runs the consent-expiry job: warnings and closing in one pass", async () => {
    const ending = await m.mint("accepted", { serviceId: m.expiryService.id });
    await m.t.db
      .update(consents)
      .set({ validUntil: new Date(m.t.clock.now().getTime() + 3 * DAY) })
      .where(eq(consents.id, ending.consentId));
    const ended = await m.mint("accepted", { serviceId: m.expiryService.id });
    await expire(ended);
    expect(allJobs).toContain(consentExpiryJob);
    const deps = {
      db: m.t.db,
      config: { production: false, trustProxy: true, devMailbox: false },
      clock: m.t.clock,
      mailer: m.t.mailer,
      logger: silentLogger,
      fallbackBaseUrl: "http://localhost:3000",
    };
    await makeJobDue(deps, consentExpiryJob.name);
    const run = await runJobIfDue(deps, consentExpiryJob);
    expect(run).toMatchObject({ ran: true, summary: { warned: expect.any(Number), stopped: expect.any(Number) } });
    expect((await m.referralRow(ended))?.status).toBe("expired");
    const [consent] = await m.t.db.select().from(consents).where(eq(consents.id, ending.consentId));
    expect(consent?.expiryWarnedAt).not.toBeNull();
  });
});

describe("the sender is told 14 days before a consent that carries an open referral ends", () => {
  async function ending(inDays: number) {
    const fx = await m.mint("accepted", { serviceId: m.expiryService.id });
    await m.t.db
      .update(consents)
      .set({ validUntil: new Date(m.t.clock.now().getTime() + inDays * DAY) })
      .where(eq(consents.id, fx.consentId));
    return fx;
  }
  const warningsOf = (fx: { referralId: string }) =>
    m.t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.referralId, fx.referralId), eq(notifications.kind, "consent_expiring")))
      .orderBy(asc(notifications.id));

  test("once, however often and however many schedulers run; not earlier; nothing personal", async () => {
    const later = await ending(15);
    const soon = await ending(13);
    const ctx = m.t.serviceContext(null);
    const now = m.t.clock.now();
    await Promise.all([warnOfExpiringConsents(ctx, now), warnOfExpiringConsents(ctx, now)]);
    await warnOfExpiringConsents(ctx, now);
    expect(await warningsOf(later)).toHaveLength(0);
    const [warning, ...more] = await warningsOf(soon);
    expect(more).toHaveLength(0);
    expect(warning).toMatchObject({ userId: m.sender.worker.user.id, kind: "consent_expiring" });
    expect(warning?.text).toMatch(/^De toestemming voor verwijzing V-\d+ naar Energiehulp Matrix loopt af op \d+ \w+ \d{4}\./);
    expect(secretsIn(warning?.text ?? "")).toEqual([]);
    const [consent] = await m.t.db.select().from(consents).where(eq(consents.id, soon.consentId));
    expect(consent?.expiryWarnedAt).toEqual(now);

    // A day later the other one is inside the 14 days: told then, once.
    const tomorrow = new Date(now.getTime() + 2 * DAY);
    await warnOfExpiringConsents(ctx, tomorrow);
    await warnOfExpiringConsents(ctx, tomorrow);
    expect(await warningsOf(later)).toHaveLength(1);
    expect(await warningsOf(soon)).toHaveLength(1);
  });

  test("a consent without an open referral is not warned of", async () => {
    const fx = await ending(10);
    const withdraw = await m.sender.worker.browser.client.POST("/referrals/{referralId}/transitions", {
      params: { path: { referralId: fx.referralId }, header: ifMatch(await m.versionOf(fx.referralId)) },
      body: { to: "withdrawn" },
    });
    expect(withdraw.response.status).toBe(200);
    await warnOfExpiringConsents(m.t.serviceContext(null), m.t.clock.now());
    expect(await warningsOf(fx)).toHaveLength(0);
    const [consent] = await m.t.db.select().from(consents).where(eq(consents.id, fx.consentId));
    expect(consent?.expiryWarnedAt).toBeNull();
  });
});

describe("a consent's end", () => {
  test("lies at most two years (730 days) ahead: further is 422 consent-end-too-far naming validUntil", async () => {
    const w = m.sender.worker.browser;
    const { resident } = await m.residentWithConsent();
    const record = (validUntil: Date) =>
      w.client.POST("/residents/{residentId}/consents", {
        params: { path: { residentId: resident.id } },
        body: {
          receivingOrganizationId: m.receiver.organization.id,
          purpose: "Aanmelding voor schuldhulp",
          dataCategories: ["contact", "request"],
          method: "mondeling",
          feedbackLevel: "outcome",
          validUntil: validUntil.toISOString(),
        },
      });
    const latest = new Date(m.t.clock.now().getTime() + 730 * DAY);
    const far = await record(new Date(latest.getTime() + 60_000));
    expect(far.response.status).toBe(422);
    expect(far.response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(far.error).toMatchObject({
      type: expect.stringMatching(/consent-end-too-far$/),
      detail: expect.stringMatching(/binnen 730 dagen \(twee jaar\)/),
      invalidParams: [{ name: "body.validUntil", code: "consent-end-too-far" }],
    });
    expect((await record(new Date(latest.getTime() - 60_000))).response.status).toBe(201);
  });
});
