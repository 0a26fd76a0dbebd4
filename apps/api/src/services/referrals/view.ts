import {
  allowedMoves,
  consentIsValid,
  type DataCategory,
  dueDateOf,
  type FeedbackLevel,
  isFinal,
  reachRoute,
  referralFieldCategories,
  senderCanSee,
} from "@schakel/core";
import { consents, type Database, organizations, referrals, residents, services, users } from "@schakel/db";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { ReferralRow, Side } from "./access";

type ConsentRow = typeof consents.$inferSelect;

/**
 * Whether the receiver may see the resident's personal data now, given the referral's consent
 * (loaded by the caller): under consent only while it is valid; under the Wgs while the referral
 * exists. Also what the sender may hear back: the consent's feedback level, `status` under the Wgs.
 */
export function receiverAccess(
  referral: Pick<ReferralRow, "lawfulBasis" | "consentId">,
  consent: Pick<ConsentRow, "validUntil" | "withdrawnAt" | "feedbackLevel"> | null | undefined,
  now: Date,
): { access: boolean; feedbackLevel: FeedbackLevel } {
  if (referral.lawfulBasis === "wgs_task" || !referral.consentId)
    return { access: referral.lawfulBasis === "wgs_task", feedbackLevel: "status" };
  if (!consent) return { access: false, feedbackLevel: "contact_only" };
  return { access: consentIsValid(consent, now), feedbackLevel: consent.feedbackLevel };
}

/** receiverAccess for one referral, loading its consent. */
export async function receiverHasAccess(
  db: Database,
  referral: ReferralRow,
  now: Date,
): Promise<{ access: boolean; feedbackLevel: FeedbackLevel }> {
  const [consent] = referral.consentId ? await db.select().from(consents).where(eq(consents.id, referral.consentId)) : [];
  return receiverAccess(referral, consent, now);
}

const has = (categories: readonly DataCategory[], c: DataCategory) => categories.includes(c);

/** One referral as the given side may see it. */
export async function referralView(db: Database, referral: ReferralRow, side: Side, now: Date) {
  const [resident] = await db.select().from(residents).where(eq(residents.id, referral.residentId));
  const serviceIds = [referral.serviceId, ...(referral.suggestedServiceId ? [referral.suggestedServiceId] : [])];
  const serviceRows = await db
    .select({ id: services.id, name: services.name })
    .from(services)
    .where(inArray(services.id, serviceIds));
  const service = serviceRows.find((s) => s.id === referral.serviceId);
  const suggested = serviceRows.find((s) => s.id === referral.suggestedServiceId);
  // The sender's own chain: the referral this one follows up, and the one that followed it up.
  const [followUp] =
    side === "sender"
      ? await db
          .select({ id: referrals.id })
          .from(referrals)
          .where(
            and(eq(referrals.previousReferralId, referral.id), eq(referrals.senderOrganizationId, referral.senderOrganizationId)),
          )
          .orderBy(asc(referrals.createdAt), asc(referrals.id))
          .limit(1)
      : [];
  const orgs = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(inArray(organizations.id, [referral.senderOrganizationId, referral.receiverOrganizationId]));
  const org = (id: string) => ({ id, name: orgs.find((o) => o.id === id)?.name ?? "" });
  const [referringWorker] = referral.senderUserId
    ? await db.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, referral.senderUserId))
    : [];
  const { access, feedbackLevel } = await receiverHasAccess(db, referral, now);
  // Why the receiver no longer sees the resident: the consent was withdrawn, or it ran out.
  const [consent] =
    side === "receiver" && !access && referral.consentId
      ? await db.select({ withdrawnAt: consents.withdrawnAt }).from(consents).where(eq(consents.id, referral.consentId))
      : [];
  const consentEnded: "withdrawn" | "expired" | null = consent ? (consent.withdrawnAt ? "withdrawn" : "expired") : null;

  const residentAccess: "full" | "consented" | "none" = side === "sender" ? "full" : access ? "consented" : "none";
  const sees = (c: DataCategory) =>
    residentAccess === "full" || (residentAccess === "consented" && has(referral.dataCategories, c));
  const contact = sees("contact") && resident && !resident.anonymizedAt;
  const birth = sees("birthdate") && resident && !resident.anonymizedAt;
  const notes = Object.fromEntries(
    Object.entries(referral.categoryNotes).filter(([c]) => sees(c as DataCategory)),
  ) as ReferralRow["categoryNotes"];
  // The sender sees the progress only as far as the resident's feedback level allows.
  const progress = side === "receiver" ? referral : senderCanSee(feedbackLevel, referral);

  return {
    id: referral.id,
    reference: referral.reference,
    status: progress.status,
    // The sender's version changes only with what they can see (a hidden move leaves their ETag).
    version: side === "sender" ? referral.senderVersion : referral.version,
    service: { id: referral.serviceId, name: service?.name ?? "" },
    sender: org(referral.senderOrganizationId),
    receiver: org(referral.receiverOrganizationId),
    side,
    lawfulBasis: referral.lawfulBasis,
    feedbackLevel,
    dataCategories: referral.dataCategories,
    residentAccess,
    // The sender's own records, so it can act on them (e.g. withdraw the consent) from any device.
    residentId: side === "sender" ? referral.residentId : null,
    consentId: side === "sender" ? referral.consentId : null,
    resident:
      contact || birth
        ? {
            name: contact ? resident.name : null,
            birthDate: birth ? resident.birthDate : null,
            birthYear: birth ? resident.birthYear : null,
            address: contact ? resident.address : null,
            postcode: contact ? resident.postcode : null,
            phone: contact ? resident.phone : null,
            email: contact ? resident.email : null,
            preferredChannel: contact ? resident.preferredChannel : null,
            language: contact ? resident.language : null,
          }
        : null,
    request: sees("request") ? referral.request : null,
    categoryNotes: notes,
    lifeDomains: sees(referralFieldCategories.lifeDomains) ? referral.lifeDomains : [],
    urgency: referral.urgency,
    urgencyReason: sees(referralFieldCategories.urgencyReason) ? referral.urgencyReason : null,
    preferredChannel: sees("contact") ? referral.preferredChannel : null,
    reachableViaSender: referral.reachableViaSender,
    reachVia: reachRoute({ reachableViaSender: referral.reachableViaSender, seesContact: Boolean(contact) }),
    referringWorker: referringWorker ?? null,
    driegesprekWanted: referral.driegesprekWanted,
    safetyFlag: sees("safety") ? referral.safetyFlag : false,
    responseTargetDays: referral.responseTargetDays,
    lastMoveAt: referral.lastMoveAt.toISOString(),
    // The target of the current status over the receiver's working days, as the ladder counts it (dueAt).
    dueDate: dueDateOf(referral.dueAt),
    overdue: !isFinal(referral.status) && now.getTime() >= referral.dueAt.getTime(),
    // A referral whose consent ran out has stopped: the receiver has no move left (requireConsentInForce).
    allowedMoves: side === "receiver" && !access ? [] : allowedMoves(referral.status, side, referral.pausedFrom ?? undefined),
    declineReason: referral.declineReason,
    suggestedServiceId: referral.suggestedServiceId,
    suggestedService: suggested ?? null,
    expiryReason: referral.expiryReason,
    consentEnded,
    lateSince: referral.lateSince?.toISOString() ?? null,
    previousReferralId: side === "sender" ? referral.previousReferralId : null,
    followUpReferralId: followUp?.id ?? null,
    outcome: progress.outcome,
    moneyOutcomeCents: progress.moneyOutcomeCents,
    // Which colleague of the receiver took it up is the receiver's own business (as in the timeline).
    assignedUserId: side === "receiver" ? referral.assignedUserId : null,
    createdAt: referral.createdAt.toISOString(),
    closedAt: referral.closedAt?.toISOString() ?? null,
  };
}

export type ReferralView = Awaited<ReturnType<typeof referralView>>;
