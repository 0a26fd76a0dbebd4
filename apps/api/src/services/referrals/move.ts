import { isFinal, type Outcome, openStatuses, type ReferralStatus, referralStatusLabels, responseDueAt } from "@schakel/core";
import { type Database, referrals, services } from "@schakel/db";
import { and, eq, inArray } from "drizzle-orm";
import type { ServiceContext } from "../context";
import { withdrawConsent } from "../residents/residents";
import type { ReferralRow } from "./access";
import { notify, recordEvent } from "./events";
import { deliverMailBatch, type MailBatch, mailBatch, tellSenderOfMove } from "./feedback-mail";

/**
 * Applies one allowed lifecycle move: the new status, version, move time and due instant, an
 * event both sides see, and — within the resident's feedback level — a notification and an
 * e-mail (into `move.mail`, delivered after commit) for the referring worker. Callers check
 * that the move is allowed.
 */
export async function applyMove(
  db: Database,
  referral: ReferralRow,
  move: {
    to: ReferralStatus;
    at: Date;
    actorUserId: string | null;
    actorOrganizationId: string | null;
    note?: string | null;
    reason?: string | null;
    suggestedServiceId?: string | null;
    outcome?: Outcome | null;
    moneyOutcomeCents?: number | null;
    mail: MailBatch;
  },
): Promise<ReferralRow> {
  const [updated] = await db
    .update(referrals)
    .set({
      status: move.to,
      pausedFrom: move.to === "on_hold" ? referral.status : null,
      version: referral.version + 1,
      lastMoveAt: move.at,
      dueAt: responseDueAt(move.at, referral.responseTargetDays),
      updatedAt: move.at,
      ...(move.to === "declined"
        ? { declineReason: move.reason ?? null, suggestedServiceId: move.suggestedServiceId ?? null }
        : {}),
      ...(move.to === "completed"
        ? { outcome: move.outcome ?? null, moneyOutcomeCents: move.moneyOutcomeCents ?? null, outcomeNote: move.note ?? null }
        : {}),
      ...(isFinal(move.to) ? { closedAt: move.at } : {}),
    })
    .where(eq(referrals.id, referral.id))
    .returning();
  if (!updated) throw new Error("referral vanished");
  await recordEvent(db, {
    referralId: referral.id,
    at: move.at,
    actorUserId: move.actorUserId,
    actorOrganizationId: move.actorOrganizationId,
    type: "status_changed",
    fromStatus: referral.status,
    toStatus: move.to,
    note: move.note ?? move.reason ?? null,
  });
  await tellSenderOfMove(db, {
    before: referral,
    after: updated,
    at: move.at,
    actorOrganizationId: move.actorOrganizationId,
    mail: move.mail,
  });
  if (move.actorOrganizationId !== referral.receiverOrganizationId && move.to === "withdrawn") {
    const [service] = await db.select({ name: services.name }).from(services).where(eq(services.id, referral.serviceId));
    const text = `Verwijzing naar ${service?.name ?? "een dienst"}: ${referralStatusLabels[move.to].toLowerCase()}.`;
    await notify(db, {
      ...(referral.assignedUserId ? { userIds: [referral.assignedUserId] } : { organizationId: referral.receiverOrganizationId }),
      referralId: referral.id,
      text,
      at: move.at,
    });
  }
  return updated;
}

/**
 * Consent withdrawn: every open referral that rests on it is withdrawn by Schakel at once; the
 * receiver keeps the status history but no longer sees the resident.
 */
export async function withdrawReferralsForConsent(db: Database, consentId: string, at: Date, mail: MailBatch) {
  const open = await db
    .select()
    .from(referrals)
    .where(and(eq(referrals.consentId, consentId), inArray(referrals.status, openStatuses)))
    .for("update");
  for (const referral of open) {
    await applyMove(db, referral, {
      to: "withdrawn",
      at,
      actorUserId: null,
      actorOrganizationId: null,
      note: "De inwoner heeft de toestemming ingetrokken.",
      mail,
    });
  }
}

/**
 * The resident withdraws a consent (recorded by the sending side): the consent, and with it in
 * one transaction every open referral resting on it; the referring workers are told after commit.
 */
export async function withdrawConsentAndReferrals(
  ctx: ServiceContext,
  input: { actorUserId: string; consentId: string; reason?: string },
) {
  const mail = mailBatch(ctx);
  const consent = await withdrawConsent(ctx, input, (tx, consentId, now) =>
    withdrawReferralsForConsent(tx, consentId, now, mail),
  );
  await deliverMailBatch(ctx, mail);
  return consent;
}
