import { formatReference, partnerLinkAllowedMoves, referralStatusLabels } from "@schakel/core";
import { type Database, organizations, type partnerLinks, services, users } from "@schakel/db";
import { eq } from "drizzle-orm";
import { admitLoginAttempt, recordLoginAttempt } from "../../auth/throttle";
import { tooManyRequests } from "../../lib/problem";
import { recordAccess } from "../access-log";
import type { ServiceContext } from "../context";
import type { ReferralRow } from "../referrals/access";

type LinkRow = typeof partnerLinks.$inferSelect;

/** One throttle for every link guess from an address (ADR 0022's counters, their own account key). */
const THROTTLE_KEY = "partner-link";

/** Admits one use of a link from this address, or 429 after too many refused ones. */
export async function admitPartnerLinkUse(ctx: ServiceContext, address: string) {
  const admission = await admitLoginAttempt(ctx.db, { accountKey: THROTTLE_KEY, address, now: ctx.clock.now() });
  if (!admission.admitted) {
    throw tooManyRequests(
      `Er zijn vanaf dit adres te veel links geprobeerd die niet werken. Probeer het over ${admission.retryAfterSeconds} seconden opnieuw.`,
      admission.retryAfterSeconds,
    );
  }
}

/** A link that worked gives its attempt back, as a successful sign-in does. */
export async function partnerLinkUseSucceeded(ctx: ServiceContext, address: string) {
  await recordLoginAttempt(ctx.db, { accountKey: THROTTLE_KEY, address, succeeded: true, at: ctx.clock.now() });
}

/**
 * What a link shows (ADR 0029): the service, the reference, the status, the sending organization's
 * contact route and the worker's name, the steps it can take — never anything about the resident.
 */
export async function partnerLinkView(db: Database, link: LinkRow, referral: ReferralRow) {
  const [service] = await db
    .select({ id: services.id, name: services.name })
    .from(services)
    .where(eq(services.id, referral.serviceId));
  const [receiver] = await db
    .select({ name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, referral.receiverOrganizationId));
  const [sender] = await db
    .select({ name: organizations.name, email: organizations.email, phone: organizations.phone })
    .from(organizations)
    .where(eq(organizations.id, referral.senderOrganizationId));
  const [worker] = referral.senderUserId
    ? await db.select({ name: users.name }).from(users).where(eq(users.id, referral.senderUserId))
    : [];
  return {
    reference: formatReference(referral.reference),
    status: referral.status,
    statusLabel: referralStatusLabels[referral.status],
    urgent: referral.urgency === "urgent",
    sentAt: referral.createdAt.toISOString(),
    service: { id: referral.serviceId, name: service?.name ?? "" },
    receiver: { name: receiver?.name ?? "" },
    sender: {
      organizationName: sender?.name ?? "",
      email: sender?.email ?? null,
      phone: sender?.phone ?? null,
      workerName: worker?.name ?? null,
    },
    allowedMoves: partnerLinkAllowedMoves(referral.status, referral.pausedFrom),
    expiresAt: link.expiresAt.toISOString(),
  };
}

/** Every use of a link goes in the receiving organization's access log, by nobody signed in. */
export async function logPartnerLinkUse(
  db: Database,
  input: { at: Date; link: LinkRow; referral: ReferralRow; action: "partner_link.view" | "partner_link.move"; to?: string },
) {
  await recordAccess(db, {
    at: input.at,
    actorUserId: null,
    actorOrganizationId: input.referral.receiverOrganizationId,
    action: input.action,
    subjectType: "referral",
    subjectId: input.referral.id,
    organizationId: input.referral.receiverOrganizationId,
    details: { partnerLinkId: input.link.id, referralId: input.referral.id, ...(input.to ? { to: input.to } : {}) },
  });
}
