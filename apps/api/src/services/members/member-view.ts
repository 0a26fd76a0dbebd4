import type { MembershipStatus } from "@schakel/core";
import { memberships, users } from "@schakel/db";

export const memberColumns = {
  id: memberships.id,
  userId: users.id,
  name: users.name,
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
