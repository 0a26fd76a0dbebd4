import {
  outcomeLabels,
  type ReferralViewStatus,
  referralViewStatusLabels,
  senderCanSee,
  senderIsTold,
  senderVisibleStatus,
} from "@schakel/core";
import { type Database, organizations, services, users } from "@schakel/db";
import { eq } from "drizzle-orm";
import { deliverPendingMail, enqueueMail } from "../../mail/outbox";
import type { ServiceContext } from "../context";
import { activeOrganizationIds } from "../membership";
import type { ReferralRow } from "./access";
import { notify } from "./events";
import { receiverHasAccess } from "./view";

/**
 * The e-mails one request writes to the outbox, to deliver as soon as its transaction commits.
 * Create one per request with `mailBatch(ctx)`, pass it to whatever may mail (applyMove,
 * mailSenderOfMessage), then call `deliverMailBatch(ctx, batch)` after the transaction. Mails
 * that fail then are retried by the housekeeping loop; none is lost.
 */
export interface MailBatch {
  /** PUBLIC_URL, or the origin of the request: links in the mails start here. */
  baseUrl: string;
  ids: string[];
}

export function mailBatch(ctx: ServiceContext): MailBatch {
  return { baseUrl: (ctx.baseUrl ?? ctx.config.publicUrl ?? "http://localhost:3000").replace(/\/$/, ""), ids: [] };
}

/** Tries the batch's mails now (after commit). Never throws: what fails stays in the outbox for a retry. */
export async function deliverMailBatch(ctx: ServiceContext, batch: MailBatch) {
  await deliverPendingMail(ctx.db, ctx.mailer, ctx.clock.now(), { ids: batch.ids, logger: ctx.logger });
}

const referralLink = (batch: MailBatch, referralId: string) => `${batch.baseUrl}/verwijzingen/${referralId}`;

const FOOTER = [
  "",
  "Om de privacy van de inwoner te beschermen staan er in deze e-mail geen namen of andere gegevens.",
  "Je krijgt deze e-mail omdat je deze verwijzing hebt gestuurd.",
];

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

/** The referring worker's address, while they still work at the sending organization; else nobody. */
async function referringWorkerAddress(db: Database, referral: ReferralRow): Promise<string | null> {
  if (!referral.senderUserId) return null;
  const orgs = await activeOrganizationIds(db, referral.senderUserId);
  if (!orgs.has(referral.senderOrganizationId)) return null;
  const [user] = await db.select({ email: users.email }).from(users).where(eq(users.id, referral.senderUserId));
  return user?.email ?? null;
}

/**
 * Tells the referring worker of a move, in the app and by e-mail, within the resident's feedback
 * level (core `senderCanSee` / `senderIsTold`): a move they may not see is not told at all.
 * Moves made by the sending side itself are not told back to it.
 */
export async function tellSenderOfMove(
  db: Database,
  input: {
    before: ReferralRow;
    after: ReferralRow;
    at: Date;
    actorOrganizationId: string | null;
    mail: MailBatch;
  },
) {
  const { before, after } = input;
  if (!after.senderUserId || input.actorOrganizationId === after.senderOrganizationId) return;
  const { feedbackLevel } = await receiverHasAccess(db, after, input.at);
  const seenBefore = senderVisibleStatus(feedbackLevel, before);
  const seen = senderCanSee(feedbackLevel, after);
  if (!senderIsTold(feedbackLevel, seenBefore, seen.status)) return;

  const name = await names(db, after);
  const outcome = seen.outcome ? ` (${outcomeLabels[seen.outcome].toLowerCase()})` : "";
  const label = referralViewStatusLabels[seen.status].toLowerCase();
  await notify(db, {
    userIds: [after.senderUserId],
    referralId: after.id,
    text: `Verwijzing naar ${name.service}: ${label}${outcome}.`,
    at: input.at,
  });

  const to = await referringWorkerAddress(db, after);
  if (!to) return;
  const sentence = senderMoveSentence({
    receiverName: name.receiver,
    before: seenBefore,
    after: seen.status,
    byConsentWithdrawal: after.status === "withdrawn" && input.actorOrganizationId === null,
    outcome: seen,
  });
  const id = await enqueueMail(db, {
    to,
    subject: `Verwijzing naar ${name.service}: ${label}`,
    text: [
      sentence,
      "",
      `Dienst: ${name.service}`,
      "Bekijk de verwijzing in Schakel:",
      referralLink(input.mail, after.id),
      ...FOOTER,
    ].join("\n"),
    at: input.at,
  });
  input.mail.ids.push(id);
}

/**
 * E-mails the referring worker that the receiving side wrote a message on the referral — that
 * there is one, never what it says. (The in-app notification is the caller's.) Messages are
 * addressed to the sender, so this goes at every feedback level.
 */
export async function mailSenderOfMessage(db: Database, input: { referral: ReferralRow; at: Date; mail: MailBatch }) {
  const to = await referringWorkerAddress(db, input.referral);
  if (!to) return;
  const name = await names(db, input.referral);
  const id = await enqueueMail(db, {
    to,
    subject: `Nieuw bericht over de verwijzing naar ${name.service}`,
    text: [
      `${name.receiver} heeft een bericht gestuurd over de verwijzing.`,
      "",
      `Dienst: ${name.service}`,
      "Lees het bericht in Schakel:",
      referralLink(input.mail, input.referral.id),
      ...FOOTER,
    ].join("\n"),
    at: input.at,
  });
  input.mail.ids.push(id);
}
