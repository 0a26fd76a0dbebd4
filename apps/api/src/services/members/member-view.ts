import type { MembershipStatus } from "@schakel/core";
import { type Database, invitations, memberships, users } from "@schakel/db";
import { and, eq, isNull, max, sql } from "drizzle-orm";

/**
 * A member's name as their organization's admins see it: while invited, the name the admin typed
 * (never the name of an account the address may already have); once they accepted, their own.
 */
export const memberName = sql<string>`case when ${memberships.status} = 'invited' then coalesce(${memberships.invitedName}, ${users.name}) else ${users.name} end`;

export const memberColumns = {
  id: memberships.id,
  userId: users.id,
  name: memberName,
  email: users.email,
  role: memberships.role,
  status: memberships.status,
  createdAt: memberships.createdAt,
};

export function toMember(row: {
  id: string;
  userId: string;
  name: string;
  email: string;
  role: (typeof memberships.$inferSelect)["role"];
  status: MembershipStatus;
  createdAt: Date;
  invitationExpiresAt: Date | null;
}) {
  return {
    ...row,
    createdAt: row.createdAt.toISOString(),
    invitationExpiresAt: row.status === "invited" && row.invitationExpiresAt ? row.invitationExpiresAt.toISOString() : null,
  };
}

/** One membership as its admins see it, with the expiry of its open invitation. */
export async function readMember(db: Database, membershipId: string) {
  const [row] = await db
    .select({ ...memberColumns, invitationExpiresAt: max(invitations.expiresAt) })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(invitations, and(eq(invitations.membershipId, memberships.id), isNull(invitations.usedAt)))
    .where(eq(memberships.id, membershipId))
    .groupBy(memberships.id, users.id);
  if (!row) throw new Error("membership vanished");
  return toMember(row);
}
