/** A member's role within one organization. */
export const roles = ["worker", "admin", "coordinator"] as const;
export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, string> = {
  worker: "Medewerker",
  admin: "Beheerder",
  coordinator: "Netwerkcoördinator",
};

/** Only an organization's admins manage its members (and, later, its services and tokens). */
export function canManageMembers(role: Role): boolean {
  return role === "admin";
}

/** The roles that work on residents and referrals; coordinators see aggregates only. */
export const caseworkerRoles = ["worker", "admin"] as const satisfies readonly Role[];

export function isCaseworker(role: Role): boolean {
  return (caseworkerRoles as readonly Role[]).includes(role);
}

/** Only admins read the access log and export or erase a resident's data (AVG). */
export function canManageResidentPrivacy(role: Role): boolean {
  return role === "admin";
}
