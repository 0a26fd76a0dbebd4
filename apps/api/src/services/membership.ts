import { caseworkerRoles, type Role } from "@schakel/core";
import { type Database, memberships } from "@schakel/db";
import { and, eq, inArray } from "drizzle-orm";
import { notFound } from "../lib/problem";

/** The organizations where the user is an active member with one of these roles. */
export async function activeOrganizationIds(db: Database, userId: string, roles: readonly Role[] = caseworkerRoles) {
  const rows = await db
    .select({ organizationId: memberships.organizationId })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.status, "active"), inArray(memberships.role, [...roles])));
  return new Set(rows.map((r) => r.organizationId));
}

/**
 * The actor must be an active worker or admin of the organization. Anyone else gets 404: residents
 * and referrals of another organization do not exist for them. (Coordinators see aggregates only.)
 */
export async function requireCaseworker(
  db: Database,
  userId: string,
  organizationId: string,
  what = "Dit bestaat niet of is niet van jouw organisatie.",
) {
  const ids = await activeOrganizationIds(db, userId);
  if (!ids.has(organizationId)) throw notFound(what);
}
