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
