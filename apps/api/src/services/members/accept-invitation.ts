import { passwordProblem } from "@schakel/core";
import { invitations, memberships, users } from "@schakel/db";
import { eq } from "drizzle-orm";
import { hashPassword, verifyPassword } from "../../auth/passwords";
import { badRequest, conflict, notFound, unprocessable } from "../../lib/problem";
import { hashToken } from "../../lib/tokens";
import { recordAccess } from "../access-log";
import { startSession } from "../auth/start-session";
import type { ServiceContext } from "../context";
import { withTransaction } from "../context";

/**
 * Redeems a one-time invitation link: a new account sets its password; an existing account
 * (invited by a second organization) confirms with its current password. Then signs the person in.
 */
export async function acceptInvitation(ctx: ServiceContext, input: { token: string; password: string }) {
  const now = ctx.clock.now();
  const userId = await withTransaction(ctx, async (tx) => {
    const [found] = await tx
      .select({
        invitationId: invitations.id,
        expiresAt: invitations.expiresAt,
        usedAt: invitations.usedAt,
        membershipId: memberships.id,
        membershipStatus: memberships.status,
        organizationId: memberships.organizationId,
        userId: users.id,
        passwordHash: users.passwordHash,
        email: users.email,
        name: users.name,
      })
      .from(invitations)
      .innerJoin(memberships, eq(memberships.id, invitations.membershipId))
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(invitations.tokenHash, hashToken(input.token)))
      .for("update", { of: invitations });
    if (!found || found.membershipStatus === "deactivated") {
      throw notFound("Deze uitnodiging bestaat niet (meer). Vraag de beheerder om een nieuwe.");
    }
    if (found.usedAt)
      throw conflict("Deze uitnodiging is al gebruikt of vervangen door een nieuwere. Log in, of vraag een nieuwe uitnodiging.");
    if (found.expiresAt.getTime() <= now.getTime()) {
      throw unprocessable("invitation-expired", "Deze uitnodiging is verlopen. Vraag de beheerder om een nieuwe.");
    }

    if (found.passwordHash) {
      if (!(await verifyPassword(found.passwordHash, input.password))) {
        throw unprocessable("existing-account", "Je hebt al een account bij Schakel. Vul het wachtwoord van dat account in.");
      }
    } else {
      const problem = await passwordProblem(input.password, [found.email, found.name]);
      if (problem) throw badRequest(problem, [{ name: "body.password", code: "weak_password", reason: problem }]);
      await tx
        .update(users)
        .set({ passwordHash: await hashPassword(input.password), updatedAt: now })
        .where(eq(users.id, found.userId));
    }
    await tx.update(invitations).set({ usedAt: now }).where(eq(invitations.id, found.invitationId));
    await tx.update(memberships).set({ status: "active", updatedAt: now }).where(eq(memberships.id, found.membershipId));
    await recordAccess(tx, {
      at: now,
      actorUserId: found.userId,
      actorOrganizationId: found.organizationId,
      action: "invitation.accept",
      subjectType: "member",
      subjectId: found.membershipId,
      organizationId: found.organizationId,
    });
    return found.userId;
  });
  return startSession(ctx, userId);
}
