import { Writable } from "node:stream";
import { createDb } from "@schakel/db";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createLogger } from "../lib/logger";
import { CuttableProxy } from "../test/cuttable-proxy";
import { createTestContext, type TestContext } from "../test/harness";

// The app reaches PostgreSQL through a TCP proxy in this process, which the test cuts (every
// socket destroyed, nothing listening: the connection is refused), silences (connections are
// accepted and never answered) and restores, on the same port, without restarting the app.
// PGlite runs inside the process, so there is no connection to lose: PostgreSQL only.

const PG_URL = process.env.DATABASE_URL;

const lines: Record<string, unknown>[] = [];
const capture = new Writable({
  write(chunk, _encoding, callback) {
    for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
    callback();
  },
});

/** The response and how long it took, in ms. */
async function timed(request: () => Response | Promise<Response>) {
  const started = performance.now();
  const response = await request();
  return { response, ms: performance.now() - started };
}

async function expectUnavailable(response: Response) {
  expect(response.status).toBe(503);
  expect(response.headers.get("Content-Type")).toBe("application/problem+json");
  expect(response.headers.get("Retry-After")).toBe("5");
  const body = (await response.json()) as { type: string };
  expect(body.type).toBe("https://schakel.example/problems/database-unreachable");
  return body;
}

describe.runIf(Boolean(PG_URL))("a PostgreSQL outage", () => {
  let t: TestContext;
  let proxy: CuttableProxy;
  let me: () => Promise<Response>;
  const hsds = () => t.app.request("/api/v1/hsds/services");
  const health = () => t.app.request("/api/v1/health");
  let workerEmail = "";

  beforeAll(async () => {
    const url = new URL(PG_URL as string);
    proxy = new CuttableProxy({ host: url.hostname, port: Number(url.port || 5432) });
    await proxy.open();
    url.hostname = "127.0.0.1";
    url.port = String(proxy.port);
    t = await createTestContext({ db: createDb({ url: url.toString(), max: 4 }), logger: createLogger(capture) });
    const { worker } = await t.organizationWithStaff();
    workerEmail = worker.user.email;
    me = () => worker.browser.fetch(new Request("http://schakel.test/api/v1/me"));
  });
  afterAll(async () => {
    await t?.close();
    await proxy?.cut();
  });

  test("cut off: signed-in, anonymous and health requests answer 503 with Retry-After at once; restored: they work again", async () => {
    for (const request of [me, hsds, health]) expect((await request()).status).toBe(200);

    await proxy.cut();
    // Round after round, as users keep trying: each answer comes at once, not after a growing backoff.
    for (let round = 0; round < 8; round++) {
      for (const request of [me, hsds]) {
        const { response, ms } = await timed(request);
        const body = await expectUnavailable(response);
        expect(body).toMatchObject({
          detail: "Schakel kan de gegevens nu niet bereiken. Probeer het over een paar seconden opnieuw.",
        });
        expect(ms, `round ${round}`).toBeLessThan(1500);
      }
    }
    const down = await health();
    expect(await expectUnavailable(down)).toMatchObject({ detail: "De database is niet bereikbaar." });

    // One line per failed request, with its request id and the connection error's code — nothing personal.
    const refused = await me();
    await expectUnavailable(refused);
    const logged = lines.filter((l) => l.requestId === refused.headers.get("X-Request-Id"));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ level: "error", msg: "database unavailable", method: "GET" });
    expect(JSON.stringify(logged[0])).toMatch(/"code":"ECONNREFUSED"/);
    expect(JSON.stringify(lines)).not.toContain(workerEmail);

    await proxy.open();
    for (const request of [me, hsds, health]) {
      const { response, ms } = await timed(request);
      expect(response.status).toBe(200);
      expect(ms).toBeLessThan(3000);
    }
  });

  test("a server that accepts connections but never answers: 503 once the 5 s connect timeout runs out, then recovery", async () => {
    await proxy.cut();
    // Let the pool see its connections closed, so the request below needs a new one.
    await new Promise((resolve) => setTimeout(resolve, 200));
    await proxy.open("silent");
    const { response, ms } = await timed(hsds);
    await expectUnavailable(response);
    expect(ms).toBeGreaterThanOrEqual(4500);
    expect(ms).toBeLessThan(9000);

    await proxy.cut();
    await proxy.open();
    expect((await hsds()).status).toBe(200);
    expect((await me()).status).toBe(200);
  });
});
