import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../app";
import { createLogger } from "../lib/logger";
import { createTestContext, MemoryMailer, type TestContext, testClock } from "../test/harness";

/** A logger whose lines land in `lines`, parsed. */
function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger(
    new Writable({
      write(chunk, _encoding, callback) {
        for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
        callback();
      },
    }),
  );
  return { lines, logger };
}

const warnings = (lines: Record<string, unknown>[]) => lines.filter((l) => l.level === "warn");

let t: TestContext;
const untrusted = capturedLogger();
beforeAll(async () => {
  t = await createTestContext({ config: { trustProxy: false }, logger: untrusted.logger });
});
afterAll(() => t.close());

describe("X-Forwarded-For while TRUST_PROXY is off", () => {
  test("the first request that carries it logs one warning (once per app; the server runs one) naming TRUST_PROXY=true; later ones none", async () => {
    for (let i = 0; i < 2; i++) expect((await t.app.request("/api/v1/health")).status).toBe(200);
    expect(warnings(untrusted.lines)).toEqual([]);

    for (const address of ["203.0.113.7", "203.0.113.8", "198.51.100.1, 203.0.113.9"]) {
      const res = await t.app.request("/api/v1/health", { headers: { "X-Forwarded-For": address } });
      expect(res.status).toBe(200);
    }
    const [warning, ...more] = warnings(untrusted.lines);
    expect(more).toEqual([]);
    expect(warning?.msg).toMatch(/X-Forwarded-For/);
    expect(warning?.msg).toMatch(/inlogbeperking telt dan het adres van de proxy/);
    expect(warning?.msg).toMatch(/TRUST_PROXY=true/);
    // The address itself is not logged.
    expect(JSON.stringify(untrusted.lines)).not.toMatch(/203\.0\.113|198\.51\.100/);
  });

  test("with TRUST_PROXY on, the header is expected and nothing is logged", async () => {
    const trusted = capturedLogger();
    const app = createApp({
      db: t.db,
      config: { production: false, trustProxy: true, devMailbox: false },
      clock: testClock(),
      mailer: new MemoryMailer(),
      logger: trusted.logger,
    });
    const res = await app.request("/api/v1/health", { headers: { "X-Forwarded-For": "203.0.113.7" } });
    expect(res.status).toBe(200);
    expect(warnings(trusted.lines)).toEqual([]);
  });
});
