import { type PasswordChange, passwordProblem } from "@schakel/core";
import { passwordResets, sessions, users } from "@schakel/db";
import { and, eq, isNull, ne } from "drizzle-orm";
import { hashPassword, verifyPassword } from "../../auth/passwords";
import { admitLoginAttempt, recordLoginAttempt } from "../../auth/throttle";
import { badRequest, tooManyRequests, unauthorized, unprocessable } from "../../lib/problem";
import { requireActor, type ServiceContext, withTransaction } from "../context";

/**
 * The signed-in user sets a new password, giving the current one (wrong guesses count towards the
 * sign-in throttle, as at login). Every other session of the user ends; this one stays. Open reset
 * links stop working.
 */
export async function changePassword(ctx: ServiceContext, input: { change: PasswordChange; address: string }) {
  const actor = requireActor(ctx, { secondFactorOptional: true });
  const now = ctx.clock.now();
  const [user] = await ctx.db
    .select({ email: users.email, name: users.name, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, actor.userId));
  if (!user?.passwordHash) throw unauthorized();
  // Counted before the check, as at login (ADR 0022).
  const admission = await admitLoginAttempt(ctx.db, { accountKey: user.email, address: input.address, now });
  if (!admission.admitted) {
    const wait = admission.retryAfterSeconds;
    throw tooManyRequests(
      `Te veel mislukte pogingen. Wacht ${wait < 60 ? `${wait} seconden` : `${Math.ceil(wait / 60)} minuten`} en probeer het opnieuw.`,
      wait,
    );
  }
  const ok = await verifyPassword(user.passwordHash, input.change.currentPassword);
  await recordLoginAttempt(ctx.db, { accountKey: user.email, address: input.address, succeeded: ok, at: now });
  if (!ok) throw unprocessable("wrong-password", "Je huidige wachtwoord klopt niet.", "body.currentPassword");
  const problem = await passwordProblem(input.change.newPassword, [user.email, user.name]);
  if (problem) throw badRequest(problem, [{ name: "body.newPassword", code: "weak_password", reason: problem }]);
  const passwordHash = await hashPassword(input.change.newPassword);
  await withTransaction(ctx, async (tx) => {
    await tx.update(users).set({ passwordHash, updatedAt: now }).where(eq(users.id, actor.userId));
    await tx.delete(sessions).where(and(eq(sessions.userId, actor.userId), ne(sessions.id, actor.sessionId)));
    await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.userId, actor.userId), isNull(passwordResets.usedAt)));
  });
}
