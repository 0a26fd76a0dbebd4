import { LOGIN_THROTTLE } from "@schakel/core";
import { type Database, loginAttempts } from "@schakel/db";
import { and, count, desc, eq, gt, lt } from "drizzle-orm";

/**
 * Failed sign-ins per account (since its last success) and per client address, within a sliding
 * window, kept in the database so every API process sees the same counts.
 */
export async function loginThrottled(db: Database, accountKey: string, address: string, now: Date): Promise<number | null> {
  const windowStart = new Date(now.getTime() - LOGIN_THROTTLE.windowMs);
  const [lastSuccess] = await db
    .select({ at: loginAttempts.at })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.accountKey, accountKey), eq(loginAttempts.succeeded, true), gt(loginAttempts.at, windowStart)))
    .orderBy(desc(loginAttempts.at))
    .limit(1);
  const accountSince = lastSuccess ? lastSuccess.at : windowStart;
  const [account] = await db
    .select({ n: count() })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.accountKey, accountKey), eq(loginAttempts.succeeded, false), gt(loginAttempts.at, accountSince)));
  const [byAddress] = await db
    .select({ n: count() })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.address, address), eq(loginAttempts.succeeded, false), gt(loginAttempts.at, windowStart)));
  if ((account?.n ?? 0) >= LOGIN_THROTTLE.maxFailuresPerAccount || (byAddress?.n ?? 0) >= LOGIN_THROTTLE.maxFailuresPerAddress) {
    return Math.ceil(LOGIN_THROTTLE.windowMs / 1000);
  }
  return null;
}

export async function recordLoginAttempt(
  db: Database,
  attempt: { accountKey: string; address: string; succeeded: boolean; at: Date },
) {
  await db.insert(loginAttempts).values(attempt);
}

/** Attempts older than the window no longer count; keep the table small. */
export async function pruneLoginAttempts(db: Database, now: Date) {
  await db.delete(loginAttempts).where(lt(loginAttempts.at, new Date(now.getTime() - LOGIN_THROTTLE.windowMs)));
}
