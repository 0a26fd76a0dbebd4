// pnpm test:pg — the whole suite on a fresh PostgreSQL database (dropped afterwards), as the CI's
// second leg does. PG_URL_BASE (default postgres://postgres@127.0.0.1:5432) names the server.
import { spawnSync } from "node:child_process";

const base = process.env.PG_URL_BASE ?? "postgres://postgres@127.0.0.1:5432";
const db = `schakel_test_${Date.now()}_${process.pid}`;
const psql = (sql) => spawnSync("psql", [`${base}/postgres`, "-qc", sql], { stdio: "inherit" }).status === 0;

if (!psql(`create database ${db}`)) {
  console.error(`Could not create a test database on ${base} (is PostgreSQL running, and psql installed?)`);
  process.exit(1);
}
let status = 1;
try {
  const run = spawnSync("pnpm", ["exec", "vitest", "run", ...process.argv.slice(2)], {
    stdio: "inherit",
    env: { ...process.env, DATABASE_URL: `${base}/${db}` },
  });
  status = run.status ?? 1;
} finally {
  psql(`drop database if exists ${db} with (force)`);
}
process.exit(status);
