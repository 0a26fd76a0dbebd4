import { Writable } from "node:stream";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestContext, type TestContext } from "../test/harness";
import { RESIDENT } from "../test/referral-world";
import { createLogger } from "./logger";

/** Every line the logger wrote, parsed. */
const lines: Record<string, unknown>[] = [];
const capture = new Writable({
  write(chunk, _encoding, callback) {
    for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
    callback();
  },
});

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({ logger: createLogger(capture) });
});
afterAll(() => t.close());

describe("errors", () => {
  test("a failed query is logged as its class, SQLSTATE and request id — never its parameters", async () => {
    const { organization, worker } = await t.organizationWithStaff();
    // Break the table under the service, as a bad migration or a database fault would.
    await t.db.execute(sql`alter table residents rename column phone to phone_broken`);
    try {
      const { response, error } = await worker.browser.client.POST("/residents", {
        body: { organizationId: organization.id, ...RESIDENT, birthYear: 2003 } as never,
      });
      expect(response.status).toBe(500);
      const requestId = response.headers.get("X-Request-Id");
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
      // The user can quote the id; the problem says nothing else about the fault.
      expect(error?.detail).toContain(requestId);
      expect(JSON.stringify(error)).not.toMatch(/phone|insert|Failed query/);

      const logged = lines.filter((l) => l.requestId === requestId && l.level === "error");
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatchObject({
        msg: "unhandled error",
        method: "POST",
        error: { class: "DrizzleQueryError", cause: { code: "42703" } },
      });
      const text = JSON.stringify(lines);
      for (const secret of [RESIDENT.name, RESIDENT.phone, RESIDENT.postcode, organization.id, "insert into"]) {
        expect(text).not.toContain(secret);
      }
    } finally {
      await t.db.execute(sql`alter table residents rename column phone_broken to phone`);
    }
  });

  test("fields named like secrets are redacted", () => {
    const out: string[] = [];
    const logger = createLogger(
      new Writable({
        write(chunk, _e, cb) {
          out.push(String(chunk));
          cb();
        },
      }),
    );
    logger.info("mail", { to: "iemand@test.example", token: "abc123geheim", nested: { password: "wachtwoord-1" } });
    expect(out.join("")).not.toMatch(/iemand@test\.example|abc123geheim|wachtwoord-1/);
  });
});

describe("happy path", () => {
  test("every API response carries a request id; a proxy's plausible id is kept, a forged one replaced", async () => {
    const anonymous = t.anonymous();
    const a = await anonymous.fetch(new Request("http://schakel.test/api/v1/health"));
    expect(a.headers.get("X-Request-Id")).toMatch(/^[0-9a-f-]{36}$/);
    const b = await t.app.request("/api/v1/health", { headers: { "X-Request-Id": "proxy-1234abcd" } });
    expect(b.headers.get("X-Request-Id")).toBe("proxy-1234abcd");
    const c = await t.app.request("/api/v1/health", { headers: { "X-Request-Id": `kort;${"a".repeat(80)}` } });
    expect(c.headers.get("X-Request-Id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});
