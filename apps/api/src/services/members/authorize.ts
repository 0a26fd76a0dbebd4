import { canManageMembers } from "@schakel/core";
import { type Database, memberships } from "@schakel/db";
import { and, eq } from "drizzle-orm";
import { forbidden, notFound } from "../../lib/problem";

/**
 * The actor must be an active admin of the organization. Someone outside it gets 404, never a
 * hint that the organization's members exist; a member without the admin role gets 403.
 */
export async function requireOrganizationAdmin(
  db: Database,
  userId: string,
  organizationId: string,
  forbiddenDetail = "Alleen beheerders van deze organisatie kunnen leden beheren.",
) {
  const [membership] = await db
    .select({ id: memberships.id, role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.organizationId, organizationId), eq(memberships.status, "active")));
  if (!membership) throw notFound("Deze organisatie bestaat niet of je bent er geen lid van.");
  if (!canManageMembers(membership.role)) throw forbidden(forbiddenDetail);
  return membership;
}
