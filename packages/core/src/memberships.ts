/** A membership is invited (link sent, no password yet), active, or deactivated. */
export const membershipStatuses = ["invited", "active", "deactivated"] as const;
export type MembershipStatus = (typeof membershipStatuses)[number];

export const membershipStatusLabels: Record<MembershipStatus, string> = {
  invited: "Uitgenodigd",
  active: "Actief",
  deactivated: "Gedeactiveerd",
};

/** An invitation link may be used once, within this many hours. */
export const INVITATION_VALID_HOURS = 72;

export function invitationExpiresAt(issuedAt: Date): Date {
  return new Date(issuedAt.getTime() + INVITATION_VALID_HOURS * 60 * 60 * 1000);
}

/**
 * Whether an admin may move a membership from one status to another.
 * Invited members are activated only by accepting their invitation, never by an admin.
 */
export function canChangeMembershipStatus(from: MembershipStatus, to: MembershipStatus): boolean {
  if (from === to) return true;
  if (to === "deactivated") return true;
  return from === "deactivated" && to === "active";
}
