import type { MembershipStatus } from "@schakel/core";
import { memberships, users } from "@schakel/db";
import { sql } from "drizzle-orm";

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
