// Start-up benchmark: builds Schakel as `npm start` does (web app and compiled server), then
// starts the server `pnpm --filter @schakel/api start` (node apps/api/dist/index.js): on PGlite
// with the demo network (first start: migrate + demo load; second start: existing data), and on
// a fresh PostgreSQL database (first and second start, no demo: a real installation starts
// empty); then once more on each with `node apps/api/dist/index.js` itself, without pnpm's own
// second of start-up. For each start: the time until /api/v1/health answers, and after a few
// requests the resident memory of the process listening on the port (found through
// /proc/net/tcp*, not assumed) — now and at its peak — and of the whole process tree (what was
// spawned and everything below it). Linux only (/proc).
// Run: pnpm bench:startup   (BENCH_PG_URL, default postgres://postgres@127.0.0.1:5432;
// the database it creates is dropped afterwards; BENCH_SKIP_BUILD=1 keeps the current build)
import { execSync, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";

const root = new URL("..", import.meta.url).pathname;
const pgBase = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432";
if (!process.env.BENCH_SKIP_BUILD) execSync("pnpm build", { cwd: root, stdio: "inherit" });

const MiB = (kB) => kB / 1024;

function status(pid) {
  try {
    return readFileSync(`/proc/${pid}/status`, "utf8");
  } catch {
    return "";
  }
}
const field = (text, name) => Number(text.match(new RegExp(`${name}:\\s+(\\d+) kB`))?.[1] ?? 0);

/** The pid and its descendants, from every process's parent in /proc/<pid>/stat. */
function tree(pid) {
  const children = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name may hold spaces and parentheses: the parent is the second field after the last ")".
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(entry));
    } catch {}
  }
  const all = [];
  const walk = (p) => {
    all.push(p);
    for (const c of children.get(p) ?? []) walk(c);
  };
  walk(pid);
  return all;
}

/** The process among `pids` holding the socket that listens on `port`. */
function listener(port, pids) {
  const inodes = new Set();
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text = "";
    try {
      text = readFileSync(file, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10) continue;
      const localPort = Number.parseInt(cols[1].split(":").pop(), 16);
      if (localPort === port && cols[3] === "0A") inodes.add(cols[9]);
    }
  }
  for (const pid of pids) {
    let fds = [];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const m = readlinkSync(`/proc/${pid}/fd/${fd}`).match(/^socket:\[(\d+)\]$/);
        if (m && inodes.has(m[1])) return pid;
      } catch {}
    }
  }
  throw new Error(`no process of the tree listens on port ${port}`);
}

/** Starts the server through pnpm (as `npm start` does after building), or with `direct` as `node apps/api/dist/index.js` (docs/operations.md). */
async function start(env, { direct = false } = {}) {
  const port = 3900 + Math.floor(Math.random() * 90);
  const t0 = performance.now();
  const [command, args] = direct
    ? [process.execPath, ["apps/api/dist/index.js"]]
    : ["pnpm", ["--filter", "@schakel/api", "start"]];
  const child = spawn(command, args, {
    cwd: root,
    env: { ...process.env, PORT: String(port), ...env },
    stdio: "ignore",
    detached: true,
  });
  try {
    for (;;) {
      if (performance.now() - t0 > 180_000) throw new Error("Schakel did not start within 180 s");
      if (child.exitCode !== null) throw new Error(`Schakel stopped with exit code ${child.exitCode}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
        if (res.ok) break;
      } catch {}
      await new Promise((r) => setTimeout(r, 25));
    }
    const readyMs = performance.now() - t0;
    // What a first visitor asks: the web app, the sociale kaart's organisations.
    for (const path of ["/", "/api/v1/organizations", "/api/v1/services?q=schulden"]) {
      await (await fetch(`http://127.0.0.1:${port}${path}`)).arrayBuffer();
    }
    await new Promise((r) => setTimeout(r, 1000));
    const pids = tree(child.pid);
    const server = status(listener(port, pids));
    return {
      readyMs,
      serverRss: MiB(field(server, "VmRSS")),
      serverPeak: MiB(field(server, "VmHWM")),
      treeRss: MiB(pids.reduce((sum, p) => sum + field(status(p), "VmRSS"), 0)),
      processes: pids.length,
    };
  } finally {
    process.kill(-child.pid, "SIGTERM");
    await new Promise((r) => (child.exitCode !== null ? r() : child.on("exit", r)));
  }
}

const rows = [];
const record = (engine, which, r) => rows.push({ engine, which, ...r });

const dataDir = mkdtempSync(join(tmpdir(), "schakel-bench-"));
try {
  const pglite = { DATA_DIR: dataDir, DEMO_PASSWORD: "bench-password-123" };
  record("PGlite, demo", "first (migrate + demo load)", await start(pglite));
  record("PGlite, demo", "second (existing data)", await start(pglite));
  record("PGlite, demo", "second, node directly", await start(pglite, { direct: true }));
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}

const database = `schakel_bench_startup_${Date.now()}`;
const admin = postgres(`${pgBase}/postgres`, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${database}`);
try {
  const pg = { DATABASE_URL: `${pgBase}/${database}` };
  record("PostgreSQL, empty", "first (migrate)", await start(pg));
  record("PostgreSQL, empty", "second (existing data)", await start(pg));
  record("PostgreSQL, empty", "second, node directly", await start(pg, { direct: true }));
} finally {
  await admin.unsafe(`drop database if exists ${database} with (force)`);
  await admin.end();
}

const header = ["database", "start", "ready", "server RSS", "server peak", "tree RSS (processes)"];
const table = rows.map((r) => [
  r.engine,
  r.which,
  `${(r.readyMs / 1000).toFixed(2)} s`,
  `${r.serverRss.toFixed(0)} MiB`,
  `${r.serverPeak.toFixed(0)} MiB`,
  `${r.treeRss.toFixed(0)} MiB (${r.processes})`,
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
console.log(`\n${line(header)}\n|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
for (const row of table) console.log(line(row));
console.log(
  "\nserver: the process listening on the port (node apps/api/dist/index.js); tree: what was spawned (pnpm or node) and everything below it.",
);
