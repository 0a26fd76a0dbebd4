import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, test } from "vitest";

// `pnpm retention` as an operator runs it: a child process on its own embedded database (never
// the shared test database of the PostgreSQL leg), checked on its output and exit code.
const SCRIPT = resolve(import.meta.dirname, "../scripts/retention.ts");
const dataDir = mkdtempSync(join(tmpdir(), "schakel-retention-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function retention(...args: string[]) {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== "DATABASE_URL"));
  const env = { ...inherited, DATA_DIR: dataDir, NODE_ENV: "test" };
  const run = spawnSync(process.execPath, ["--import", "tsx", SCRIPT, ...args], { env, encoding: "utf8", timeout: 90_000 });
  return { code: run.status, out: `${run.stdout}${run.stderr}` };
}

describe("pnpm retention", () => {
  test("a dry run says so, with the periods and counts, and exits 0", () => {
    const { code, out } = retention("--dry-run");
    expect(out).toContain("Proefdraai: er is niets gewijzigd.");
    expect(out).toContain("Bewaartermijnen: verwijzingen 24 maanden na afsluiten, toegangslog 5 jaar");
    expect(code).toBe(0);
  }, 120_000);

  test("a real run applies the periods; an unknown option does nothing and exits 2", () => {
    const real = retention();
    expect(real.out).toContain("Bewaartermijnen toegepast:");
    expect(real.code).toBe(0);
    const wrong = retention("--force");
    expect(wrong.out).toContain("Onbekende optie: --force");
    expect(wrong.code).toBe(2);
  }, 120_000);
});
