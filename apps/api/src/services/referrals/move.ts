import {
  type ExpiryReason,
  isFinal,
  type Outcome,
  openStatuses,
  type ReferralStatus,
  referralStatusLabels,
  senderCanSee,
} from "@schakel/core";
import { referrals, services } from "@schakel/db";
import { and, eq, inArray } from "drizzle-orm";
import type { TransactionContext } from "../context";
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
      senderVersion: senderSees(feedbackLevel, referral, { status: move.to, pausedFrom, ...outcome })
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
  });
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
  return updated;
}

/**
 * Whether the sender sees the move: what core lets them see (status, outcome, amount) differs
 * before and after it. Only then does the version they are shown (their ETag) change.
 */
function senderSees(
  level: Parameters<typeof senderCanSee>[0],
  before: Parameters<typeof senderCanSee>[1],
  after: Parameters<typeof senderCanSee>[1],
): boolean {
  const a = senderCanSee(level, before);
  const b = senderCanSee(level, after);
  return a.status !== b.status || a.outcome !== b.outcome || a.moneyOutcomeCents !== b.moneyOutcomeCents;
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
 * receiver keeps the status history but no longer sees the resident.
 */
export async function withdrawReferralsForConsent(tx: TransactionContext, consentId: string, at: Date) {
  const open = await tx.db
    .select()
    .from(referrals)
    .where(and(eq(referrals.consentId, consentId), inArray(referrals.status, openStatuses)))
    .for("update");
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
