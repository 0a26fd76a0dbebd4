import { randomInt, randomUUID } from "node:crypto";
import { ANONYMIZED_NAME, accessLog, consents, type Database, idempotencyKeys, referrals, residents } from "@schakel/db";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { allJobs, retentionJob } from "../scheduler/jobs";
import { makeJobDue, runJobIfDue, type SchedulerDeps } from "../scheduler/scheduler";
import { recordAccess } from "../services/access-log";
import { runRetention } from "../services/privacy/retention";
import { createTestContext, silentLogger, type TestContext } from "../test/harness";
import { type Browser, DAY, referralWorld } from "../test/referral-world";

// Retention on both databases. On PostgreSQL every test file shares one database, so this file
// makes its own residents with their own markers, lets its data grow old by setting the clock
// back while it is made, and reads back only its own organizations' rows.

let t: TestContext;
let world: ReturnType<typeof referralWorld>;
let deps: SchedulerDeps;
beforeAll(async () => {
  t = await createTestContext();
  world = referralWorld(t);
  deps = {
    db: t.db,
    config: { production: false, trustProxy: true, devMailbox: false },
    clock: t.clock,
    mailer: t.mailer,
    logger: silentLogger,
    fallbackBaseUrl: "http://localhost:3000",
  };
});
afterAll(() => t.close());

const MONTH = 30 * DAY;
const letters = (n: number) => Array.from({ length: n }, () => "bcdfghjklmnpqrstvwxz"[randomInt(20)]).join("");

/** A resident's personal data and free text, each carrying a marker nothing else in the database holds. */
function personOf() {
  const tag = letters(8);
  const digits = String(randomInt(10_000_000, 99_999_999));
  const cap = tag[0]?.toUpperCase() + tag.slice(1);
  return {
    tag,
    digits,
    resident: {
      name: `Wybrecht ${cap}`,
      phone: `06-${digits}`,
      email: `w.${tag}@example.org`,
      address: `${cap}laan 7`,
      postcode: "6824 KX",
      birthYear: 1979,
      preferredChannel: "whatsapp",
    },
    text: (what: string) => `${what} (${tag}-${what.slice(0, 4).toLowerCase()})`,
  };
}
type Person = ReturnType<typeof personOf>;

/** The rows of a raw query, on PGlite ({ rows }) and on PostgreSQL (an array). */
async function rowsOf<T>(db: Database, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  return Array.isArray(result) ? (result as T[]) : (result as { rows: T[] }).rows;
}

/** Every column of every table that holds this marker, as "table.column" (information_schema: nothing is left out). */
async function whereIs(db: Database, needle: string): Promise<string[]> {
  const columns = await rowsOf<{ table_name: string; column_name: string }>(
    db,
    sql`
      select c.table_name, c.column_name from information_schema.columns c
      join information_schema.tables tb on tb.table_schema = c.table_schema and tb.table_name = c.table_name
      where c.table_schema = 'public' and tb.table_type = 'BASE TABLE'
      order by c.table_name, c.ordinal_position`,
  );
  expect(columns.length).toBeGreaterThan(150);
  const found: string[] = [];
  const byTable = new Map<string, string[]>();
  for (const c of columns) byTable.set(c.table_name, [...(byTable.get(c.table_name) ?? []), c.column_name]);
  for (const [table, names] of byTable) {
    const like = `%${needle.toLowerCase()}%`;
    const query = sql.join(
      [
        sql.raw("select "),
        sql.join(
          names.map((n) => sql`bool_or(lower(${sql.identifier(n)}::text) like ${like}) as ${sql.identifier(n)}`),
          sql.raw(", "),
        ),
        sql.raw(" from "),
        sql.identifier(table),
      ],
      sql.raw(""),
    );
    const [result] = await rowsOf<Record<string, boolean | null>>(db, query);
    for (const n of names) if (result?.[n]) found.push(`${table}.${n}`);
  }
  return found;
}

/** The anonymous figures a report shows, for the organizations of this file. */
async function figures(db: Database, senderOrganizationIds: string[]) {
  const rows = await db
    .select({
      serviceId: referrals.serviceId,
      status: referrals.status,
      outcome: referrals.outcome,
      n: sql<number>`count(*)::int`,
      cents: sql<number>`coalesce(sum(${referrals.moneyOutcomeCents}), 0)::int`,
      created: sql<string>`min(${referrals.createdAt})::text`,
      closed: sql<string | null>`max(${referrals.closedAt})::text`,
    })
    .from(referrals)
    .where(inArray(referrals.senderOrganizationId, senderOrganizationIds))
    .groupBy(referrals.serviceId, referrals.status, referrals.outcome)
    .orderBy(asc(referrals.serviceId), asc(referrals.status), asc(referrals.outcome));
  return rows;
}

/** Everything of these residents and their referrals, as stored: what a dry run must leave alone. */
async function snapshot(db: Database, residentIds: string[]) {
  const referralRows = await db
    .select()
    .from(referrals)
    .where(inArray(referrals.residentId, residentIds))
    .orderBy(asc(referrals.id));
  return {
    residents: await db.select().from(residents).where(inArray(residents.id, residentIds)).orderBy(asc(residents.id)),
    consents: await db.select().from(consents).where(inArray(consents.residentId, residentIds)).orderBy(asc(consents.id)),
    referrals: referralRows,
    text: await Promise.all(referralRows.map(async (r) => whereIs(db, r.id))),
  };
}

describe("retention", () => {
  test("anonymises what closed longer than the period ago, leaves no trace of it, and keeps the figures", async () => {
    const realNow = t.clock.now();
    const n = await world.network({ serviceName: "Schuldhulp Bewaar" });
    const second = await world.addService(n.receiver.admin.browser, n.receiver.organization.id, "Budgetcoach Bewaar");
    const sw = () => n.sender.worker.browser;
    const rw = () => n.receiver.worker.browser;
    const at = async (when: Date) => world.advance(n, when.getTime() - t.clock.now().getTime());
    const path = (id: string) => ({ params: { path: { referralId: id } } });

    async function referTo(b: Browser, p: Person, serviceId: string, key?: string) {
      const { resident, consent } = await world.residentWithConsent(
        b,
        n.sender.organization.id,
        n.receiver.organization.id,
        { purpose: p.text("Doel"), dataCategories: ["contact", "request", "debts"] },
        p.resident,
      );
      const { data, response } = await b.client.POST("/referrals", {
        body: world.referralBody(resident.id, serviceId, consent.id, {
          request: p.text("Hulpvraag"),
          categoryNotes: { debts: p.text("Schulden") },
        }),
        ...(key ? { params: { header: { "idempotency-key": key } } } : {}),
      } as never);
      if (!data) throw new Error(`referral not created: ${response.status}`);
      return { resident, consent, referral: data as { id: string } };
    }
    async function again(b: Browser, residentId: string, p: Person, serviceId: string) {
      const consent = await world.consentFor(b, residentId, n.receiver.organization.id, { purpose: p.text("Nieuwdoel") });
      const { data } = await b.client.POST("/referrals", {
        body: world.referralBody(residentId, serviceId, consent.id, { request: p.text("Nieuwevraag"), categoryNotes: {} }),
      });
      if (!data) throw new Error("second referral not created");
      return data;
    }

    // 26 months ago: A is helped (everything a referral can hold), and declined elsewhere; B's first referral is withdrawn.
    await at(new Date(realNow.getTime() - 26 * MONTH));
    const a = personOf();
    const b = personOf();
    const helped = await referTo(sw(), a, n.service.id, randomUUID());
    await world.walk(rw(), helped.referral.id, [{ to: "accepted", note: a.text("Intake") }]);
    await sw().client.POST("/referrals/{referralId}/messages", {
      ...path(helped.referral.id),
      body: { text: a.text("Bericht") },
    });
    await rw().client.POST("/referrals/{referralId}/messages", {
      ...path(helped.referral.id),
      body: { text: a.text("Antwoord") },
    });
    await rw().client.POST("/referrals/{referralId}/contact-attempts", {
      ...path(helped.referral.id),
      body: { channel: "phone", result: "no_answer", note: a.text("Poging") },
    });
    const moment = new Date(t.clock.now().getTime() + 2 * DAY).toISOString();
    await sw().client.PUT("/referrals/{referralId}/driegesprek", { ...path(helped.referral.id), body: { moments: [moment] } });
    const confirmed = await rw().client.POST("/referrals/{referralId}/driegesprek/confirmation", {
      ...path(helped.referral.id),
      body: { at: moment, place: a.text("Plek") },
    });
    expect(confirmed.response.status).toBe(200);
    await world.walk(rw(), helped.referral.id, [
      { to: "in_contact" },
      { to: "in_progress" },
      { to: "completed", outcome: "helped", moneyOutcomeCents: 125_000, note: a.text("Afronding") },
    ]);
    const declined = await again(sw(), helped.resident.id, a, second.id);
    await world.walk(rw(), declined.id, [{ to: "declined", reason: a.text("Afwijzing") }]);
    const old = await referTo(sw(), b, n.service.id);
    await world.walk(sw(), old.referral.id, [{ to: "withdrawn", note: b.text("Intrekking") }]);

    // Back to now: B is referred again (open, recent), so B stays; only B's old referral goes.
    await at(realNow);
    const recent = await again(sw(), old.resident.id, b, second.id);

    // Every piece of A is stored somewhere before (so finding none after means something).
    expect(await whereIs(t.db, a.digits)).toEqual(["residents.phone"]);
    for (const what of [
      "Intake",
      "Bericht",
      "Antwoord",
      "Poging",
      "Plek",
      "Afronding",
      "Afwijzing",
      "Hulpvraag",
      "Schulden",
      "Doel",
    ]) {
      expect(await whereIs(t.db, a.text(what)), what).not.toEqual([]);
    }
    expect(await whereIs(t.db, b.text("Intrekking"))).not.toEqual([]);
    const mine = [n.sender.organization.id];
    const before = await figures(t.db, mine);
    expect(before.reduce((s, r) => s + r.cents, 0)).toBe(125_000);

    // The dry run lists it (ids and counts) and changes nothing.
    const residentIds = [helped.resident.id, old.resident.id];
    const untouched = await snapshot(t.db, residentIds);
    const dry = await runRetention(t.serviceContext(null), t.clock.now(), { dryRun: true });
    expect(dry.dryRun).toBe(true);
    expect(dry.residentIds).toContain(helped.resident.id);
    expect(dry.residentIds).not.toContain(old.resident.id);
    expect(dry.referralIds).toEqual(expect.arrayContaining([helped.referral.id, declined.id, old.referral.id]));
    expect(dry.referralIds).not.toContain(recent.id);
    expect(JSON.stringify(dry)).not.toMatch(new RegExp(`${a.tag}|${b.tag}|${a.digits}`, "i"));
    expect(await snapshot(t.db, residentIds)).toEqual(untouched);

    // The daily job does it.
    expect(allJobs).toContain(retentionJob);
    await makeJobDue(deps, retentionJob.name);
    const run = await runJobIfDue(deps, retentionJob);
    expect(run).toMatchObject({ ran: true, summary: expect.objectContaining({ residents: expect.any(Number) }) });
    if (!run.ran || !run.summary) throw new Error("retention did not run");
    expect(run.summary.residents).toBeGreaterThanOrEqual(1);
    expect(run.summary.referrals).toBeGreaterThanOrEqual(3);

    // No trace of A anywhere — name, phone, e-mail, address, every text — nor of B's old referral's text.
    expect(await whereIs(t.db, a.tag)).toEqual([]);
    expect(await whereIs(t.db, a.digits)).toEqual([]);
    for (const what of ["Intrekking", "Hulpvraag", "Schulden", "Doel"]) expect(await whereIs(t.db, b.text(what))).toEqual([]);
    // B, with a recent referral, keeps their data and that referral's text.
    expect(await whereIs(t.db, b.digits)).toContain("residents.phone");
    expect(await whereIs(t.db, b.text("Nieuwevraag"))).toEqual(["referrals.request"]);
    expect(await whereIs(t.db, b.text("Nieuwdoel"))).toEqual(["consents.purpose"]);

    const [residentA] = await t.db.select().from(residents).where(eq(residents.id, helped.resident.id));
    expect(residentA).toMatchObject({ name: ANONYMIZED_NAME, phone: null, email: null, anonymizedAt: t.clock.now() });
    // The anonymisation is in the recording organization's access log, by Schakel, with the reason.
    const logged = await t.db
      .select({ action: accessLog.action, actor: accessLog.actorUserId, org: accessLog.organizationId, reason: accessLog.reason })
      .from(accessLog)
      .where(
        and(
          eq(accessLog.subjectType, "resident"),
          eq(accessLog.subjectId, helped.resident.id),
          eq(accessLog.action, "resident.anonymise"),
        ),
      );
    expect(logged).toEqual([
      { action: "resident.anonymise", actor: null, org: n.sender.organization.id, reason: "bewaartermijn" },
    ]);
    const [residentB] = await t.db.select().from(residents).where(eq(residents.id, old.resident.id));
    expect(residentB?.anonymizedAt).toBeNull();
    const rows = await t.db
      .select({ id: referrals.id, anonymizedAt: referrals.anonymizedAt, outcomeNote: referrals.outcomeNote })
      .from(referrals)
      .where(inArray(referrals.id, [helped.referral.id, declined.id, old.referral.id, recent.id]))
      .orderBy(asc(referrals.id));
    for (const r of rows) expect(r.anonymizedAt, r.id).toEqual(r.id === recent.id ? null : t.clock.now());

    // The figures are the same: counts by status and outcome, the amounts, per service, the dates.
    expect(await figures(t.db, mine)).toEqual(before);

    // The sender still finds the anonymous facts.
    const { data: view } = await sw().client.GET("/referrals/{referralId}", path(helped.referral.id));
    expect(view).toMatchObject({ status: "completed", outcome: "helped", moneyOutcomeCents: 125_000 });

    // A second run has nothing more of this file's to do.
    const next = await runRetention(t.serviceContext(null), t.clock.now(), { dryRun: true });
    expect(next.referralIds).not.toEqual(expect.arrayContaining([helped.referral.id]));
    expect(next.residentIds).not.toContain(helped.resident.id);
  });

  test("a period set in the configuration is the one applied", async () => {
    const ctx = {
      ...t.serviceContext(null),
      config: { ...t.serviceContext(null).config, periods: { consentMaxDays: 730, retentionMonths: 6, accessLogYears: 2 } },
    };
    const now = t.clock.now();
    const report = await runRetention(ctx, now, { dryRun: true });
    const monthsBack = new Date(now);
    monthsBack.setUTCMonth(monthsBack.getUTCMonth() - 6);
    const yearsBack = new Date(now);
    yearsBack.setUTCMonth(yearsBack.getUTCMonth() - 24);
    expect(report.cutoffs).toEqual({
      referralsClosedBefore: monthsBack.toISOString(),
      accessLogBefore: yearsBack.toISOString(),
      idempotencyKeysBefore: new Date(now.getTime() - DAY).toISOString(),
    });
  });
});

describe("the access log", () => {
  test("entries older than the period are deleted by the retention job only; newer ones stay", async () => {
    const now = t.clock.now();
    const marker = `retention.test.${letters(8)}`;
    const years = (n: number) => new Date(now.getTime() - n * 365 * DAY - DAY);
    await recordAccess(t.db, [
      { at: years(6), actorUserId: null, action: marker, subjectType: "system", reason: "old" },
      { at: years(4), actorUserId: null, action: marker, subjectType: "system", reason: "kept" },
    ]);
    const reasons = async () =>
      (
        await t.db
          .select({ reason: accessLog.reason })
          .from(accessLog)
          .where(eq(accessLog.action, marker))
          .orderBy(asc(accessLog.at))
      ).map((r) => r.reason);

    // Everyone else is still refused: DELETE, UPDATE and TRUNCATE (each tried in a transaction that is then undone).
    const refused = async (...statements: ReturnType<typeof sql>[]) => {
      const undo = new Error("undo");
      const outcome = await t.db
        .transaction(async (tx) => {
          for (const statement of statements) await tx.execute(statement);
          throw undo;
        })
        .then(
          () => "done",
          (err: unknown) => (err === undo ? "allowed" : String((err as { cause?: unknown }).cause ?? err)),
        );
      return outcome;
    };
    expect(await refused(sql`delete from access_log where action = ${marker}`)).toMatch(/append-only/);
    expect(await refused(sql`update access_log set reason = 'x' where action = ${marker}`)).toMatch(/append-only/);
    expect(await refused(sql`truncate access_log`)).toMatch(/append-only/);
    // With the cutoff set, a newer entry is still refused.
    expect(
      await refused(
        sql`select set_config('schakel.access_log_cutoff', ${years(5).toISOString()}, true)`,
        sql`delete from access_log where action = ${marker}`,
      ),
    ).toMatch(/append-only/);
    expect(await reasons()).toEqual(["old", "kept"]);

    const report = await runRetention(t.serviceContext(null), now, { dryRun: true });
    expect(report.counts.accessLogEntries).toBeGreaterThanOrEqual(1);
    expect(await reasons()).toEqual(["old", "kept"]);
    await runRetention(t.serviceContext(null), now, { dryRun: false });
    expect(await reasons()).toEqual(["kept"]);
    // The cutoff held only for that transaction.
    expect(await refused(sql`delete from access_log where action = ${marker}`)).toMatch(/append-only/);
  });
});

describe("Idempotency-Keys", () => {
  test("count for 24 hours: a retry after that is a new request, and the job removes the old keys", async () => {
    const n = await world.network();
    const w = n.sender.worker.browser;
    const { resident, consent } = await world.residentWithConsent(w, n.sender.organization.id, n.receiver.organization.id);
    const key = randomUUID();
    const send = () =>
      w.client.POST("/referrals", {
        body: world.referralBody(resident.id, n.service.id, consent.id),
        params: { header: { "idempotency-key": key } },
      } as never);
    const first = await send();
    expect(first.response.status).toBe(201);
    const replay = await send();
    expect(replay.response.headers.get("Idempotent-Replayed")).toBe("true");
    expect((replay.data as unknown as { id: string }).id).toBe((first.data as unknown as { id: string }).id);

    // A day and a minute later the same key is a new request: this one meets the first, still open referral.
    await t.db
      .update(idempotencyKeys)
      .set({ createdAt: new Date(t.clock.now().getTime() - DAY - 60_000) })
      .where(eq(idempotencyKeys.key, key));
    const late = await send();
    expect(late.response.status).toBe(409);
    expect(late.error).toMatchObject({ type: expect.stringMatching(/duplicate-referral$/) });

    const other = randomUUID();
    await t.db
      .insert(idempotencyKeys)
      .values([
        { userId: n.sender.worker.user.id, key: other, requestHash: "x", createdAt: new Date(t.clock.now().getTime() - 2 * DAY) },
      ]);
    await runRetention(t.serviceContext(null), t.clock.now(), { dryRun: false });
    const left = await t.db
      .select({ key: idempotencyKeys.key })
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.userId, n.sender.worker.user.id), inArray(idempotencyKeys.key, [key, other])));
    expect(left).toEqual([]);
  });
});
