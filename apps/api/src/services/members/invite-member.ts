import type { Role } from "@schakel/core";
import { organizations } from "@schakel/db";
import { eq } from "drizzle-orm";
import { recordAccess } from "../access-log";
import { requireActor, type ServiceContext, withTransaction } from "../context";
import { requireOrganizationAdmin } from "./authorize";
import { issueInvitation } from "./invitation";
import { readMember } from "./member-view";

/**
 * Invites someone to the organization by e-mail: a one-time link, valid 72 hours, to set a
 * password, mailed through the outbox (retried until delivered). Inviting an address that is
 * already invited sends a fresh link and voids the old one. The answer is the same whether or not
 * the address already has an account: the member shows the name the admin typed.
 */
export async function inviteMember(
  ctx: ServiceContext,
  input: { organizationId: string; email: string; name: string; role: Role },
) {
  const actor = requireActor(ctx);
  return withTransaction(ctx, async (tx, txCtx) => {
    await requireOrganizationAdmin(tx, actor.userId, input.organizationId);
    const [org] = await tx
      .select({ name: organizations.name })
      .from(organizations)
      .where(eq(organizations.id, input.organizationId));
    if (!org) throw new Error("organization vanished");

    const invited = await issueInvitation(txCtx, {
      ...input,
      organizationName: org.name,
      invitedByUserId: actor.userId,
    });
    await recordAccess(tx, {
      at: ctx.clock.now(),
      actorUserId: actor.userId,
      actorOrganizationId: input.organizationId,
      action: invited.resent ? "member.reinvite" : "member.invite",
      subjectType: "member",
      subjectId: invited.membershipId,
      organizationId: input.organizationId,
      details: { role: input.role },
    });
    return { member: await readMember(tx, invited.membershipId), resent: invited.resent };
  });
}
