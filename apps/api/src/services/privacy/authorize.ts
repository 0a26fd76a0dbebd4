import { canManageResidentPrivacy } from "@schakel/core";
import { type Database, memberships } from "@schakel/db";
import { and, eq } from "drizzle-orm";
import { forbidden, notFound } from "../../lib/problem";

/**
 * The actor must be an active admin of the organization: outside it 404 (its data does not exist
 * for them), a worker or coordinator of it 403.
 */
export async function requirePrivacyAdmin(
  db: Database,
  userId: string,
  organizationId: string,
  details: { notFound: string; forbidden: string },
) {
  const [membership] = await db
    .select({ id: memberships.id, role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.organizationId, organizationId), eq(memberships.status, "active")));
  if (!membership) throw notFound(details.notFound);
  if (!canManageResidentPrivacy(membership.role)) throw forbidden(details.forbidden);
  return membership;
}
