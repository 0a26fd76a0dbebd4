/**
 * Sociale kaart at national scale: loads 100,000 generated services into a fresh PostgreSQL
 * database and measures GET /api/v1/services (latency p50/p95/p99, throughput at 32 concurrent
 * connections) against the same search run directly on the database, then prints EXPLAIN
 * ANALYZE of the slowest query.
 *
 *   pnpm bench:kaart                         # PostgreSQL at postgres://postgres@127.0.0.1:5432
 *   BENCH_PG_URL=postgres://… BENCH_SERVICES=100000 pnpm bench:kaart
 */
import { spawn } from "node:child_process";
import { createDb, municipalities, organizations, services } from "@schakel/db";
import * as schema from "@schakel/db/schema";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { type ServiceSearchInput, searchServices } from "../../apps/api/src/services/sociale-kaart/search-services";
import { generateNetwork } from "./generate";
import { benchMunicipalities } from "./municipalities";
import { benchQueries, toSearchParams } from "./queries";

const base = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432";
const count = Number(process.env.BENCH_SERVICES ?? 100_000);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const rounds = Number(process.env.BENCH_ROUNDS ?? 30);
const concurrency = 32;
/** BENCH_DB reuses a database an earlier run kept (BENCH_KEEP=1), skipping the load. */
const reuse = process.env.BENCH_DB;
const dbName = reuse ?? `schakel_bench_${Date.now()}`;
const url = `${base}/${dbName}`;
const root = new URL("../../", import.meta.url).pathname;

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? Number.NaN;
};
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function load() {
  if (reuse) {
    const handle = createDb({ url, max: 4 });
    console.log(`Reusing database ${dbName}`);
    return { handle, towns: benchMunicipalities() };
  }
  const admin = postgres(`${base}/postgres`, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${dbName}`);
  await admin.end();
  const handle = createDb({ url, max: 4 });
  await handle.migrate();
  const db = handle.db;

  const t0 = performance.now();
  const towns = benchMunicipalities();
  const network = generateNetwork(towns, count);
  await db
    .insert(municipalities)
    .values(towns.map((m) => ({ code: m.code, name: m.name, postcodeRanges: `{[${m.postcodeFrom},${m.postcodeTo + 1})}` })));
  const orgIds = new Map<string, string>();
  for (let i = 0; i < network.organizations.length; i += 2000) {
    const rows = await db
      .insert(organizations)
      .values(
        network.organizations.slice(i, i + 2000).map((o) => ({
          slug: o.slug,
          name: o.name,
          kind: "welzijn" as const,
          municipalityCodes: o.municipalityCode ? [o.municipalityCode] : [],
          isNational: o.municipalityCode === null,
        })),
      )
      .returning({ id: organizations.id, slug: organizations.slug });
    for (const r of rows) orgIds.set(r.slug, r.id);
  }
  // Bulk load: fill the typo dictionary once at the end instead of per row.
  await db.execute(sql`alter table services disable trigger services_collect_search_terms`);
  for (let i = 0; i < network.services.length; i += 1000) {
    await db.insert(services).values(
      network.services.slice(i, i + 1000).map(({ organizationSlug, ...s }) => ({
        ...s,
        organizationId: orgIds.get(organizationSlug) as string,
        contactChannels: s.contactChannels as never,
      })),
    );
    process.stdout.write(`\r  loaded ${Math.min(i + 1000, network.services.length).toLocaleString("nl")} services`);
  }
  await db.execute(sql`alter table services enable trigger services_collect_search_terms`);
  await db.execute(sql`
    insert into search_terms (term)
    select distinct word from services,
      regexp_split_to_table(schakel_fold(name || ' ' || search_keywords || ' ' || description || ' ' || coalesce(eligibility, '')), '[^[:alnum:]]+') as word
    where length(word) between 3 and 40
    on conflict do nothing`);
  await db.execute(sql`vacuum analyze`);
  console.log(
    `\nLoaded ${network.services.length.toLocaleString("nl")} services, ${network.organizations.length.toLocaleString("nl")} organizations, ${towns.length} municipalities in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  return { handle, towns };
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
      DEMO_PASSWORD: "bench-password-123",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  let exited = false;
  child.on("exit", () => {
    exited = true;
  });
  for (let i = 0; i < 600 && !exited; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/v1/health`)).ok) return child;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("API did not start");
}

async function latency(run: (i: number) => Promise<void>, n: number) {
  const perQuery: number[][] = Array.from({ length: n }, () => []);
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      await run(i);
      perQuery[i]?.push(performance.now() - t);
    }
  }
  return perQuery;
}

async function throughput(run: (i: number) => Promise<void>, n: number) {
  let done = 0;
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, w) => {
      for (let i = w; performance.now() < end; i++) {
        await run(i % n);
        done++;
      }
    }),
  );
  return done / seconds;
}

function report(label: string, perQuery: number[][], rps: number) {
  const all = perQuery.flat();
  console.log(
    `${label.padEnd(26)} p50 ${ms(percentile(all, 50))}  p95 ${ms(percentile(all, 95))}  p99 ${ms(percentile(all, 99))}  throughput ${rps.toFixed(0)} req/s at ${concurrency} concurrent`,
  );
}

const { handle, towns } = await load();
const queries = benchQueries(towns);
const inputs: ServiceSearchInput[] = queries.map((q) => ({ category: [], status: "active", limit: 20, ...q.query }));
const port = 3800 + Math.floor(Math.random() * 100);
const server = await startServer(port);
try {
  const http = async (i: number) => {
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/services?${toSearchParams(queries[i]?.query ?? {})}`);
    if (!res.ok) throw new Error(`HTTP ${res.status} for ${queries[i]?.label}: ${await res.text()}`);
    await res.arrayBuffer();
  };
  const pool = postgres(url, { max: concurrency, onnotice: () => {} });
  const direct = drizzle(pool, { schema, casing: "snake_case" }) as unknown as typeof handle.db;
  const bare = async (i: number) => {
    await searchServices(direct, inputs[i] as ServiceSearchInput);
  };

  for (let i = 0; i < queries.length; i++) {
    await http(i);
    await bare(i);
  }
  const httpLatency = await latency(http, queries.length);
  const sqlLatency = await latency(bare, queries.length);
  const httpRps = await throughput(http, queries.length);
  const sqlRps = await throughput(bare, queries.length);

  console.log(
    `\n${count.toLocaleString("nl")} services, ${queries.length} queries × ${rounds} rounds; PostgreSQL ${(await pool`show server_version`)[0]?.server_version}`,
  );
  report("GET /api/v1/services", httpLatency, httpRps);
  report("same search, direct SQL", sqlLatency, sqlRps);
  console.log(
    `HTTP throughput is ${((100 * httpRps) / sqlRps).toFixed(0)}% of direct SQL (target ≥ 50%); HTTP p95 target ≤ 30 ms`,
  );

  console.log("\nPer query (HTTP p50 / p95, total matches):");
  const slowest = { i: 0, p95: 0 };
  for (const [i, q] of queries.entries()) {
    const p95 = percentile(httpLatency[i] ?? [], 95);
    if (p95 > slowest.p95) Object.assign(slowest, { i, p95 });
    const total = (await searchServices(direct, inputs[i] as ServiceSearchInput)).meta.total;
    console.log(
      `  ${String(i + 1).padStart(2)}. ${q.label.padEnd(40)} ${ms(percentile(httpLatency[i] ?? [], 50)).padStart(9)} / ${ms(p95).padStart(9)}  ${String(total).padStart(6)} matches`,
    );
  }

  // EXPLAIN ANALYZE of the slowest query, exactly as the service runs it: auto_explain logs the
  // plan of every statement on this connection, and client_min_messages sends the log to us.
  const plans: string[] = [];
  const tap = postgres(url, { max: 1, onnotice: (n) => plans.push(String(n.message)) });
  await tap.unsafe("load 'auto_explain'");
  await tap.unsafe("set auto_explain.log_min_duration = 0; set auto_explain.log_analyze = on; set auto_explain.log_buffers = on");
  await tap.unsafe("set auto_explain.log_nested_statements = on; set client_min_messages = log");
  await searchServices(
    drizzle(tap, { schema, casing: "snake_case" }) as unknown as typeof handle.db,
    inputs[slowest.i] as ServiceSearchInput,
  );
  const main = plans.find((p) => p.includes("matched"));
  if (main) {
    console.log(`\nEXPLAIN ANALYZE, slowest query (${queries[slowest.i]?.label}):`);
    for (const line of main.split("\n")) console.log(`  ${line}`);
  }
  await tap.end();
  await pool.end();
} finally {
  server.kill("SIGTERM");
  await handle.close();
  if (!process.env.BENCH_KEEP && !reuse) {
    const admin = postgres(`${base}/postgres`, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  } else {
    console.log(`\nKept database ${url}`);
  }
}
