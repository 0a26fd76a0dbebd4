/**
 * Who hears of what on a referral, and how (DESIGN.md "Late feedback"). Every notice is
 * information-poor — a reference, the service, what happened — never the resident.
 */
import { z } from "zod";

/** A referral's short reference, for mails, digests and lists: "V-1042". Says nothing about the resident. */
export const formatReference = (reference: number) => `V-${reference}`;

/** What a notification is about; the digest counts per kind. */
export const notificationKinds = [
  "referral_new",
  "referral_message",
  "referral_driegesprek",
  "referral_withdrawn",
  "referral_assigned",
  "referral_moved",
  "escalation_reminder",
  "escalation_late",
  "referral_expired",
  "consent_expiring",
  "consent_expired",
  "webhook_failed",
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

export const notificationKindLabels: Record<NotificationKind, string> = {
  referral_new: "Nieuwe verwijzingen",
  referral_message: "Nieuwe berichten",
  referral_driegesprek: "Driegesprek gewijzigd",
  referral_withdrawn: "Ingetrokken verwijzingen",
  referral_assigned: "Aan jou gegeven",
  referral_moved: "Nieuwe status",
  escalation_reminder: "Herinneringen: nog niet gereageerd",
  escalation_late: "Te laat: de ontvanger heeft niet gereageerd",
  referral_expired: "Verlopen verwijzingen",
  consent_expiring: "Toestemming loopt bijna af",
  consent_expired: "Gestopt: toestemming verlopen",
  webhook_failed: "Webhooks niet afgeleverd",
};

/** How a person wants their mail: one per event, or one digest a working day (urgent ones always at once). */
export const mailModes = ["each", "digest"] as const;
export type MailMode = (typeof mailModes)[number];
export const DEFAULT_MAIL_MODE: MailMode = "digest";

export const mailModeLabels: Record<MailMode, string> = {
  each: "Een e-mail bij elke gebeurtenis",
  digest: "Eén overzicht per werkdag om 08:00",
};

/** The digest goes out at this hour, Europe/Amsterdam, on working days. */
export const DIGEST_HOUR = 8;

/** Whether a notice goes out by mail now, or waits for the person's digest. */
export function mailsAtOnce(mode: MailMode, urgent: boolean): boolean {
  return urgent || mode === "each";
}

/** A person's notification settings, as the settings page sends them. */
export const NotificationSettingsSchema = z.object({
  mailMode: z.enum(mailModes, { error: "Kies hoe je e-mail wilt krijgen." }),
  /** Admins only: also be told of every new referral to their organization, not only when it concerns them. */
  allReferrals: z.boolean(),
});
export type NotificationSettings = z.infer<typeof NotificationSettingsSchema>;
