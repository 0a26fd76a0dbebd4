// Fails when a generator run by `pnpm verify` (`pnpm gen`, `pnpm db:generate`) changed a committed
// file or wrote a new one under the given paths: `git diff` alone misses new, untracked files such
// as a migration nobody generated yet.
import { execFileSync } from "node:child_process";

const paths = process.argv.slice(2);
if (paths.length === 0) {
  console.error("usage: node scripts/check-generated.mjs <path> …");
  process.exit(2);
}
const status = execFileSync("git", ["status", "--porcelain", "--untracked-files=all", "--", ...paths], {
  encoding: "utf8",
}).trim();
if (status) {
  console.error(`Generated files are not up to date with the code (${paths.join(", ")}):\n${status}`);
  console.error("Run `pnpm gen` and `pnpm db:generate --name <what>`, then commit the result.");
  process.exit(1);
}
console.log(`Generated files up to date: ${paths.join(", ")}`);
