import { z } from "zod";
import { PASSWORD_MAX_LENGTH } from "./accounts";
import { EmailSchema, PersonNameSchema } from "./fields";
import { roleLabels, roles } from "./roles";

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

const roleMessage = `Kies een rol: ${roles
  .map((r) => roleLabels[r].toLowerCase())
  .join(", ")
  .replace(/, ([^,]*)$/, " of $1")}.`;

/** Inviting someone to an organization: an invitation link goes to this address. */
export const MemberInviteSchema = z.object({
  email: EmailSchema,
  name: PersonNameSchema,
  role: z.enum(roles, { error: roleMessage }),
});
export type MemberInvite = z.infer<typeof MemberInviteSchema>;

/** An admin changes a member's role, or (de)activates them; at least one of the two. */
export const MemberUpdateSchema = z
  .object({
    role: z.enum(roles, { error: roleMessage }).optional(),
    status: z.enum(["active", "deactivated"], { error: "Kies actief of gedeactiveerd." }).optional(),
  })
  .refine((v) => v.role !== undefined || v.status !== undefined, { message: "Geef een rol of status op." });
export type MemberUpdate = z.infer<typeof MemberUpdateSchema>;

/**
 * Accepting an invitation. The password's minimum length is checked by the API with
 * passwordProblem, since someone with an account already gives their current password.
 */
export const InvitationAcceptanceSchema = z.object({
  token: z.string().min(10, "Deze uitnodigingslink is niet compleet.").max(200, "Deze uitnodigingslink klopt niet."),
  password: z.string().max(PASSWORD_MAX_LENGTH, `Kies een wachtwoord van hoogstens ${PASSWORD_MAX_LENGTH} tekens.`),
});
export type InvitationAcceptance = z.infer<typeof InvitationAcceptanceSchema>;
