import { type PasswordReset, passwordProblem } from "@schakel/core";
import { passwordResets, sessions, users } from "@schakel/db";
import { and, eq, isNull } from "drizzle-orm";
import { hashPassword } from "../../auth/passwords";
import { badRequest, unprocessable } from "../../lib/problem";
import { hashToken } from "../../lib/tokens";
import { type ServiceContext, withTransaction } from "../context";

const invalidLink = () =>
  unprocessable(
    "reset-link-invalid",
    "Deze herstellink is verlopen of al gebruikt. Vraag een nieuwe aan via Wachtwoord vergeten.",
  );

/**
 * Sets a new password with the token of a reset link: once, within 30 minutes. Every session of
 * the user ends (whoever knew the old password is out); the person then signs in, with the second
 * factor if they have one.
 */
export async function resetPassword(ctx: ServiceContext, input: PasswordReset) {
  const now = ctx.clock.now();
  await withTransaction(ctx, async (tx) => {
    const [found] = await tx
      .select({
        id: passwordResets.id,
        userId: passwordResets.userId,
        expiresAt: passwordResets.expiresAt,
        usedAt: passwordResets.usedAt,
        email: users.email,
        name: users.name,
      })
      .from(passwordResets)
      .innerJoin(users, eq(users.id, passwordResets.userId))
      .where(eq(passwordResets.tokenHash, hashToken(input.token)))
      .for("update", { of: passwordResets });
    if (!found || found.usedAt || found.expiresAt.getTime() <= now.getTime()) throw invalidLink();
    const problem = await passwordProblem(input.password, [found.email, found.name]);
    if (problem) throw badRequest(problem, [{ name: "body.password", code: "weak_password", reason: problem }]);
    await tx
      .update(users)
      .set({ passwordHash: await hashPassword(input.password), updatedAt: now })
      .where(eq(users.id, found.userId));
    await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.userId, found.userId), isNull(passwordResets.usedAt)));
    await tx.delete(sessions).where(eq(sessions.userId, found.userId));
  });
}
