import { readFileSync } from "node:fs";
import { easterSunday, isWorkingDay, responseDueAt } from "@schakel/core";
import { MIGRATIONS_DIR, queryRows } from "@schakel/db";
import { createTestDb } from "@schakel/db/testing";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";

// The migration that filled due_at for existing referrals computes it in SQL; it must agree with
// core as core was then. Since migration 0016 core counts Goede Vrijdag and the fifth of May of
// every year as holidays (Algemene termijnenwet art. 3); the backfill, which ran before, did not —
// so the two differ on exactly those days, and due instants whose count passes one are left out.
const migration = readFileSync(`${MIGRATIONS_DIR}/0011_referral_due_at_backfill.sql`, "utf8");
const functions = migration
  .split("--> statement-breakpoint")
  .filter((s) => s.includes("CREATE FUNCTION"))
  .map((s) => s.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION"));

let handle: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(() => handle.close());

class Done extends Error {}

/** The weekdays core added in 0016: Goede Vrijdag, and the fifth of May outside lustrum years. */
function addedSince0016(from: number, to: number): string[] {
  const days: string[] = [];
  for (let y = from; y <= to; y++) {
    const goodFriday = new Date(easterSunday(y).getTime() - 2 * 86_400_000);
    const may5 = new Date(Date.UTC(y, 4, 5));
    for (const d of y % 5 === 0 ? [goodFriday] : [goodFriday, may5]) {
      if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) days.push(d.toISOString().slice(0, 10));
    }
  }
  return days.sort();
}

/** Runs `work` with the migration's temporary functions, then rolls them back. */
async function withBackfillFunctions(work: (db: typeof handle.db) => Promise<void>) {
  await handle.db
    .transaction(async (tx) => {
      for (const f of functions) await tx.execute(sql.raw(f));
      await work(tx as unknown as typeof handle.db);
      throw new Done();
    })
    .catch((err) => {
      if (!(err instanceof Done)) throw err;
    });
}

test("the backfill's working days are core's, every day of 2024–2032", async () => {
  expect(functions).toHaveLength(2);
  await withBackfillFunctions(async (db) => {
    const rows = await queryRows<{ d: string; working: boolean }>(
      db,
      sql`select d::date::text as d, pg_temp.schakel_is_working_day(d::date) as working
          from generate_series('2024-01-01'::date, '2032-12-31'::date, '1 day') d`,
    );
    const differ = rows.filter((r) => r.working !== isWorkingDay(new Date(`${r.d}T00:00:00Z`))).map((r) => r.d);
    expect(differ).toEqual(addedSince0016(2024, 2032));
    expect(rows.length).toBeGreaterThan(3000);
  });
});

test("the backfill's due instant is core's responseDueAt, also around midnight and clock changes", async () => {
  const cases: [Date, number][] = [];
  const start = Date.UTC(2025, 0, 1);
  for (let i = 0; i < 600; i++) {
    // Every ~29 hours over two years, hitting all times of day, plus the hour around midnight.
    cases.push([new Date(start + i * 104_723_000), (i % 10) + 1]);
    cases.push([new Date(Date.UTC(2026, 0, 1) + i * 86_400_000 - 3_600_000 + (i % 7) * 600_000), (i % 5) + 1]);
  }
  await withBackfillFunctions(async (db) => {
    const values = sql.join(
      cases.map(([since, days]) => sql`(${since.toISOString()}::timestamptz, ${days}::int)`),
      sql`, `,
    );
    const rows = await queryRows<{ since: string; days: number; due: string }>(
      db,
      sql`select since::text, days, extract(epoch from pg_temp.schakel_response_due_at(since, days))::float8 * 1000 as due
          from (values ${values}) as t(since, days)`,
    );
    expect(rows).toHaveLength(cases.length);
    const added = addedSince0016(2024, 2028).map((d) => Date.parse(`${d}T12:00:00Z`));
    const compared = rows
      .map((r, i) => ({ case: cases[i], sql: Number(r.due), core: responseDueAt(...(cases[i] as [Date, number])).getTime() }))
      .filter((r) => !added.some((d) => d > (r.case?.[0].getTime() ?? 0) - 86_400_000 && d < r.core));
    expect(compared.length).toBeGreaterThan(cases.length * 0.8);
    expect(compared.filter((r) => r.sql !== r.core)).toEqual([]);
  });
});
