/**
 * One pass of the escalation ladder over 50,000 open referrals on PostgreSQL, a few hundred of
 * them due. Loads a fresh database (or DATABASE_URL), puts every referral's ladder where a
 * scheduler that keeps up would have left it (core nextEscalation, fired up to now), then makes
 * BENCH_DUE of them due: their last fired rung is rewound, as if the job had not yet come round.
 * Measures the job's run function itself (runEscalationLadder: claiming, rungs, notifications,
 * expiries, the next rung), not the process start, and prints EXPLAIN (ANALYZE, BUFFERS) of the
 * due-row query exactly as the job builds it.
 *
 *   pnpm bench:scheduler     (DATABASE_URL, or BENCH_PG_URL; BENCH_REFERRALS, BENCH_DUE, BENCH_KEEP, BENCH_REUSE)
 */
import { type EscalationRung, nextEscalation, responseDueAt, statusTargetDays } from "@schakel/core";
import { createDb, memberships, organizations, referrals, residents, services, users } from "@schakel/db";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { dueReferrals, runEscalationLadder } from "../../apps/api/src/scheduler/escalation-ladder";
import type { ServiceContext } from "../../apps/api/src/services/context";
import { random } from "../sociale-kaart/generate";

const base = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432";
const total = Number(process.env.BENCH_REFERRALS ?? 50_000);
const dueCount = Number(process.env.BENCH_DUE ?? 300);
const own = process.env.DATABASE_URL;
/** BENCH_REUSE=<database>: a database a BENCH_KEEP run left, loaded already; only the due rows are made again. */
const reuse = process.env.BENCH_REUSE;
const dbName = reuse ?? `schakel_bench_ladder_${Date.now()}`;
const url = own ?? `${base}/${dbName}`;
const ORGS = 200;
const SENDERS = 40;
const DAY = 86_400_000;

/** Thrown to roll the EXPLAIN's transaction back (FOR UPDATE takes the locks). */
class RollbackSignal extends Error {}

const openStatuses = ["sent", "received", "accepted", "in_contact", "in_progress", "on_hold"] as const;

if (!own && !reuse) {
  const admin = postgres(`${base}/postgres`, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${dbName}`);
  await admin.end();
}
const handle = createDb({ url, max: 4 });
try {
  await handle.migrate();
  const db = handle.db;
  const r = random(11);
  const now = new Date();
  const t0 = performance.now();
  const rewindable: string[] = [];
  if (reuse) {
    await db.execute(sql`delete from referral_escalations`); // what an earlier run fired
    const rows = await db.execute<{ id: string }>(
      sql`select id from referrals where escalation_rung in ('tell_sender', 'expire') order by id`,
    );
    rewindable.push(...(Array.isArray(rows) ? rows : (rows as { rows: { id: string }[] }).rows).map((r) => r.id));
  } else {
    const orgs = await db
      .insert(organizations)
      .values(
        Array.from({ length: ORGS }, (_, i) => ({
          slug: `ladder-org-${i}-${Date.now()}`,
          name: `${i < SENDERS ? "Wijkteam" : "Schuldhulp"} ${i}`,
          kind: i < SENDERS ? ("wijkteam" as const) : ("schuldhulpverlening" as const),
          municipalityCodes: ["GM0202"],
        })),
      )
      .returning({ id: organizations.id });
    const orgIds = orgs.map((o) => o.id);
    const people = await db
      .insert(users)
      .values(
        orgIds.flatMap((_, i) =>
          [0, 1, 2].map((k) => ({
            email: `w${k}-${i}-${Date.now()}@ladder.example`,
            name: `Medewerker ${k}`,
            passwordHash: "x",
          })),
        ),
      )
      .returning({ id: users.id });
    await db.insert(memberships).values(
      people.map((p, k) => ({
        userId: p.id,
        organizationId: orgIds[Math.floor(k / 3)] as string,
        role: "worker" as const,
        status: "active" as const,
      })),
    );
    const svc = await db
      .insert(services)
      .values(
        orgIds.slice(SENDERS).map((organizationId, i) => ({
          organizationId,
          name: `Dienst ${i}`,
          description: "Hulp bij geldzaken en schulden.",
          lifeDomains: ["schulden" as const],
          municipalityCodes: ["GM0202"],
          acceptsReferrals: true,
          responseTargetDays: 5,
          searchKeywords: "",
        })),
      )
      .returning({ id: services.id, organizationId: services.organizationId });

    let made = 0;
    while (made < total) {
      const batch = Math.min(1000, total - made);
      const plan = Array.from({ length: batch }, (_, k) => {
        const sender = (made + k) % SENDERS;
        return { sender, service: r.pick(svc) };
      });
      const res = await db
        .insert(residents)
        .values(
          plan.map((p, k) => ({
            organizationId: orgIds[p.sender] as string,
            name: `Inwoner ${made + k}`,
            postcode: "6811 AB",
            createdByUserId: people[p.sender * 3]?.id as string,
          })),
        )
        .returning({ id: residents.id });
      const rows = plan.map((p, k) => {
        const status = r.pick(openStatuses);
        const urgency = r.chance(0.1) ? ("urgent" as const) : ("normal" as const);
        const lastMoveAt = new Date(now.getTime() - r.int(0, 60) * DAY - r.int(0, DAY - 1));
        const input = { status, urgency, responseTargetDays: 5, settings: null, lastMoveAt };
        // Where a scheduler that keeps up leaves it: every rung due by now fired, the next one ahead.
        let fired: EscalationRung | null = null;
        let next = nextEscalation({ ...input, fired });
        while (next && next.at.getTime() <= now.getTime() && next.rung !== "expire") {
          fired = next.rung;
          next = nextEscalation({ ...input, fired });
        }
        if (next && next.at.getTime() <= now.getTime()) next = null; // would have expired: leave it at rest
        return {
          residentId: res[k]?.id as string,
          serviceId: p.service.id,
          senderOrganizationId: orgIds[p.sender] as string,
          senderUserId: people[p.sender * 3]?.id as string,
          receiverOrganizationId: p.service.organizationId,
          lawfulBasis: "wgs_task" as const,
          dataCategories: ["contact", "request"] as ("contact" | "request")[],
          request: "Wil hulp bij schulden.",
          urgency,
          status,
          lastMoveAt,
          responseTargetDays: 5,
          dueAt: responseDueAt(lastMoveAt, statusTargetDays(input)),
          escalationRung: next?.rung ?? null,
          escalationAt: next?.at ?? null,
          lateSince: fired === "tell_sender" ? now : null,
          createdAt: lastMoveAt,
          updatedAt: lastMoveAt,
          // The rung before the next one fired already: rewinding to it makes it due again.
          fired,
        };
      });
      const created = await db
        .insert(referrals)
        .values(rows.map(({ fired: _, ...row }) => row))
        .returning({ id: referrals.id });
      rows.forEach((row, k) => {
        if (row.fired && row.escalationRung) rewindable.push(created[k]?.id as string);
      });
      made += batch;
      process.stdout.write(`\r  loaded ${made.toLocaleString("nl")} open referrals`);
    }
  }
  // A few hundred due: the rung before their next one is due again (the job has not run since).
  const chosen = new Set<string>();
  while (chosen.size < Math.min(dueCount, rewindable.length)) chosen.add(r.pick(rewindable));
  const ids = [...chosen];
  for (let i = 0; i < ids.length; i += 500) {
    const part = ids.slice(i, i + 500);
    await db.execute(sql`
      update referrals set
        escalation_rung = (case escalation_rung when 'tell_sender' then 'remind_receiver' else 'tell_sender' end)::escalation_rung,
        escalation_at = ${now.toISOString()}::timestamptz - interval '1 minute',
        late_since = null
      where id in (${sql.join(
        part.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`);
  }
  await db.execute(sql`vacuum analyze`);
  const loadSeconds = ((performance.now() - t0) / 1000).toFixed(1);

  const pg = postgres(url, { max: 1, onnotice: () => {} });
  const [counts] = await pg`
    select count(*)::int as open,
           count(*) filter (where escalation_at <= ${now})::int as due,
           count(*) filter (where escalation_at is not null)::int as laddered
    from referrals where status in ('sent', 'received', 'accepted', 'in_contact', 'in_progress', 'on_hold')`;
  console.log(
    `\n${counts?.open.toLocaleString("nl")} open referrals (${counts?.laddered.toLocaleString("nl")} with a rung ahead), ${counts?.due} due; loaded in ${loadSeconds} s`,
  );

  // The due-row query exactly as the job builds it, explained in a transaction that is rolled back.
  const query = dueReferrals(db, now).toSQL();
  await pg
    .begin(async (tx) => {
      const plan = await tx.unsafe(`explain (analyze, buffers) ${query.sql}`, query.params as never[]);
      console.log("\nEXPLAIN (ANALYZE, BUFFERS) of the due-row query (one batch of 200):");
      for (const row of plan) console.log(`  ${row["QUERY PLAN"]}`);
      throw new RollbackSignal();
    })
    .catch((err) => {
      if (!(err instanceof RollbackSignal)) throw err;
    });

  const ctx = {
    db,
    config: { production: false, trustProxy: false, devMailbox: false },
    clock: { now: () => now },
    mailer: { send: async () => {} },
    logger: { info: () => {}, warn: () => {}, error: console.error, debug: () => {} },
    actor: null,
    baseUrl: "http://localhost:3000",
  } as unknown as ServiceContext;
  const started = performance.now();
  const summary = await runEscalationLadder(ctx, now);
  const ms = performance.now() - started;
  console.log(
    `\none ladder pass: ${ms.toFixed(0)} ms — claimed ${summary.claimed}: reminded ${summary.reminded}, told ${summary.told}, expired ${summary.expired}   target well under 1000 ms`,
  );
  const again = performance.now();
  const idle = await runEscalationLadder(ctx, now);
  console.log(`the next pass (nothing due): ${(performance.now() - again).toFixed(1)} ms — claimed ${idle.claimed}`);
  await pg.end();
} finally {
  await handle.close();
  if (!own && !reuse && !process.env.BENCH_KEEP) {
    const admin = postgres(`${base}/postgres`, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  } else if (!own) {
    console.log(`\nKept database ${url}`);
  }
}
