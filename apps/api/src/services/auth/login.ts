import { normalizeEmail } from "@schakel/core";
import { memberships, totpFactors, users } from "@schakel/db";
import { and, eq, isNotNull } from "drizzle-orm";
import { verifyAgainstDummy, verifyPassword } from "../../auth/passwords";
import { admitLoginAttempt, recordLoginAttempt } from "../../auth/throttle";
import { HttpProblem, tooManyRequests } from "../../lib/problem";
import type { ServiceContext } from "../context";
import { startSession } from "./start-session";

const invalidCredentials = () => new HttpProblem("invalid-credentials", "Het e-mailadres of het wachtwoord klopt niet.");

/**
 * Signs a user in with e-mail and password. Without a second factor that starts a new session;
 * with one it starts a half-session (5 minutes) in which only the code can be sent (ADR 0023). The answer is the same
 * whether the account is unknown, has no password yet, is deactivated everywhere, or the
 * password is wrong; every attempt counts towards the throttle, before the password is checked.
 */
export async function login(ctx: ServiceContext, input: { email: string; password: string; address: string }) {
  const { db, clock } = ctx;
  const accountKey = normalizeEmail(input.email);
  const now = clock.now();
  // Counted before the password is checked, so parallel guesses cannot get past the limit (ADR 0022).
  const admission = await admitLoginAttempt(db, { accountKey, address: input.address, now });
  if (!admission.admitted) {
    const wait = admission.retryAfterSeconds;
    const when = wait < 60 ? `${wait} ${wait === 1 ? "seconde" : "seconden"}` : `${Math.ceil(wait / 60)} minuten`;
    throw tooManyRequests(`Te veel mislukte pogingen. Wacht ${when} en probeer het opnieuw.`, wait);
  }

  const [user] = await db
    .select({ id: users.id, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, accountKey));
  const [active] = user
    ? await db
        .select({ id: memberships.id })
        .from(memberships)
        .where(and(eq(memberships.userId, user.id), eq(memberships.status, "active")))
        .limit(1)
    : [];
  const ok =
    user?.passwordHash && active
      ? await verifyPassword(user.passwordHash, input.password)
      : await verifyAgainstDummy(input.password);

  await recordLoginAttempt(db, { accountKey, address: input.address, succeeded: ok, at: now });
  if (!ok || !user) throw invalidCredentials();
  const [factor] = await db
    .select({ userId: totpFactors.userId })
    .from(totpFactors)
    .where(and(eq(totpFactors.userId, user.id), isNotNull(totpFactors.confirmedAt)));
  if (factor) {
    const { cookie } = await ctx.sessions.create(user.id, { awaitingSecondFactor: true });
    return { secondFactorRequired: true as const, cookie };
  }
  return { secondFactorRequired: false as const, ...(await startSession(ctx, user.id)) };
}
