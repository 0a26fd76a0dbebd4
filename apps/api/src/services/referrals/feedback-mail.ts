import {
  type ExpiryReason,
  expiryReasonLabels,
  formatReference,
  outcomeLabels,
  type ReferralViewStatus,
  referralViewStatusLabels,
  senderCanSee,
  senderIsTold,
  senderVisibleStatus,
} from "@schakel/core";
import { type Database, organizations, services } from "@schakel/db";
import { eq } from "drizzle-orm";
import type { TransactionContext } from "../context";
import type { ReferralRow } from "./access";
import { type EventMail, notify } from "./events";
import { receiverHasAccess } from "./view";

const euros = (cents: number) => new Intl.NumberFormat("nl-NL", { style: "currency", currency: "EUR" }).format(cents / 100);

/**
 * What happened, in one sentence for the sender, as far as they may know it: never the
 * resident's name or details, never free text (a note or reason may hold personal data).
 */
export function senderMoveSentence(input: {
  receiverName: string;
  before: ReferralViewStatus | null;
  after: ReferralViewStatus;
  byConsentWithdrawal: boolean;
  /** Why an expired referral expired (the receiver's silence unless said otherwise). */
  expiryReason?: ExpiryReason | null;
  outcome?: { outcome: keyof typeof outcomeLabels | null; moneyOutcomeCents: number | null };
}): string {
  const org = input.receiverName;
  switch (input.after) {
    case "received":
      return `${org} heeft de verwijzing ontvangen.`;
    case "accepted":
      return input.before === "on_hold" ? `${org} heeft de hulp hervat.` : `${org} heeft de verwijzing geaccepteerd.`;
    case "declined":
      return `${org} heeft de verwijzing afgewezen. In Schakel zie je waarom, en of ${org} een andere dienst voorstelt.`;
    case "in_contact":
      return input.before === "on_hold" ? `${org} heeft de hulp hervat.` : `${org} heeft contact gelegd met de inwoner.`;
    case "in_progress":
      return input.before === "on_hold" ? `${org} heeft de hulp hervat.` : `${org} is met de hulp begonnen.`;
    case "on_hold":
      return `${org} heeft de hulp gepauzeerd.`;
    case "completed": {
      const parts = [`${org} heeft de hulp afgerond.`];
      if (input.outcome?.outcome) parts.push(`Uitkomst: ${outcomeLabels[input.outcome.outcome].toLowerCase()}.`);
      if (input.outcome?.moneyOutcomeCents) parts.push(`Financieel resultaat: ${euros(input.outcome.moneyOutcomeCents)}.`);
      return parts.join(" ");
    }
    case "not_reached":
      return `${org} heeft de inwoner niet kunnen bereiken en de verwijzing afgesloten.`;
    case "closed":
      return `${org} heeft de verwijzing afgesloten.`;
    case "withdrawn":
      return input.byConsentWithdrawal
        ? "De verwijzing is ingetrokken, omdat de inwoner de toestemming heeft ingetrokken."
        : "De verwijzing is ingetrokken.";
    case "expired":
      if (input.expiryReason === "consent_expired") {
        return "De toestemming van de inwoner is verlopen, dus de verwijzing is gestopt. Is er nog hulp nodig, vraag dan opnieuw toestemming en verwijs opnieuw.";
      }
      return `${org} heeft niet op tijd gereageerd en de verwijzing is verlopen. Verwijs zo nodig naar een andere dienst.`;
    case "sent":
      return "De verwijzing is verstuurd.";
  }
}

async function names(db: Database, referral: ReferralRow) {
  const [service] = await db.select({ name: services.name }).from(services).where(eq(services.id, referral.serviceId));
  const [receiver] = await db
    .select({ name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, referral.receiverOrganizationId));
  return { service: service?.name ?? "een dienst", receiver: receiver?.name ?? "De ontvangende organisatie" };
}

/**
 * Tells the referring worker of a move, in the app and by e-mail (as they chose: at once or in
 * their digest; the mail says `senderMoveSentence`), within the resident's feedback
 * level (core `senderCanSee` / `senderIsTold`): a move they may not see is not told at all.
 * Moves made by the sending side itself are not told back to it.
 */
export async function tellSenderOfMove(
  tx: TransactionContext,
  input: { before: ReferralRow; after: ReferralRow; at: Date; actorOrganizationId: string | null },
) {
  const { db } = tx;
  const { before, after } = input;
  if (!after.senderUserId || input.actorOrganizationId === after.senderOrganizationId) return;
  const { feedbackLevel } = await receiverHasAccess(db, after, input.at);
  const seenBefore = senderVisibleStatus(feedbackLevel, before);
  const seen = senderCanSee(feedbackLevel, after);
  if (!senderIsTold(feedbackLevel, seenBefore, seen.status)) return;

  const name = await names(db, after);
  const outcome = seen.outcome ? ` (${outcomeLabels[seen.outcome].toLowerCase()})` : "";
  const label = referralViewStatusLabels[seen.status].toLowerCase();
  const sentence = senderMoveSentence({
    receiverName: name.receiver,
    before: seenBefore,
    after: seen.status,
    byConsentWithdrawal: after.status === "withdrawn" && input.actorOrganizationId === null,
    expiryReason: after.expiryReason,
    outcome: seen,
  });
  const byConsentExpiry = after.status === "expired" && after.expiryReason === "consent_expired";
  await notify(tx, {
    to: { users: [after.senderUserId] },
    kind: byConsentExpiry ? "consent_expired" : after.status === "expired" ? "referral_expired" : "referral_moved",
    referral: after,
    text: byConsentExpiry
      ? `Verwijzing ${formatReference(after.reference)} naar ${name.service} is gestopt: ${expiryReasonLabels.consent_expired.toLowerCase()}`
      : `Verwijzing naar ${name.service}: ${label}${outcome}.`,
    at: input.at,
    mail: { subject: `Verwijzing naar ${name.service}: ${label}`, lines: [sentence] },
  });
}

/**
 * The mail to the sending side that the receiving side wrote a message on the referral — that
 * there is one, never what it says. It goes with the in-app notice (notify), by the sender's
 * choice; messages are addressed to the sender, so this goes at every feedback level.
 */
export async function senderMessageMail(db: Database, referral: ReferralRow): Promise<EventMail> {
  const name = await names(db, referral);
  return {
    subject: `Nieuw bericht over de verwijzing naar ${name.service}`,
    lines: [`${name.receiver} heeft een bericht gestuurd over de verwijzing.`],
  };
}
