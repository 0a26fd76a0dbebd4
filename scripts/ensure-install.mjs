// Installs the workspace's dependencies with the pinned pnpm when they are missing or stale,
// so `npm start` and `npm test` work on a machine that only has Node.js.
import { execSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
const marker = new URL("../node_modules/.modules.yaml", import.meta.url);
const lock = new URL("../pnpm-lock.yaml", import.meta.url);

const stale = !existsSync(marker) || statSync(lock).mtimeMs > statSync(marker).mtimeMs;
if (stale) {
  const pnpm = pkg.packageManager; // e.g. pnpm@10.34.9
  console.log(`Schakel: dependencies installeren met ${pnpm} …`);
  execSync(`npx --yes ${pnpm} install --frozen-lockfile`, { stdio: "inherit" });
}
