import type { OrganizationCreate } from "@schakel/core";
import { recordAccess } from "../access-log";
import { requireActor, type ServiceContext, withTransaction } from "../context";
import { readMember } from "../members/member-view";
import { addOrganizationToNetwork, requireNetworkAdmin } from "./network";

/**
 * A network admin adds an organization to the network and invites its first admin. The new
 * organization's own log records who added it (the network admin is no member of it).
 */
export async function createOrganization(ctx: ServiceContext, input: OrganizationCreate) {
  const actor = requireActor(ctx);
  return withTransaction(ctx, async (tx, txCtx) => {
    await requireNetworkAdmin(tx, actor.userId);
    const { organization, invitation } = await addOrganizationToNetwork(txCtx, { ...input, invitedByUserId: actor.userId });
    await recordAccess(tx, {
      at: ctx.clock.now(),
      actorUserId: actor.userId,
      actorOrganizationId: null,
      action: "organization.create",
      subjectType: "organization",
      subjectId: organization.id,
      organizationId: organization.id,
      details: { firstAdminMembershipId: invitation.membershipId },
    });
    return { organization, admin: await readMember(tx, invitation.membershipId) };
  });
}
