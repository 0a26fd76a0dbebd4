/**
 * What a start puts into an empty database: the demo network only on the README's first command
 * (embedded database, not production) or with DEMO=1, never in production — and no password is
 * printed then. Each case on a fresh in-memory PGlite, also on the PostgreSQL leg: the question
 * is about an empty database, which a shared one is not.
 */
import { createDb, type DbHandle, memberships, networkAdmins, organizations, users } from "@schakel/db";
import { afterEach, describe, expect, test } from "vitest";
import { loadDemoNetworkOnStart } from "./demo-start";
import { parseEnv } from "./env";

const handles: DbHandle[] = [];
afterEach(async () => {
  await Promise.all(handles.splice(0).map((h) => h.close()));
});

async function emptyDatabase() {
  const handle = createDb({});
  handles.push(handle);
  await handle.migrate();
  return handle.db;
}

async function start(source: Record<string, string>) {
  const db = await emptyDatabase();
  const printed: string[] = [];
  await loadDemoNetworkOnStart(db, parseEnv(source), (line) => printed.push(line));
  const counts = {
    users: (await db.select({ id: users.id }).from(users)).length,
    organizations: (await db.select({ id: organizations.id }).from(organizations)).length,
    memberships: (await db.select({ id: memberships.id }).from(memberships)).length,
    networkAdmins: (await db.select({ id: networkAdmins.userId }).from(networkAdmins)).length,
  };
  return { counts, printed: printed.join("\n") };
}

describe("happy path", () => {
  test("the README's first command (embedded database, no NODE_ENV) loads the demo network and prints its logins", async () => {
    // What `npm start` → `node apps/api/dist/index.js` passes: no NODE_ENV, no DATABASE_URL.
    const { counts, printed } = await start({ DEMO_PASSWORD: "demo-wachtwoord-1" });
    expect(counts.users).toBeGreaterThan(10);
    expect(counts.organizations).toBeGreaterThan(5);
    expect(counts.networkAdmins).toBe(1);
    expect(printed).toContain("admin@opr-echt.example");
    expect(printed).toContain("admin@gemeente-arnhem.example is ook netwerkbeheerder");
    // A chosen password is not echoed.
    expect(printed).not.toContain("demo-wachtwoord-1");
  });

  test("without DEMO_PASSWORD the generated password is printed, outside production", async () => {
    const { printed } = await start({});
    expect(printed).toMatch(/Wachtwoord van alle demo-accounts: \S{12,}/);
  });

  test("DEMO=1 loads the demo network on any database, PostgreSQL included", async () => {
    const { counts } = await start({
      DEMO: "1",
      DATABASE_URL: "postgres://localhost/schakel",
      DEMO_PASSWORD: "demo-wachtwoord-1",
    });
    expect(counts.users).toBeGreaterThan(10);
  });
});

describe("a real installation starts empty", () => {
  test("a production start on an empty database has no users, no organisations, and prints nothing", async () => {
    const { counts, printed } = await start({
      NODE_ENV: "production",
      PUBLIC_URL: "https://schakel.example",
      SMTP_URL: "smtp://mail.example:587",
    });
    expect(counts).toEqual({ users: 0, organizations: 0, memberships: 0, networkAdmins: 0 });
    expect(printed).toBe("");
  });

  test("also on the embedded database in production", async () => {
    const { counts } = await start({
      NODE_ENV: "production",
      PUBLIC_URL: "https://schakel.example",
      SMTP_URL: "smtp://mail.example:587",
      DATA_DIR: "/tmp/x",
    });
    expect(counts.users).toBe(0);
  });

  test("PostgreSQL outside production starts empty unless DEMO=1 asks", async () => {
    const { counts } = await start({ DATABASE_URL: "postgres://localhost/schakel" });
    expect(counts.users).toBe(0);
  });

  test("DEMO=0 keeps even the embedded database empty", async () => {
    const { counts } = await start({ DEMO: "0" });
    expect(counts.users).toBe(0);
  });
});
