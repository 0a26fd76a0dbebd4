// Cold-start benchmark: starts Schakel as `npm start` would (the API process serving the built
// web app, on a fresh PGlite data folder), measures the time until /api/v1/health answers and the
// resident memory of the process, then does the same for a second start on the same data.
// Run: pnpm bench:startup   (builds the web app first if needed)
import { execSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
if (!existsSync(join(root, "apps/web/dist/index.html")))
  execSync("pnpm --filter @schakel/web build", { cwd: root, stdio: "inherit" });

const dataDir = mkdtempSync(join(tmpdir(), "schakel-bench-"));
const port = 3900 + Math.floor(Math.random() * 90);

function rssMiB(pid) {
  // tsx starts node as a child of its own; sum the tree's resident memory.
  const pids = execSync(`pgrep -P ${pid} || true`).toString().split("\n").filter(Boolean);
  return [pid, ...pids].reduce((sum, p) => {
    try {
      const m = readFileSync(`/proc/${p}/status`, "utf8").match(/VmRSS:\s+(\d+) kB/);
      return sum + (m ? Number(m[1]) / 1024 : 0);
    } catch {
      return sum;
    }
  }, 0);
}

async function start(label) {
  const t0 = performance.now();
  const child = spawn("pnpm", ["--filter", "@schakel/api", "start"], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), DEMO_PASSWORD: "bench-password-123" },
    stdio: "ignore",
    detached: true,
  });
  for (;;) {
    if (performance.now() - t0 > 120_000) throw new Error("Schakel did not start within 120 s");
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
      if (res.ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 25));
  }
  const readyMs = performance.now() - t0;
  await fetch(`http://127.0.0.1:${port}/`);
  await fetch(`http://127.0.0.1:${port}/api/v1/organizations`);
  await new Promise((r) => setTimeout(r, 500));
  const rss = rssMiB(child.pid);
  process.kill(-child.pid, "SIGTERM");
  await new Promise((r) => child.on("exit", r));
  console.log(`${label.padEnd(34)} ready in ${(readyMs / 1000).toFixed(2)} s, resident memory ${rss.toFixed(0)} MiB`);
}

try {
  await start("first start (migrate + demo seed)");
  await start("second start (existing data)");
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
