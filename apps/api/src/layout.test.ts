/**
 * The promises of the API's layout (CONTRIBUTING.md, "The API's layers"), checked on the source:
 * routes do not reach the database, and each cross-cutting concern has its one module.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, test } from "vitest";

const SRC = import.meta.dirname;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

const files = sources(SRC).map((path) => ({ path: relative(SRC, path), text: readFileSync(path, "utf8") }));
const where = (pattern: RegExp, except: string[] = []) =>
  files.filter((f) => pattern.test(f.text) && !except.includes(f.path)).map((f) => f.path);

describe("layers", () => {
  test("no route file queries the database: no drizzle-orm, no tables from @schakel/db", () => {
    const routes = files.filter((f) => f.path.startsWith("routes/"));
    expect(routes.length).toBeGreaterThan(10);
    const offenders = routes
      .filter((f) => /from "drizzle-orm/.test(f.text) || /^import \{[^}]*\} from "@schakel\/db"/m.test(f.text))
      .map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  test("no service takes the actor in its input: they read it from the context", () => {
    // notify()'s actorUserId is whom not to tell of their own act, not who acts.
    expect(where(/input: \{[^}]*\bactorUserId\b/, ["services/referrals/events.ts"])).toEqual([]);
  });
});

describe("services", () => {
  const VERB =
    /^(list|get|create|update|record|confirm|propose|mark|invite|accept|login|logout|withdraw|erase|export|search|transition|start|import)(-|\.ts$)/;
  const camel = (file: string) => file.replace(/\.ts$/, "").replace(/-(\w)/g, (_, c: string) => c.toUpperCase());

  test("one verb per file: a file named verb-noun exports the async function verbNoun", () => {
    const verbs = files.filter((f) => f.path.startsWith("services/") && VERB.test(f.path.split("/").at(-1) ?? ""));
    expect(verbs.length).toBeGreaterThan(40);
    const misnamed = verbs
      .filter((f) => !new RegExp(`^export (async )?function ${camel(f.path.split("/").at(-1) ?? "")}\\b`, "m").test(f.text))
      .map((f) => f.path);
    expect(misnamed).toEqual([]);
  });

  test("the sociale-kaart folder does not collide with the layer's name", () => {
    expect(files.some((f) => f.path.startsWith("services/services/"))).toBe(false);
  });
});

describe("one module per concern", () => {
  test("only services/access-log.ts writes to the access log, and only its helper writes resident entries", () => {
    expect(where(/insert\(accessLog\)/)).toEqual(["services/access-log.ts"]);
    expect(where(/subjectType: "resident"/)).toEqual(["services/access-log.ts"]);
  });

  test("cursors are encoded and decoded only in lib/cursor.ts", () => {
    // schemas/common.ts still holds the old, now unused encodeCursor/decodeCursor (owned by the schemas rewrite).
    expect(where(/JSON\.parse\(Buffer\.from\(|encodeCursor\(|decodeCursor\(/, ["lib/cursor.ts", "schemas/common.ts"])).toEqual(
      [],
    );
  });

  test("problem type URIs are spelled only in lib/problem.ts", () => {
    expect(where(/problems\//, ["lib/problem.ts"])).toEqual([]);
  });

  test("mail goes to the outbox and out after commit through mail/outbox.ts, not by hand", () => {
    expect(where(/deliverPendingMail\(/, ["mail/outbox.ts", "index.ts", "scheduler/jobs.ts"])).toEqual([]);
  });
});
