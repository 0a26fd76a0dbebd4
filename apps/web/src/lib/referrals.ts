import type { Schemas } from "@schakel/api-client";
import { closedViewStatuses, formatReference, type ReferralViewStatus, referralViewStatusLabels } from "@schakel/core";

export type Referral = Schemas["Referral"];
export type ReferralSummary = Schemas["ReferralSummary"];
export type ReferralEvent = Schemas["ReferralEvent"];
export type ReferralMessage = Schemas["ReferralMessage"];
export type ContactAttempt = Schemas["ContactAttempt"];
export type Driegesprek = Schemas["Driegesprek"];
export type Notification = Schemas["Notification"];
export type Consent = Schemas["Consent"];
export type ReferralActor = Schemas["ReferralActor"];

/** The status a side sees, in Dutch: "Ontvangen", "Afgesloten"… */
export function statusLabel(status: ReferralViewStatus): string {
  return referralViewStatusLabels[status];
}

export function isClosed(status: ReferralViewStatus): boolean {
  return (closedViewStatuses as readonly ReferralViewStatus[]).includes(status);
}

/** A referral's short reference as mails and lists show it: "V-1042". */
export const referenceText = (reference: number) => formatReference(reference);

/** The NL Design System status badge variant for a status. */
export function statusBadgeClass(status: ReferralViewStatus): string {
  switch (status) {
    case "completed":
      return "utrecht-status-badge schakel-status schakel-status--done";
    case "declined":
    case "not_reached":
    case "expired":
    case "withdrawn":
    case "closed":
      return "utrecht-status-badge schakel-status schakel-status--closed";
    case "on_hold":
      return "utrecht-status-badge schakel-status schakel-status--paused";
    default:
      return "utrecht-status-badge schakel-status schakel-status--open";
  }
}

/** The value for If-Match: the ETag the API gave, which is the version in quotes. */
export function ifMatch(referral: Pick<Referral, "version">): string {
  return `"${referral.version}"`;
}

/** Who did something, as this side may see it: "Jan (Plangroep)", "Plangroep", "Schakel". */
export function actorText(actor: ReferralActor): string {
  if (actor.side === "system" || !actor.organization) return "Schakel";
  if (actor.user) return `${actor.user.name} (${actor.organization.name})`;
  if (actor.apiToken) return `${actor.organization.name}, via koppeling ${actor.apiToken.name}`;
  return actor.organization.name;
}

/** A datetime-local value ("2026-11-26T10:00") as an RFC 3339 instant, or null when it is no date. */
export function localToIso(value: string): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** An instant as a datetime-local value in the browser's time zone. */
export function isoToLocal(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** "2.500,50" or "2500" euros as cents; null when it is no amount. */
export function eurosToCents(value: string): number | null {
  const cleaned = value.replace(/[€\s]/g, "").replace(/\./g, "").replace(",", ".");
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return null;
  return Math.round(Number(cleaned) * 100);
}

const euro = new Intl.NumberFormat("nl-NL", { style: "currency", currency: "EUR" });

export function formatCents(cents: number): string {
  return euro.format(cents / 100);
}

/** A fresh key for one wizard submission (reused on retry). */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
