import { formatReference } from "@schakel/core";
import { digestRuns, referrals } from "@schakel/db";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { digestDayAt } from "../services/notifications/digest";
import { createTestContext, MemoryMailer, silentLogger, type TestContext } from "../test/harness";
import { type Browser, RESIDENT, referralWorld } from "../test/referral-world";
import { allJobs, dailyDigestJob } from "./jobs";
import { type SchedulerDeps, systemContext } from "./scheduler";

// The daily digest (issue 8): from 08:00 Europe/Amsterdam on working days, one mail per digest
// person with counts and references per box — never a name or free text — and exactly once.
// The clock stands in 2025, before any other test file's data on the shared PostgreSQL database.

let t: TestContext;
let w: ReturnType<typeof referralWorld>;
let deps: SchedulerDeps;
const mailer = new MemoryMailer();
beforeAll(async () => {
  t = await createTestContext({ mailer });
  t.clock.set(new Date("2025-02-20T09:00:00Z")); // Thursday 10:00 in Amsterdam
  w = referralWorld(t);
  deps = {
    db: t.db,
    config: { production: false, trustProxy: true, devMailbox: false },
    clock: t.clock,
    mailer,
    logger: silentLogger,
    fallbackBaseUrl: "http://schakel.test",
  };
});
afterAll(() => t.close());

const digestsTo = (email: string) =>
  mailer.sent.filter((m) => m.to === email && m.subject.startsWith("Je overzicht van Schakel"));
const run = () => dailyDigestJob.run(systemContext(deps), t.clock.now());
const referenceOf = async (id: string) => {
  const [row] = await t.db.select({ reference: referrals.reference }).from(referrals).where(eq(referrals.id, id));
  if (!row) throw new Error("no referral");
  return formatReference(row.reference);
};
const choose = (b: Browser, mailMode: "each" | "digest") =>
  b.client.PUT("/me/notification-settings", { body: { mailMode, allReferrals: false } });

describe("when the digest is due", () => {
  test("from 08:00 Amsterdam on working days: not before, not on a Saturday, not on Tweede Paasdag", () => {
    expect(digestDayAt(new Date("2025-03-04T06:59:59Z"))).toBeNull(); // Tuesday 07:59 CET
    expect(digestDayAt(new Date("2025-03-04T07:00:00Z"))).toBe("2025-03-04");
    expect(digestDayAt(new Date("2025-06-03T05:59:59Z"))).toBeNull(); // 07:59 CEST
    expect(digestDayAt(new Date("2025-06-03T06:00:00Z"))).toBe("2025-06-03");
    expect(digestDayAt(new Date("2025-03-08T09:00:00Z"))).toBeNull(); // Saturday
    expect(digestDayAt(new Date("2025-04-21T09:00:00Z"))).toBeNull(); // Tweede Paasdag
    expect(digestDayAt(new Date("2025-05-05T09:00:00Z"))).toBeNull(); // Bevrijdingsdag
    expect(allJobs).toContain(dailyDigestJob);
  });
});

describe("the daily digest", () => {
  test("counts and references per box, what is overdue, no names; once a day; only digest people", async () => {
    const n = await w.network();
    // An old referral nobody has moved: overdue by March.
    const old = await w.refer(n);
    await w.advance(n, new Date("2025-03-03T09:00:00Z").getTime() - t.clock.now().getTime()); // Monday 10:00
    const eachWorker = await t.make.member(n.receiver.organization.id, "worker");
    expect((await choose(await t.signedIn(eachWorker.user.email), "each")).response.status).toBe(200);

    const one = await w.refer(n);
    const two = await w.refer(n, { body: { urgency: "urgent", urgencyReason: "eviction" } });
    await n.sender.worker.browser.client.POST("/referrals/{referralId}/messages", {
      params: { path: { referralId: one.referral.id } },
      body: { text: `${RESIDENT.name} is bereikbaar op ${RESIDENT.phone}.` },
    });
    await w.walk(n.receiver.worker.browser, two.referral.id, [{ to: "accepted" }]);
    const [refOld, refOne, refTwo] = [
      await referenceOf(old.referral.id),
      await referenceOf(one.referral.id),
      await referenceOf(two.referral.id),
    ];
    const rw = n.receiver.worker.user.email;
    const sw = n.sender.worker.user.email;
    // The urgent one was mailed at once; nothing else yet for digest people.
    expect(mailer.sent.filter((m) => m.to === rw).map((m) => m.subject)).toEqual([
      `Nieuwe verwijzing voor Schulddienstverlening (spoed) (${refTwo})`,
    ]);

    // Tuesday 07:59: not yet.
    t.clock.set(new Date("2025-03-04T06:59:00Z"));
    expect(await run()).toEqual({ due: 0 });
    expect(digestsTo(rw)).toEqual([]);

    // 08:00: one digest each.
    t.clock.set(new Date("2025-03-04T07:00:00Z"));
    const first = await run();
    expect(first.sent).toBeGreaterThanOrEqual(2);
    const [digest, ...more] = digestsTo(rw);
    expect(more).toEqual([]);
    expect(digest?.subject).toBe("Je overzicht van Schakel, dinsdag 4 maart");
    expect(digest?.text).toContain(
      [
        "Ontvangen door Plangroep Test:",
        `- Nieuwe verwijzingen: 2 (${refOne}, ${refTwo})`,
        `- Nieuwe berichten: 1 (${refOne})`,
        `- Te laat, nog open: 1 (${refOld})`,
      ].join("\n"),
    );
    expect(digest?.text).toContain("http://schakel.test/verwijzingen\n");
    const [senderDigest] = digestsTo(sw);
    expect(senderDigest?.text).toMatch(
      new RegExp(`Verstuurd door [^\\n]+:\\n- Nieuwe status: 2 \\(${refTwo}\\)\\n- Te laat, nog open: 1 \\(${refOld}\\)`),
    );
    for (const mail of [digest, senderDigest]) {
      for (const secret of [RESIDENT.name, "Sam", "Jansen", RESIDENT.phone, RESIDENT.postcode, "zorgverzekeraar", "bereikbaar"]) {
        expect(`${mail?.subject}\n${mail?.text}`).not.toContain(secret);
      }
    }
    // Whoever chose a mail per event gets no digest; the admin, told of nothing and watching nothing, neither.
    expect(digestsTo(eachWorker.user.email)).toEqual([]);
    expect(digestsTo(n.receiver.admin.user.email)).toEqual([]);

    // Later that day, and again: no second digest.
    t.clock.set(new Date("2025-03-04T12:00:00Z"));
    await run();
    expect(digestsTo(rw)).toHaveLength(1);

    // Saturday: nothing, whatever is overdue.
    t.clock.set(new Date("2025-03-08T09:00:00Z"));
    expect(await run()).toEqual({ due: 0 });

    // Monday: only what changed since Tuesday's digest, and what is still overdue.
    await w.advance(n, new Date("2025-03-10T08:00:00Z").getTime() - t.clock.now().getTime());
    await n.sender.worker.browser.client.POST("/referrals/{referralId}/messages", {
      params: { path: { referralId: two.referral.id } },
      body: { text: "Nog iets" },
    });
    await run();
    const monday = digestsTo(rw).at(-1);
    expect(digestsTo(rw)).toHaveLength(2);
    expect(monday?.text).toContain(`- Nieuwe berichten: 1 (${refTwo})`);
    expect(monday?.text).not.toContain("Nieuwe verwijzingen");
    expect(monday?.text).toMatch(/- Te laat, nog open: \d+ \(/);
  });

  test("one digest per person per day when two runs go at once", async () => {
    t.clock.set(new Date("2025-04-21T08:00:00Z")); // Tweede Paasdag: nothing
    const n = await w.network();
    const { referral } = await w.refer(n);
    expect(await Promise.all([run(), run()])).toEqual([{ due: 0 }, { due: 0 }]);
    expect(digestsTo(n.receiver.worker.user.email)).toEqual([]);

    t.clock.set(new Date("2025-04-22T06:00:00Z")); // Tuesday 08:00 CEST
    const results = await Promise.all([run(), run()]);
    expect(results.reduce((sum, r) => sum + (r.sent ?? 0), 0)).toBeGreaterThanOrEqual(1);
    const mails = digestsTo(n.receiver.worker.user.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.text).toContain(`- Nieuwe verwijzingen: 1 (${await referenceOf(referral.id)})`);
    const rows = await t.db
      .select()
      .from(digestRuns)
      .where(and(eq(digestRuns.userId, n.receiver.worker.user.id), eq(digestRuns.day, "2025-04-22")));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.sentAt?.toISOString()).toBe("2025-04-22T06:00:00.000Z");
  });

  test("someone with nothing of their own to report gets no mail, and is not asked again that day", async () => {
    t.clock.set(new Date("2025-06-02T07:00:00Z")); // Monday 09:00 in Amsterdam
    const n = await w.network();
    await w.refer(n);
    // Two weeks later, Monday 08:00: the referral is overdue in the receiver's box, but its admin
    // (not the intake, no choice for every referral) has nothing of their own in it.
    t.clock.set(new Date("2025-06-16T06:00:00Z"));
    const first = await run();
    const admin = n.receiver.admin.user;
    expect(digestsTo(admin.email)).toEqual([]);
    const rows = await t.db
      .select({ sentAt: digestRuns.sentAt })
      .from(digestRuns)
      .where(and(eq(digestRuns.userId, admin.id), eq(digestRuns.day, "2025-06-16")));
    expect(rows).toEqual([{ sentAt: null }]);
    // The worker, the intake, did get theirs.
    expect(digestsTo(n.receiver.worker.user.email)).toHaveLength(1);
    t.clock.advance(10 * 60_000);
    const second = await run();
    expect(second.quiet ?? 0).toBeLessThan(first.quiet ?? 0);
  });
});
