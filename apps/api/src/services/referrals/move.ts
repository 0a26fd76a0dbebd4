import {
  type ExpiryReason,
  isFinal,
  type Outcome,
  openStatuses,
  type ReferralStatus,
  referralStatusLabels,
  senderSeesChange,
} from "@schakel/core";
import { referrals, services } from "@schakel/db";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { TransactionContext } from "../context";
import { partnerLightAfterMove } from "../partner-links/partner-light";
import { referralWebhook, statusChangedWebhook } from "../webhooks/referral-events";
import type { ReferralRow } from "./access";
import { notify, recordEvent } from "./events";
import { tellSenderOfMove } from "./feedback-mail";
import { ladderInputs, ladderState } from "./ladder";
import { receiverHasAccess } from "./view";

/**
 * Applies one allowed lifecycle move: the new status, version, move time, due instant and a new
 * escalation ladder (counted from this move; a final status has none; "te laat" is cleared), an
 * event both sides see, and — within the resident's feedback level — a notification and an
 * e-mail (delivered after commit) for the referring worker. Callers check that the move is allowed.
 */
export async function applyMove(
  tx: TransactionContext,
  referral: ReferralRow,
  move: {
    to: ReferralStatus;
    at: Date;
    actorUserId: string | null;
    actorOrganizationId: string | null;
    /** An organization's system moved it with this API token (ADR 0028). */
    actorApiTokenId?: string | null;
    note?: string | null;
    reason?: string | null;
    suggestedServiceId?: string | null;
    outcome?: Outcome | null;
    moneyOutcomeCents?: number | null;
    /** Why Schakel moved it to expired (system moves only). */
    expiryReason?: ExpiryReason | null;
    /** On the move's event, e.g. the partner link it was made with (ADR 0029). */
    details?: Record<string, unknown>;
  },
): Promise<ReferralRow> {
  const { db } = tx;
  const { settings, closed } = await ladderInputs(db, { ...referral, lastMoveAt: move.at });
  const ladder = ladderState(
    { status: move.to, urgency: referral.urgency, responseTargetDays: referral.responseTargetDays, lastMoveAt: move.at },
    settings,
    closed,
  );
  const pausedFrom = move.to === "on_hold" ? referral.status : null;
  const outcome =
    move.to === "completed"
      ? { outcome: move.outcome ?? null, moneyOutcomeCents: move.moneyOutcomeCents ?? null }
      : { outcome: referral.outcome, moneyOutcomeCents: referral.moneyOutcomeCents };
  const { feedbackLevel } = await receiverHasAccess(db, referral, move.at);
  const [updated] = await db
    .update(referrals)
    .set({
      status: move.to,
      pausedFrom,
      version: referral.version + 1,
      senderVersion: senderSeesChange(feedbackLevel, referral, { status: move.to, pausedFrom, ...outcome })
        ? referral.senderVersion + 1
        : referral.senderVersion,
      lastMoveAt: move.at,
      ...ladder,
      lateSince: null,
      updatedAt: move.at,
      ...(move.to === "declined"
        ? { declineReason: move.reason ?? null, suggestedServiceId: move.suggestedServiceId ?? null }
        : {}),
      ...(move.to === "completed"
        ? { outcome: move.outcome ?? null, moneyOutcomeCents: move.moneyOutcomeCents ?? null, outcomeNote: move.note ?? null }
        : {}),
      ...(move.to === "expired" ? { expiryReason: move.expiryReason ?? null } : {}),
      ...(isFinal(move.to) ? { closedAt: move.at } : {}),
      // The receiver's first answer (accepted or declined): the responsiveness figures on the kaart.
      ...(isFirstResponse(referral, move) ? { firstResponseAt: move.at } : {}),
    })
    .where(eq(referrals.id, referral.id))
    .returning();
  if (!updated) throw new Error("referral vanished");
  await recordEvent(db, {
    referralId: referral.id,
    at: move.at,
    actorUserId: move.actorUserId,
    actorOrganizationId: move.actorOrganizationId,
    actorApiTokenId: move.actorApiTokenId ?? null,
    type: "status_changed",
    fromStatus: referral.status,
    toStatus: move.to,
    note: move.note ?? move.reason ?? null,
    ...(move.details ? { details: move.details } : {}),
  });
  // The partner systems hear of it in this transaction, each side only as far as it sees it.
  await statusChangedWebhook(db, updated, { level: feedbackLevel, before: referral, after: updated, at: move.at });
  await tellSenderOfMove(tx, { before: referral, after: updated, at: move.at, actorOrganizationId: move.actorOrganizationId });
  if (move.actorOrganizationId !== referral.receiverOrganizationId && move.to === "withdrawn") {
    const [service] = await db.select({ name: services.name }).from(services).where(eq(services.id, referral.serviceId));
    const text = `Verwijzing naar ${service?.name ?? "een dienst"}: ${referralStatusLabels[move.to].toLowerCase()}.`;
    await notify(tx, {
      to: { receiverOf: updated },
      kind: "referral_withdrawn",
      referral: updated,
      text,
      at: move.at,
    });
  }
  // A partner-light receiver's link is stale now: its intake address gets the next one (ADR 0029).
  await partnerLightAfterMove(tx, updated, move.at);
  return updated;
}

function isFirstResponse(referral: ReferralRow, move: { to: ReferralStatus; actorOrganizationId: string | null }) {
  return (
    referral.firstResponseAt === null &&
    (move.to === "accepted" || move.to === "declined") &&
    move.actorOrganizationId === referral.receiverOrganizationId
  );
}

/**
 * Consent withdrawn: every open referral that rests on it is withdrawn by Schakel at once; the
 * receiver keeps the status history but no longer sees the resident. The partner systems of both
 * sides hear of it on every referral resting on the consent (closed ones too: the receiver no
 * longer sees the resident there either), and of each withdrawal as a status move.
 */
export async function withdrawReferralsForConsent(tx: TransactionContext, consentId: string, at: Date) {
  const open = await tx.db
    .select()
    .from(referrals)
    .where(and(eq(referrals.consentId, consentId), inArray(referrals.status, openStatuses)))
    .for("update");
  const resting = await tx.db
    .select({
      id: referrals.id,
      reference: referrals.reference,
      senderOrganizationId: referrals.senderOrganizationId,
      receiverOrganizationId: referrals.receiverOrganizationId,
    })
    .from(referrals)
    .where(eq(referrals.consentId, consentId))
    .orderBy(asc(referrals.createdAt), asc(referrals.id));
  for (const referral of resting) await referralWebhook(tx.db, referral, "nl.schakel.referral.consent-withdrawn", at);
  for (const referral of open) {
    await applyMove(tx, referral, {
      to: "withdrawn",
      at,
      actorUserId: null,
      actorOrganizationId: null,
      note: "De inwoner heeft de toestemming ingetrokken.",
    });
  }
}
