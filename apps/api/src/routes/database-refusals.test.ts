import { Writable } from "node:stream";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createLogger } from "../lib/logger";
import { createTestContext, type TestContext } from "../test/harness";
import { RESIDENT } from "../test/referral-world";

// The input schemas should stop bad values before the database sees them; this is the safety net
// behind them. A trigger (test-only, on rows with these postcodes alone) makes the database refuse
// a resident the way it would refuse a value or a reference, with the name in its message.
const REFUSALS = [
  { postcode: "9991 AA", errcode: "22001", status: 400, type: "invalid-request" },
  { postcode: "9992 AA", errcode: "23503", status: 422, type: "invalid-reference" },
  { postcode: "9993 AA", errcode: "23505", status: 409, type: "conflict" },
] as const;

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
  const cases = REFUSALS.map(
    (r) => `when new.postcode = '${r.postcode}' then raise exception 'geweigerd %', new.name using errcode = '${r.errcode}';`,
  );
  await t.db.execute(
    sql.raw(`create or replace function test_refuse_resident() returns trigger language plpgsql as $$
      begin
        case ${cases.join("\n")} else null; end case;
        return new;
      end $$`),
  );
  await t.db.execute(
    sql.raw(
      "create trigger test_refuse_resident before insert on residents for each row execute function test_refuse_resident()",
    ),
  );
});
afterAll(async () => {
  await t.db.execute(sql.raw("drop trigger if exists test_refuse_resident on residents"));
  await t.db.execute(sql.raw("drop function if exists test_refuse_resident()"));
  await t.close();
});

describe("what the database refuses", () => {
  test.each(REFUSALS)(
    "SQLSTATE $errcode is a $status $type problem, logged as class, SQLSTATE and request id — never the values",
    async (refusal) => {
      const { organization, worker } = await t.organizationWithStaff();
      const { response, error } = await worker.browser.client.POST("/residents", {
        body: { organizationId: organization.id, ...RESIDENT, postcode: refusal.postcode, birthYear: 2003 } as never,
      });
      expect(response.status).toBe(refusal.status);
      expect(response.headers.get("Content-Type")).toBe("application/problem+json");
      expect(error).toMatchObject({ type: `https://schakel.example/problems/${refusal.type}`, status: refusal.status });
      expect(JSON.stringify(error)).not.toMatch(/Sam Jansen|geweigerd|insert/);

      const requestId = response.headers.get("X-Request-Id");
      const logged = lines.filter((l) => l.requestId === requestId && l.level === "error");
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatchObject({
        msg: "database refused the request",
        method: "POST",
        error: { class: "DrizzleQueryError", cause: { code: refusal.errcode } },
      });
      const text = JSON.stringify(lines);
      for (const secret of [RESIDENT.name, RESIDENT.phone, refusal.postcode, "insert into", "geweigerd"])
        expect(text).not.toContain(secret);
    },
  );
});
