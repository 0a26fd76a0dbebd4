import { connect, createServer, type Server, type Socket } from "node:net";
import { createDb, type DbHandle } from "@schakel/db";
import { sql } from "drizzle-orm";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { classifyDatabaseError } from "./database-errors";
import { createErrorHandler, HttpProblem } from "./problem";

// Every error here is a real one, made by PGlite, by PostgreSQL (on the PostgreSQL leg) or by
// postgres.js against a port that refuses or never answers — none is built by hand.

const PG_URL = process.env.DATABASE_URL;

/** What `run` threw (fails the test if it did not throw). */
async function thrown(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (err) {
    return err;
  }
  throw new Error("expected the database to refuse");
}

/** A bare app whose one route throws `err`, with the real error handler; returns what it logged. */
function rendered(err: unknown) {
  const logged: { msg: string; err: unknown }[] = [];
  const app = new Hono();
  app.onError(createErrorHandler((msg, e) => logged.push({ msg, err: e })));
  app.get("/boom", () => {
    throw err;
  });
  return { response: app.request("/boom"), logged };
}

/** A port on this machine where nothing listens. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

const engines: [string, () => DbHandle][] = [["PGlite", () => createDb({})]];
// One connection, so the temporary tables are there for every statement.
if (PG_URL) engines.push(["PostgreSQL", () => createDb({ url: PG_URL, max: 1 })]);

describe.each(engines)("what %s refuses", (_engine, open) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = open();
    await handle.db.execute(sql`create temporary table parent (id int primary key, code varchar(3) unique)`);
    await handle.db.execute(sql`create temporary table child (parent_id int not null references parent (id))`);
    await handle.db.execute(sql`insert into parent (id, code) values (1, 'abc')`);
    await handle.db.execute(sql`insert into child (parent_id) values (1)`);
  });
  afterAll(() => handle.close());

  test("class 22 (a value the database cannot take) is invalid-value: a 400 that never repeats the value", async () => {
    const notANumber = await thrown(() => handle.db.execute(sql`select ${"veertig-jaar"}::int`));
    expect(classifyDatabaseError(notANumber)).toEqual({ kind: "invalid-value", code: "22P02" });
    const tooLong = await thrown(() => handle.db.execute(sql`insert into parent (id, code) values (2, ${"Jansen"})`));
    expect(classifyDatabaseError(tooLong)).toEqual({ kind: "invalid-value", code: "22001" });
    expect(classifyDatabaseError(await thrown(() => handle.db.execute(sql`select 1 / 0`)))).toEqual({
      kind: "invalid-value",
      code: "22012",
    });

    const { response, logged } = rendered(notANumber);
    const res = await response;
    expect(res.status).toBe(400);
    expect(res.headers.get("Content-Type")).toBe("application/problem+json");
    const body = await res.text();
    expect(JSON.parse(body)).toMatchObject({ type: "https://schakel.example/problems/invalid-request", status: 400 });
    expect(body).not.toMatch(/veertig|integer|select/);
    expect(logged).toEqual([{ msg: "database refused the request", err: notANumber }]);
  });

  test("23503 (a missing or still-used reference) is a 422 invalid-reference, also inside a transaction", async () => {
    const missing = await thrown(() => handle.db.execute(sql`insert into child (parent_id) values (99)`));
    expect(classifyDatabaseError(missing)).toEqual({ kind: "foreign-key", code: "23503" });
    const stillUsed = await thrown(() =>
      handle.db.transaction(async (tx) => {
        await tx.execute(sql`delete from parent where id = 1`);
      }),
    );
    expect(classifyDatabaseError(stillUsed)).toEqual({ kind: "foreign-key", code: "23503" });

    const res = await rendered(missing).response;
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({
      type: "https://schakel.example/problems/invalid-reference",
      title: "Niet toegestaan",
    });
  });

  test("23505 (the row exists) is a 409 conflict that does not say which value", async () => {
    const duplicate = await thrown(() => handle.db.execute(sql`insert into parent (id, code) values (3, 'abc')`));
    expect(classifyDatabaseError(duplicate)).toEqual({ kind: "unique", code: "23505" });
    const res = await rendered(duplicate).response;
    expect(res.status).toBe(409);
    const body = await res.text();
    expect(JSON.parse(body)).toMatchObject({ type: "https://schakel.example/problems/conflict", detail: "Dit bestaat al." });
    expect(body).not.toMatch(/abc|parent/);
  });

  test("other refusals (a mistake in our SQL, a missing table) stay a 500", async () => {
    const syntax = await thrown(() => handle.db.execute(sql.raw("selec 1")));
    expect(classifyDatabaseError(syntax)).toBeNull();
    const noTable = await thrown(() => handle.db.execute(sql`select * from no_such_table`));
    expect(classifyDatabaseError(noTable)).toBeNull();
    const { response, logged } = rendered(noTable);
    expect((await response).status).toBe(500);
    expect(logged.map((l) => l.msg)).toEqual(["unhandled error"]);
  });
});

describe("a database that cannot be reached", () => {
  test("a refused connection is unavailable: 503 with Retry-After, for a query and for a transaction", async () => {
    const handle = createDb({ url: `postgres://postgres@127.0.0.1:${await closedPort()}/schakel`, max: 1 });
    try {
      const query = await thrown(() => handle.db.execute(sql`select 1`));
      expect(classifyDatabaseError(query)).toEqual({ kind: "unavailable", code: "ECONNREFUSED" });
      // postgres.js's begin fails with the socket's own error, not wrapped by drizzle.
      const transaction = await thrown(() => handle.db.transaction(async (tx) => tx.execute(sql`select 1`)));
      expect(classifyDatabaseError(transaction)).toEqual({ kind: "unavailable", code: "ECONNREFUSED" });

      const { response, logged } = rendered(query);
      const res = await response;
      expect(res.status).toBe(503);
      expect(res.headers.get("Content-Type")).toBe("application/problem+json");
      expect(res.headers.get("Retry-After")).toBe("5");
      expect(await res.json()).toMatchObject({
        type: "https://schakel.example/problems/database-unreachable",
        status: 503,
        detail: "Schakel kan de gegevens nu niet bereiken. Probeer het over een paar seconden opnieuw.",
      });
      expect(logged.map((l) => l.msg)).toEqual(["database unavailable"]);
    } finally {
      await handle.close();
    }
  });

  test("a server that accepts but never answers is unavailable once the connect timeout runs out", async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((s) => sockets.push(s));
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
    const { port } = silent.address() as { port: number };
    const handle = createDb({ url: `postgres://postgres@127.0.0.1:${port}/schakel`, max: 1, connectTimeoutSeconds: 0.3 });
    try {
      const started = performance.now();
      const err = await thrown(() => handle.db.execute(sql`select 1`));
      expect(performance.now() - started).toBeGreaterThanOrEqual(250);
      expect(classifyDatabaseError(err)).toEqual({ kind: "unavailable", code: "CONNECT_TIMEOUT" });
    } finally {
      await handle.close();
      for (const s of sockets) s.destroy();
      await new Promise((r) => silent.close(r));
    }
  });

  test("an error that did not come from the database is not one, even with a connection code (a mail server that refuses)", async () => {
    const port = await closedPort();
    const refused = await new Promise<Error>((resolve) => connect(port, "127.0.0.1").on("error", resolve));
    expect((refused as Error & { code?: string }).code).toBe("ECONNREFUSED");
    expect(classifyDatabaseError(refused)).toBeNull();
    expect((await rendered(refused).response).status).toBe(500);
    expect(classifyDatabaseError(new HttpProblem("conflict", "Al gedaan."))).toBeNull();
    expect(classifyDatabaseError("57014")).toBeNull();
    expect(classifyDatabaseError(undefined)).toBeNull();
  });
});

describe.runIf(Boolean(PG_URL))("PostgreSQL's timeouts and shutdowns", () => {
  test("createDb sets a 15 s statement timeout on its connections", async () => {
    const handle = createDb({ url: PG_URL as string, max: 2 });
    try {
      // Two statements at once, so two pooled connections answer.
      const rows = await Promise.all(
        [1, 2].map(async () => {
          const result = await handle.db.execute(
            sql`select current_setting('statement_timeout') as timeout, pg_backend_pid() as pid, pg_sleep(0.2)`,
          );
          return (result as unknown as { timeout: string; pid: number }[])[0];
        }),
      );
      expect(new Set(rows.map((r) => r?.pid)).size).toBe(2);
      expect(rows.map((r) => r?.timeout)).toEqual(["15s", "15s"]);
    } finally {
      await handle.close();
    }
  });

  test("a statement cut off by the statement timeout (57014) is unavailable", async () => {
    const handle = createDb({ url: PG_URL as string, max: 1, statementTimeoutSeconds: 1 });
    try {
      const started = performance.now();
      const err = await thrown(() => handle.db.execute(sql`select pg_sleep(3)`));
      expect(performance.now() - started).toBeLessThan(2500);
      expect(classifyDatabaseError(err)).toEqual({ kind: "unavailable", code: "57014" });
    } finally {
      await handle.close();
    }
  });

  test("a connection the server ends, as when PostgreSQL stops (57P01, or the connection closed), is unavailable", async () => {
    const victim = createDb({ url: PG_URL as string, max: 1 });
    const admin = createDb({ url: PG_URL as string, max: 1 });
    try {
      const [row] = (await victim.db.execute(sql`select pg_backend_pid() as pid`)) as unknown as { pid: number }[];
      const sleeping = thrown(() => victim.db.execute(sql`select pg_sleep(10)`));
      // Wait until the sleep is under way, then end that backend as a shutdown would.
      for (let i = 0; i < 50; i++) {
        const [active] = (await admin.db.execute(
          sql`select count(*)::int as n from pg_stat_activity where pid = ${row?.pid} and query like '%pg_sleep%'`,
        )) as unknown as { n: number }[];
        if (active?.n) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      await admin.db.execute(sql`select pg_terminate_backend(${row?.pid})`);
      const failure = classifyDatabaseError(await sleeping);
      expect(failure?.kind).toBe("unavailable");
      expect(["57P01", "CONNECTION_CLOSED"]).toContain(failure?.code);
    } finally {
      await Promise.all([victim.close(), admin.close()]);
    }
  });
});
