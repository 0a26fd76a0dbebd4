import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, test } from "vitest";

// `pnpm setup-network` as an operator runs it: a child process on its own embedded database
// (never the shared test database of the PostgreSQL leg), checked on its output and exit code.
// The work itself, on both engines, is tested in services/organizations/network-setup.test.ts.
const SCRIPT = resolve(import.meta.dirname, "../scripts/setup-network.ts");
const dir = mkdtempSync(join(tmpdir(), "schakel-setup-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function setupNetwork(args: string[], extraEnv: Record<string, string> = {}) {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== "DATABASE_URL"));
  const env = { ...inherited, DATA_DIR: join(dir, "data"), NODE_ENV: "test", INIT_CWD: dir, ...extraEnv };
  const run = spawnSync(process.execPath, ["--import", "tsx", SCRIPT, ...args], { env, encoding: "utf8", timeout: 90_000 });
  return { code: run.status, out: `${run.stdout}${run.stderr}` };
}

const plan = {
  organizations: [
    {
      slug: "gemeente-arnhem",
      name: "Gemeente Arnhem",
      kind: "gemeente",
      municipalityCodes: ["GM0202"],
      admin: { name: "Beheer Arnhem", email: "beheer@arnhem.example" },
    },
  ],
  networkAdmin: { name: "Regie Arnhem", email: "regie@arnhem.example", organization: "gemeente-arnhem" },
};

describe("pnpm setup-network", () => {
  test("sets up an empty embedded database from a plan, and a second run adds nothing", () => {
    writeFileSync(join(dir, "plan.json"), JSON.stringify(plan));
    const first = setupNetwork(["plan.json"]);
    expect(first.out).toContain("Gemeente Arnhem: toegevoegd, beheerder uitgenodigd");
    expect(first.out).toContain("1 organisatie(s) toegevoegd, 2 uitnodiging(en) verstuurd");
    expect(first.code).toBe(0);
    const second = setupNetwork(["plan.json"]);
    expect(second.out).toContain("0 organisatie(s) toegevoegd");
    expect(second.code).toBe(0);
  }, 180_000);

  test("a bad plan names every problem and changes nothing (1); no file or production without SMTP_URL is 2", () => {
    writeFileSync(
      join(dir, "bad.json"),
      JSON.stringify({ ...plan, organizations: [{ ...plan.organizations[0], kind: "bank" }] }),
    );
    const bad = setupNetwork(["bad.json"]);
    expect(bad.out).toContain("organizations.0");
    expect(bad.code).toBe(1);
    expect(setupNetwork([]).code).toBe(2);
    const production = setupNetwork(["plan.json"], { NODE_ENV: "production", PUBLIC_URL: "https://schakel.example" });
    expect(production.out).toContain("SMTP_URL");
    expect(production.code).toBe(2);
  }, 180_000);
});
