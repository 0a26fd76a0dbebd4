import { createHash } from "node:crypto";
import { LOGIN_THROTTLE } from "@schakel/core";
import { type Database, loginThrottles } from "@schakel/db";
import { and, eq, lt, type SQL, sql } from "drizzle-orm";

/**
 * Sign-in throttling (ADR 0022), in the database so every API process sees the same counters:
 * one per account and address together (a few free failures, then a doubling wait) and one per
 * address across all accounts (a larger budget). An attempt is admitted and counted by a single
 * upsert before the password is checked, so parallel guesses cannot get past it; an attacker at
 * another address never touches the owner's own counter.
 */

const hash = (...parts: string[]) => createHash("sha256").update(parts.join("\n")).digest("hex");
const pairKey = (accountKey: string, address: string) => `pair:${hash(accountKey, address)}`;
const addressKey = (address: string) => `address:${hash(address)}`;

const t = loginThrottles;
const ms = (n: number) => sql.raw(`interval '${n} milliseconds'`);

/** The wait after the n-th admitted attempt: none within the budget, then 1 s, 2 s, 4 s … at most the cap. */
const delayAfter = (n: SQL) =>
  sql`case when ${n} < ${t.budget} then ${ms(0)} else least(${ms(LOGIN_THROTTLE.firstDelayMs)} * power(2, least(${n} - ${t.budget}, 30)), ${ms(LOGIN_THROTTLE.maxDelayMs)}) end`;

/**
 * Admits (and counts) one sign-in attempt, or says how many seconds to wait. One statement for
 * both counters, always in the same order, so concurrent attempts queue on the rows' locks.
 */
export async function admitLoginAttempt(
  db: Database,
  input: { accountKey: string; address: string; now: Date },
): Promise<{ admitted: true } | { admitted: false; retryAfterSeconds: number }> {
  const now = sql`${input.now.toISOString()}::timestamptz`;
  const quiet = sql`${t.lastAt} < ${now} - ${ms(LOGIN_THROTTLE.windowMs)}`;
  // Open when the wait is over, when no wait is due at all (within the budget), or when the wait
  // ends further off than any wait could: the clock stepped back, and a correction must not lock anyone out.
  const open = sql`(${t.nextAt} <= ${now} or ${t.attempts} < ${t.budget} or ${t.nextAt} > ${now} + ${ms(LOGIN_THROTTLE.maxDelayMs)})`;
  const row = (key: string, budget: number) => ({
    key,
    attempts: 1,
    budget,
    nextAt: input.now,
    lastAt: input.now,
    admitted: true,
  });
  const counters = await db
    .insert(t)
    .values([
      row(pairKey(input.accountKey, input.address), LOGIN_THROTTLE.freeFailuresPerAccountAndAddress),
      row(addressKey(input.address), LOGIN_THROTTLE.freeFailuresPerAddress),
    ])
    .onConflictDoUpdate({
      target: t.key,
      set: {
        attempts: sql`case when ${quiet} then 1 when ${open} then ${t.attempts} + 1 else ${t.attempts} end`,
        nextAt: sql`case when ${quiet} then ${now} + ${delayAfter(sql`1`)} when ${open} then ${now} + ${delayAfter(sql`${t.attempts} + 1`)} else ${t.nextAt} end`,
        lastAt: now,
        admitted: sql`${quiet} or ${open}`,
      },
    })
    .returning({ admitted: t.admitted, nextAt: t.nextAt });
  if (counters.every((c) => c.admitted)) return { admitted: true };
  const until = Math.max(...counters.filter((c) => !c.admitted).map((c) => c.nextAt.getTime()));
  return { admitted: false, retryAfterSeconds: Math.max(1, Math.ceil((until - input.now.getTime()) / 1000)) };
}

/**
 * After the password check. A success clears the account-and-address counter and gives the
 * address back the attempt it used, so an office behind one address is not slowed by its own
 * sign-ins; a failure stays counted.
 */
export async function recordLoginAttempt(
  db: Database,
  attempt: { accountKey: string; address: string; succeeded: boolean; at: Date },
) {
  if (!attempt.succeeded) return;
  await db.delete(t).where(eq(t.key, pairKey(attempt.accountKey, attempt.address)));
  const left = sql`greatest(${t.attempts} - 1, 0)`;
  await db
    .update(t)
    .set({
      attempts: left,
      nextAt: sql`case when ${left} < ${t.budget} then least(${t.nextAt}, ${attempt.at.toISOString()}::timestamptz) else ${t.nextAt} end`,
    })
    .where(eq(t.key, addressKey(attempt.address)));
}

/** Counters quiet for the window, with no wait pending, start over anyway: keep the table small. */
export async function pruneLoginAttempts(db: Database, now: Date) {
  const windowStart = new Date(now.getTime() - LOGIN_THROTTLE.windowMs);
  await db.delete(t).where(and(lt(t.lastAt, windowStart), lt(t.nextAt, now)));
}
