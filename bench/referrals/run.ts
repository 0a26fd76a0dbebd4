/**
 * The warm handover at scale: 50,000 referrals across 200 organizations on a fresh PostgreSQL
 * database. Measures, over real HTTP against the real app:
 *  - creating a referral (consent check, duplicate guard, event, access log, notifications):
 *    latency p50/p95/p99 one at a time, and creates/second sustained with concurrent senders;
 *  - the first inbox page of the busiest receiver: latency p50/p95/p99;
 * then prints EXPLAIN ANALYZE of the inbox query.
 *
 *   pnpm bench:referrals          (BENCH_PG_URL, BENCH_REFERRALS, BENCH_SECONDS, BENCH_KEEP, BENCH_DB)
 */
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { responseDueAt } from "@schakel/core";
import {
  consents,
  createDb,
  type Database,
  memberships,
  organizations,
  referralEvents,
  referrals,
  residents,
  services,
  users,
} from "@schakel/db";
import * as schema from "@schakel/db/schema";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { hashPassword } from "../../apps/api/src/auth/passwords";
import type { ServiceContext } from "../../apps/api/src/services/context";
import { listReferrals } from "../../apps/api/src/services/referrals/list-referrals";
import { random } from "../sociale-kaart/generate";

const base = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432";
const total = Number(process.env.BENCH_REFERRALS ?? 50_000);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const samples = Number(process.env.BENCH_SAMPLES ?? 300);
const reuse = process.env.BENCH_DB;
const dbName = reuse ?? `schakel_bench_ref_${Date.now()}`;
const url = `${base}/${dbName}`;
const root = new URL("../../", import.meta.url).pathname;
const PASSWORD = "bench-password-123";
const ORGS = 200;
const SENDERS = 40; // the first 40 organizations refer; all 200 receive
const FRESH_RESIDENTS = 3_000; // residents with consent, not yet referred: the create benchmark uses them

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? Number.NaN;
};
const summary = (xs: number[]) =>
  `p50 ${percentile(xs, 50).toFixed(1)} ms  p95 ${percentile(xs, 95).toFixed(1)} ms  p99 ${percentile(xs, 99).toFixed(1)} ms`;

interface World {
  senderWorker: string[]; // e-mail per sender organization
  receiverWorker: string; // e-mail of a worker at the busiest receiver
  busiestReceiver: string;
  fresh: { residentId: string; consentId: string; serviceId: string; sender: number }[];
}

async function load(): Promise<World> {
  const admin = postgres(`${base}/postgres`, { max: 1, onnotice: () => {} });
  if (!reuse) await admin.unsafe(`create database ${dbName}`);
  await admin.end();
  const handle = createDb({ url, max: 4 });
  await handle.migrate();
  const db = handle.db;
  const r = random(7);
  const t0 = performance.now();
  const now = Date.now();
  const passwordHash = await hashPassword(PASSWORD);

  const orgs = await db
    .insert(organizations)
    .values(
      Array.from({ length: ORGS }, (_, i) => ({
        slug: `bench-org-${i}`,
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
        [0, 1, 2].map((k) => ({ email: `w${k}@bench-org-${i}.example`, name: `Medewerker ${k} ${i}`, passwordHash })),
      ),
    )
    .returning({ id: users.id, email: users.email });
  await db.insert(memberships).values(
    people.map((p) => ({
      userId: p.id,
      organizationId: orgIds[Number(/bench-org-(\d+)/.exec(p.email)?.[1])] as string,
      role: "worker" as const,
      status: "active" as const,
    })),
  );
  const svc = await db
    .insert(services)
    .values(
      orgIds.flatMap((organizationId, i) =>
        [0, 1].map((k) => ({
          organizationId,
          name: `Dienst ${k} van organisatie ${i}`,
          description: "Hulp bij geldzaken en schulden.",
          lifeDomains: ["schulden" as const],
          municipalityCodes: ["GM0202"],
          acceptsReferrals: true,
          searchKeywords: "",
        })),
      ),
    )
    .returning({ id: services.id, organizationId: services.organizationId });

  // Receivers by a skewed weight: organization 40 is the busiest, a long tail after it.
  const receivers = orgIds.slice(SENDERS);
  const weights = receivers.map((_, i) => 1 / (i + 1));
  const sum = weights.reduce((a, b) => a + b, 0);
  const pickReceiver = () => {
    let x = r.next() * sum;
    for (const [i, w] of weights.entries()) {
      x -= w;
      if (x <= 0) return i;
    }
    return receivers.length - 1;
  };
  const statuses = [
    "sent",
    "received",
    "accepted",
    "in_contact",
    "in_progress",
    "completed",
    "declined",
    "not_reached",
    "withdrawn",
  ] as const;
  const senderUser = (s: number) => people[s * 3]?.id as string;

  let made = 0;
  while (made < total + FRESH_RESIDENTS) {
    const batch = Math.min(1000, total + FRESH_RESIDENTS - made);
    const plan = Array.from({ length: batch }, (_, k) => {
      const sender = (made + k) % SENDERS;
      const receiverIndex = pickReceiver();
      const receiverOrg = receivers[receiverIndex] as string;
      const service =
        svc.find((s) => s.organizationId === receiverOrg && r.chance(0.5)) ?? svc.find((s) => s.organizationId === receiverOrg);
      return { sender, receiverOrg, serviceId: service?.id as string, fresh: made + k >= total };
    });
    const res = await db
      .insert(residents)
      .values(
        plan.map((p, k) => ({
          organizationId: orgIds[p.sender] as string,
          name: `Inwoner ${made + k}`,
          birthYear: r.int(1950, 2007),
          postcode: "6811 AB",
          phone: "06-12345678",
          createdByUserId: senderUser(p.sender),
        })),
      )
      .returning({ id: residents.id });
    const cons = await db
      .insert(consents)
      .values(
        plan.map((p, k) => ({
          residentId: res[k]?.id as string,
          receivingOrganizationId: p.receiverOrg,
          purpose: "Aanmelding",
          dataCategories: ["contact", "request", "debts"] as ("contact" | "request" | "debts")[],
          method: "mondeling" as const,
          feedbackLevel: "outcome" as const,
          recordedByUserId: senderUser(p.sender),
          recordedAt: new Date(now - 30 * 86_400_000),
          validUntil: new Date(now + 180 * 86_400_000),
        })),
      )
      .returning({ id: consents.id });
    const toRefer = plan
      .map((p, k) => ({ ...p, residentId: res[k]?.id as string, consentId: cons[k]?.id as string }))
      .filter((p) => !p.fresh);
    if (toRefer.length > 0) {
      const created = await db
        .insert(referrals)
        .values(
          toRefer.map((p) => {
            const status = r.pick(statuses);
            const at = new Date(now - r.int(0, 120) * 86_400_000 - r.int(0, 86_399_999));
            return {
              residentId: p.residentId,
              serviceId: p.serviceId,
              senderOrganizationId: orgIds[p.sender] as string,
              senderUserId: senderUser(p.sender),
              receiverOrganizationId: p.receiverOrg,
              lawfulBasis: "consent" as const,
              consentId: p.consentId,
              dataCategories: ["contact", "request", "debts"] as ("contact" | "request" | "debts")[],
              request: "Wil hulp bij schulden.",
              urgency: r.chance(0.1) ? ("urgent" as const) : ("normal" as const),
              urgencyReason: null,
              status,
              lastMoveAt: at,
              responseTargetDays: 5,
              dueAt: responseDueAt(at, 5),
              createdAt: at,
              updatedAt: at,
              closedAt: ["completed", "declined", "not_reached", "withdrawn"].includes(status) ? at : null,
            };
          }),
        )
        .returning({ id: referrals.id, lastMoveAt: referrals.lastMoveAt, status: referrals.status });
      await db.insert(referralEvents).values(
        created.flatMap((c) => [
          {
            referralId: c.id,
            at: c.lastMoveAt,
            actorUserId: null,
            actorOrganizationId: null,
            type: "status_changed",
            toStatus: "sent" as const,
          },
          {
            referralId: c.id,
            at: c.lastMoveAt,
            actorUserId: null,
            actorOrganizationId: null,
            type: "status_changed",
            toStatus: c.status,
          },
        ]),
      );
    }
    made += batch;
    process.stdout.write(`\r  loaded ${Math.min(made, total).toLocaleString("nl")} referrals`);
  }
  await db.execute(sql`vacuum analyze`);

  const fresh = await db.execute(sql`
    select r.id as resident_id, c.id as consent_id, s.id as service_id, o.slug as sender_slug
    from residents r join consents c on c.resident_id = r.id
    join services s on s.organization_id = c.receiving_organization_id
    join organizations o on o.id = r.organization_id
    where not exists (select 1 from referrals x where x.resident_id = r.id)`);
  const rows = (Array.isArray(fresh) ? fresh : (fresh as { rows: unknown[] }).rows) as {
    resident_id: string;
    consent_id: string;
    service_id: string;
    sender_slug: string;
  }[];
  const firstPerResident = new Map(rows.map((row) => [row.resident_id, row]));
  const freshPlans = [...firstPerResident.values()].map((row) => ({
    residentId: row.resident_id,
    consentId: row.consent_id,
    serviceId: row.service_id,
    sender: Number(row.sender_slug.split("-").pop()),
  }));
  await handle.close();
  console.log(
    `\nLoaded ${total.toLocaleString("nl")} referrals, ${ORGS} organizations in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  return {
    senderWorker: Array.from({ length: SENDERS }, (_, i) => `w0@bench-org-${i}.example`),
    receiverWorker: `w1@bench-org-${SENDERS}.example`,
    busiestReceiver: orgIds[SENDERS] as string,
    fresh: freshPlans,
  };
}

async function startServer(port: number) {
  const child = spawn("node", ["--import", "tsx", "apps/api/src/index.ts"], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: url,
      PORT: String(port),
      NODE_ENV: "production",
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DEMO_PASSWORD: PASSWORD,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/v1/health`)).ok) return child;
    } catch {}
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error("API did not start");
}

/** A signed-in HTTP session: cookie and Origin as a browser would send them. */
async function session(origin: string, email: string) {
  const res = await fetch(`${origin}/api/v1/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: origin },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${email}: ${res.status}`);
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  return (path: string, init: RequestInit = {}) =>
    fetch(`${origin}/api/v1${path}`, {
      ...init,
      headers: { ...(init.headers ?? {}), Cookie: cookie, Origin: origin, "Content-Type": "application/json" },
    });
}

const world = await load();
const port = 3700 + Math.floor(Math.random() * 90);
const origin = `http://127.0.0.1:${port}`;
const server = await startServer(port);
try {
  const senders = await Promise.all(world.senderWorker.map((email) => session(origin, email)));
  const receiver = await session(origin, world.receiverWorker);
  let next = 0;
  const create = async () => {
    const plan = world.fresh[next++];
    if (!plan) throw new Error("out of fresh residents: raise FRESH_RESIDENTS");
    const call = senders[plan.sender] ?? senders[0];
    const res = await call?.("/referrals", {
      method: "POST",
      headers: { "Idempotency-Key": randomUUID() },
      body: JSON.stringify({
        residentId: plan.residentId,
        serviceId: plan.serviceId,
        lawfulBasis: "consent",
        consentId: plan.consentId,
        dataCategories: ["contact", "request", "debts"],
        request: "Wil hulp bij schulden bij de zorgverzekeraar.",
      }),
    });
    if (res?.status !== 201) throw new Error(`create: ${res?.status} ${await res?.text()}`);
    await res.arrayBuffer();
  };
  const inboxPath = `/referrals?box=inbox&organizationId=${world.busiestReceiver}&limit=25`;
  const inbox = async () => {
    const res = await receiver(inboxPath);
    if (!res.ok) throw new Error(`inbox: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
  };
  const timed = async (fn: () => Promise<void>, n: number) => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      await fn();
      out.push(performance.now() - t);
    }
    return out;
  };

  for (let i = 0; i < 20; i++) {
    await create();
    await inbox();
  }
  const createLatency = await timed(create, samples);
  const inboxLatency = await timed(inbox, samples);
  let created = 0;
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (performance.now() < end) {
        await create();
        created++;
      }
    }),
  );

  const pg = postgres(url, { max: 1, onnotice: () => {} });
  const [{ n: busy } = { n: 0 }] =
    await pg`select count(*)::int as n from referrals where receiver_organization_id = ${world.busiestReceiver}`;
  console.log(
    `\n${total.toLocaleString("nl")} referrals, ${ORGS} organizations; busiest receiver has ${busy.toLocaleString("nl")}`,
  );
  console.log(`create referral (HTTP, one at a time)   ${summary(createLatency)}   target p95 ≤ 40 ms`);
  console.log(`first inbox page, busiest receiver      ${summary(inboxLatency)}   target p95 ≤ 30 ms`);
  console.log(`sustained creates, 16 concurrent senders ${(created / seconds).toFixed(0)} per second`);

  // The inbox statements exactly as the route's service runs them: auto_explain logs each plan,
  // client_min_messages sends the log to this connection.
  const receiverUserId = (await pg`select id from users where email = ${world.receiverWorker}`)[0]?.id as string;
  const plans: string[] = [];
  const tap = postgres(url, { max: 1, onnotice: (n) => plans.push(String(n.message)) });
  await tap.unsafe("load 'auto_explain'");
  await tap.unsafe("set auto_explain.log_min_duration = 0; set auto_explain.log_analyze = on; set auto_explain.log_buffers = on");
  await tap.unsafe("set client_min_messages = log");
  const tapped = drizzle(tap, { schema, casing: "snake_case" }) as unknown as Database;
  const actor = { kind: "session" as const, userId: receiverUserId, sessionId: "bench" };
  await listReferrals({ db: tapped, clock: { now: () => new Date() }, actor } as unknown as ServiceContext, {
    box: "inbox",
    organizationId: world.busiestReceiver,
    limit: 25,
  });
  const page = plans.find((p) => p.includes("due_at"));
  if (page) {
    console.log("\nEXPLAIN ANALYZE, first inbox page of the busiest receiver:");
    for (const line of page.split("\n")) console.log(`  ${line}`);
  }
  await tap.end();
  await pg.end();
} finally {
  server.kill("SIGTERM");
  if (!process.env.BENCH_KEEP && !reuse) {
    const admin = postgres(`${base}/postgres`, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  } else {
    console.log(`\nKept database ${url}`);
  }
}
