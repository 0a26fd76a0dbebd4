/**
 * Webhook delivery on PostgreSQL (issue 10, part 11): 10,000 status changes at a steady 200 a
 * second, 3 subscriptions to a local receiver (a process of its own, bench/webhooks/receiver.mjs),
 * the dispatcher running in this process as it runs in the server by default (ADR 0030), with its
 * default settings (32 in flight, at most 8 per subscription, 200 ms poll, no wake-up nudge). Each "status change" is one
 * transaction as a transition makes it: the referral locked, then `applyMove` (the move code every
 * transition, the receiver's first read and the scheduler use: status, ladder, the sender's
 * notification and mail, and the outbox events). 2,500 referrals per run, each moved received →
 * accepted → in contact → in progress. Measures, per delivery,
 * the lag from the change's commit (when its transaction returned) to the moment its body had
 * arrived at the receiver, and the deliveries per second over the run. Then a second run of the
 * same size with the receiver down (port closed) for a quarter of it, and it checks that every
 * delivery arrived.
 *
 *   pnpm bench:webhooks     (BENCH_PG_URL, default postgres://postgres@127.0.0.1:5432; BENCH_CHANGES, BENCH_RATE, BENCH_KEEP;
 *                            BENCH_DEBUG=1 prints the deliveries in flight every 2 s)
 */
import { fork } from "node:child_process";
import { responseDueAt, statusTargetDays } from "@schakel/core";
import {
  createDb,
  organizations,
  referrals,
  residents,
  services,
  users,
  webhookDeliveries,
  webhookEvents,
  webhookSequences,
  webhookSubscriptions,
} from "@schakel/db";
import { and, count, eq, gt, inArray } from "drizzle-orm";
import postgres from "postgres";
import { createSessionManager } from "../../apps/api/src/auth/sessions";
import type { AppConfig } from "../../apps/api/src/config";
import { systemClock } from "../../apps/api/src/lib/clock";
import { createLogger } from "../../apps/api/src/lib/logger";
import { type ServiceContext, withTransaction } from "../../apps/api/src/services/context";
import { applyMove } from "../../apps/api/src/services/referrals/move";
import { startWebhookDispatcher } from "../../apps/api/src/services/webhooks/dispatcher";

const base = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432";
const CHANGES = Number(process.env.BENCH_CHANGES ?? 10_000);
const RATE = Number(process.env.BENCH_RATE ?? 200);
/** Referrals per run: each gets the four moves of `statuses`, so a run is REFERRALS × 4 changes. */
const REFERRALS = Math.ceil(CHANGES / 4);
const SUBSCRIPTIONS = 3;
const dbName = `schakel_bench_webhooks_${Date.now()}`;
const url = `${base}/${dbName}`;

type Receipt = [webhookId: string, eventId: string, at: number];
const wallNow = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const admin = postgres(`${base}/postgres`, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${dbName}`);
await admin.end();

const receiver = fork(new URL("./receiver.mjs", import.meta.url).pathname, [], {
  stdio: ["ignore", "inherit", "inherit", "ipc"],
});
const ask = <T>(msg: string, key: string) =>
  new Promise<T>((resolve) => {
    const on = (m: Record<string, unknown>) => {
      if (key in m) {
        receiver.off("message", on);
        resolve(m[key] as T);
      }
    };
    receiver.on("message", on);
    if (msg) receiver.send(msg);
  });
const port = await ask<number>("", "port");

const handle = createDb({ url, max: 10 });
try {
  await handle.migrate();
  const db = handle.db;
  const now = new Date();
  const [sender, receiving] = await db
    .insert(organizations)
    .values([
      { slug: "bench-wijkteam", name: "Wijkteam", kind: "wijkteam" },
      { slug: "bench-plangroep", name: "Plangroep", kind: "schuldhulpverlening" },
    ])
    .returning({ id: organizations.id });
  if (!sender || !receiving) throw new Error("no organizations");
  const [user] = await db.insert(users).values({ email: "w@bench.example", name: "Medewerker", passwordHash: "x" }).returning();
  const [service] = await db
    .insert(services)
    .values({
      organizationId: receiving.id,
      name: "Schuldhulp",
      description: "Hulp bij schulden.",
      lifeDomains: ["schulden"],
      municipalityCodes: ["GM0202"],
      acceptsReferrals: true,
      responseTargetDays: 5,
      searchKeywords: "",
    })
    .returning();
  if (!user || !service) throw new Error("no user or service");
  const res = await db
    .insert(residents)
    .values(
      Array.from({ length: 2 * REFERRALS }, (_, i) => ({
        organizationId: sender.id,
        name: `Inwoner ${i}`,
        createdByUserId: user.id,
      })),
    )
    .returning({ id: residents.id });
  const due = responseDueAt(now, statusTargetDays({ status: "sent", urgency: "normal", responseTargetDays: 5, settings: null }));
  // In batches: one INSERT may carry at most 65,534 parameters.
  const refs: { id: string }[] = [];
  for (let k = 0; k < res.length; k += 1000) {
    refs.push(
      ...(await db
        .insert(referrals)
        .values(
          res.slice(k, k + 1000).map((r) => ({
            residentId: r.id,
            serviceId: service.id,
            senderOrganizationId: sender.id,
            senderUserId: user.id,
            receiverOrganizationId: receiving.id,
            lawfulBasis: "wgs_task" as const,
            dataCategories: ["contact" as const],
            request: "Wil hulp bij schulden.",
            status: "sent" as const,
            lastMoveAt: now,
            responseTargetDays: 5,
            dueAt: due,
            createdAt: now,
            updatedAt: now,
          })),
        )
        .returning({ id: referrals.id })),
    );
  }
  const secret = `whsec_${Buffer.from("bench-secret-of-24-bytes").toString("base64")}`;
  await db.insert(webhookSubscriptions).values(
    Array.from({ length: SUBSCRIPTIONS }, (_, i) => ({
      organizationId: receiving.id,
      description: `Systeem ${i + 1}`,
      url: `http://127.0.0.1:${port}/hook/${i + 1}`,
      eventTypes: ["nl.schakel.referral.status-changed"],
      secret,
      verifiedAt: now,
      createdAt: now,
      updatedAt: now,
    })),
  );

  const config: AppConfig = {
    production: false,
    trustProxy: false,
    devMailbox: false,
    publicUrl: "http://localhost:3000",
    webhookAllowLocalUrls: true,
  };
  // As the server starts it on PostgreSQL: a small pool of its own (apps/api/src/index.ts).
  const dispatcherDb = createDb({ url, max: 3 });
  const mailer = { send: async () => {} };
  const logger = createLogger(undefined, "warn");
  // What a request's transaction gets (apps/api/src/middleware/service-context.ts), acting as nobody.
  const serviceContext: ServiceContext = {
    db,
    config,
    clock: systemClock,
    mailer,
    logger,
    sessions: createSessionManager(db, { production: false, clock: systemClock }),
    actor: null,
    baseUrl: "http://localhost:3000",
  };
  const dispatcher = startWebhookDispatcher({
    db: dispatcherDb.db,
    config,
    clock: systemClock,
    mailer,
    logger,
  });

  if (process.env.BENCH_DEBUG) {
    setInterval(() => console.log("debug", dispatcher.inFlight(), JSON.stringify(dispatcher.stats())), 2000).unref();
  }
  const statuses = ["received", "accepted", "in_contact", "in_progress"] as const;
  /** CHANGES status changes at RATE a second (each at its slot; one that is late goes at once). Returns event id → commit time. */
  async function changes(label: string, offset: number, during?: (i: number) => Promise<void>) {
    const committed = new Map<string, number>();
    /** Event ids in commit order. */
    const order: string[] = [];
    const start = wallNow();
    let late = 0;
    // Each change starts at its slot, as requests to a server do, without waiting for the one before
    // (each is a few ms, mostly the commit's flush); at most 64 are under way at once.
    const running = new Set<Promise<void>>();
    for (let i = 0; i < CHANGES; i++) {
      const slot = start + (i * 1000) / RATE;
      const wait = slot - wallNow();
      if (wait > 1) await sleep(wait);
      else if (wait < -50) late++;
      await during?.(i);
      while (running.size >= 64) await Promise.race(running);
      const referralId = refs[offset + (i % REFERRALS)]?.id as string;
      const to = statuses[Math.floor(i / REFERRALS) % statuses.length] ?? "received";
      const task = withTransaction(serviceContext, async (tx, txCtx) => {
        const [row] = await tx.select().from(referrals).where(eq(referrals.id, referralId)).for("update");
        if (!row) throw new Error("referral gone");
        const [before] = await tx
          .select({ last: webhookSequences.last })
          .from(webhookSequences)
          .where(eq(webhookSequences.orderingKey, referralId));
        await applyMove(txCtx, row, { to, at: new Date(), actorUserId: null, actorOrganizationId: row.receiverOrganizationId });
        // The events this move wrote (one per audience that sees something new).
        return tx
          .select({ id: webhookEvents.id })
          .from(webhookEvents)
          .where(and(eq(webhookEvents.orderingKey, referralId), gt(webhookEvents.sequence, before?.last ?? 0)));
      })
        .then((events) => {
          const at = wallNow();
          for (const event of events) {
            committed.set(event.id, at);
            order.push(event.id);
          }
        })
        .finally(() => running.delete(task));
      running.add(task);
    }
    await Promise.all(running);
    const seconds = (wallNow() - start) / 1000;
    console.log(
      `${label}: ${CHANGES.toLocaleString("en")} changes in ${seconds.toFixed(1)} s (${(CHANGES / seconds).toFixed(0)}/s; ${late} more than 50 ms behind their slot)`,
    );
    return { committed, start, order };
  }

  async function waitDelivered(ids: string[], timeoutMs: number) {
    const started = wallNow();
    for (;;) {
      let pending = 0;
      for (let k = 0; k < ids.length; k += 5000) {
        const [row] = await db
          .select({ n: count() })
          .from(webhookDeliveries)
          .where(and(inArray(webhookDeliveries.eventId, ids.slice(k, k + 5000)), eq(webhookDeliveries.status, "pending")));
        pending += row?.n ?? 0;
      }
      if (pending === 0) return;
      if (wallNow() - started > timeoutMs) throw new Error(`${pending} deliveries still pending`);
      await sleep(250);
    }
  }

  async function report(label: string, committed: Map<string, number>, start: number) {
    const ids = [...committed.keys()];
    const expected: { id: string; eventId: string }[] = [];
    for (let k = 0; k < ids.length; k += 5000) {
      expected.push(
        ...(await db
          .select({ id: webhookDeliveries.id, eventId: webhookDeliveries.eventId })
          .from(webhookDeliveries)
          .where(inArray(webhookDeliveries.eventId, ids.slice(k, k + 5000)))),
      );
    }
    const receipts = (await ask<Receipt[]>("dump", "received")).filter(([, eventId]) => committed.has(eventId));
    const first = new Map<string, Receipt>();
    for (const r of receipts) if (!first.has(r[0])) first.set(r[0], r);
    const lost = expected.filter((d) => !first.has(d.id)).length;
    const lags = [...first.values()].map(([, eventId, at]) => at - (committed.get(eventId) ?? at)).sort((a, b) => a - b);
    const pct = (p: number) => lags[Math.min(lags.length - 1, Math.floor((p / 100) * lags.length))] ?? Number.NaN;
    const last = Math.max(...[...first.values()].map((r) => r[2]));
    const seconds = (last - start) / 1000;
    console.log(
      `${label}: ${expected.length.toLocaleString("en")} deliveries expected, ${first.size.toLocaleString("en")} received (${receipts.length - first.size} duplicates, same webhook-id), ${lost} lost`,
    );
    console.log(
      `${label}: ${(first.size / seconds).toFixed(0)} deliveries/s over ${seconds.toFixed(1)} s (first change to last receipt); lag commit → receipt p50 ${pct(50).toFixed(0)} ms, p95 ${pct(95).toFixed(0)} ms, max ${lags.at(-1)?.toFixed(0)} ms`,
    );
    return lost;
  }

  // Run 1: steady load, the receiver up throughout.
  const one = await changes("steady", 0);
  await waitDelivered([...one.committed.keys()], 120_000);
  await report("steady", one.committed, one.start);

  // Run 2: the receiver is down from a quarter to half-way through.
  const downAt = Math.floor(CHANGES / 4);
  const upAt = Math.floor(CHANGES / 2);
  let downSince = 0;
  const two = await changes("receiver down", REFERRALS, async (i) => {
    if (i === downAt) {
      await ask("down", "down");
      downSince = wallNow();
    }
    if (i === upAt) {
      await ask("up", "up");
      console.log(`receiver down: the port was closed for ${((wallNow() - downSince) / 1000).toFixed(1)} s`);
    }
  });
  await waitDelivered([...two.committed.keys()], 600_000);
  const [retried] = await db
    .select({ n: count() })
    .from(webhookDeliveries)
    .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
    .where(inArray(webhookDeliveries.eventId, two.order.slice(downAt, upAt)));
  const lost = await report("receiver down", two.committed, two.start);
  console.log(
    `receiver down: ${lost === 0 ? "no delivery lost" : `${lost} DELIVERIES LOST`} (${retried?.n ?? 0} of them belong to changes made while it was down)`,
  );
  await dispatcher.stop();
  await dispatcherDb.close();
  if (lost > 0) process.exitCode = 1;
} finally {
  receiver.kill();
  await handle.close();
  if (!process.env.BENCH_KEEP) {
    const drop = postgres(`${base}/postgres`, { max: 1, onnotice: () => {} });
    await drop.unsafe(`drop database if exists ${dbName} with (force)`);
    await drop.end();
  } else console.log(`kept ${url}`);
}
