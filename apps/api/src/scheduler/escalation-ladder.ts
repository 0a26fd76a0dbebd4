import { canMove, type EscalationRung, type EscalationSettings, expiryReasonLabels, formatReference } from "@schakel/core";
import { referralEscalations, referrals, services } from "@schakel/db";
import { and, asc, eq, inArray, isNotNull, lte } from "drizzle-orm";
import { type ServiceContext, type TransactionContext, withTransaction } from "../services/context";
import type { ReferralRow } from "../services/referrals/access";
import { closingDaysOfMany } from "../services/referrals/closing-days";
import { notify, recordEvent } from "../services/referrals/events";
import { ladderState } from "../services/referrals/ladder";
import { applyMove } from "../services/referrals/move";
import type { Job } from "./scheduler";

/** Referrals claimed per transaction: small enough to keep locks short, large enough for few round trips. */
export const LADDER_BATCH = 200;

type Fired = {
  reminded: number;
  told: number;
  expired: number;
  skipped: number;
};

/**
 * One rung for one claimed referral. The rung is recorded first under its unique key
 * (referral, last move, rung): only the run that inserted it acts, so a rung fires once per
 * referral and stay in a status, whatever runs overlap or rerun. Texts name the service and
 * the reference, never the resident.
 */
async function fireRung(
  tx: TransactionContext,
  referral: ReferralRow,
  rung: EscalationRung,
  context: { serviceName: string; settings: EscalationSettings | null; closed: ReadonlySet<string> },
  now: Date,
  fired: Fired,
) {
  const { db } = tx;
  const inserted = await db
    .insert(referralEscalations)
    .values({ referralId: referral.id, since: referral.lastMoveAt, status: referral.status, rung, at: now })
    .onConflictDoNothing()
    .returning({ rung: referralEscalations.rung });
  const next = ladderState(referral, context.settings, context.closed, rung);
  if (inserted.length === 0) {
    // Fired before (by a run that could not move the ladder on): only move it on now.
    fired.skipped++;
    await db
      .update(referrals)
      .set({ escalationRung: next.escalationRung, escalationAt: next.escalationAt })
      .where(eq(referrals.id, referral.id));
    return;
  }
  const ref = formatReference(referral.reference);
  const service = context.serviceName;
  await recordEvent(db, {
    referralId: referral.id,
    at: now,
    actorUserId: null,
    actorOrganizationId: null,
    type: "escalation",
    details: { rung },
  });

  if (rung === "expire" && canMove(referral.status, "expired", "system")) {
    // Schakel's own move: the sender is told (tellSenderOfMove) and asked to refer elsewhere; the ladder ends.
    await applyMove(tx, referral, {
      to: "expired",
      at: now,
      actorUserId: null,
      actorOrganizationId: null,
      note: expiryReasonLabels.no_response,
      expiryReason: "no_response",
    });
    fired.expired++;
    return;
  }

  if (rung === "remind_receiver") {
    await notify(tx, {
      to: { receiverOf: referral },
      kind: "escalation_reminder",
      referral,
      text: `Herinnering: verwijzing ${ref} voor ${service} wacht op jullie reactie.`,
      at: now,
    });
    fired.reminded++;
  } else if (rung === "tell_sender") {
    await notify(tx, {
      to: { senderOf: referral },
      kind: "escalation_late",
      referral,
      text: `Verwijzing ${ref} naar ${service}: de ontvanger is te laat. Er is herinnerd; je hoeft nog niets te doen.`,
      at: now,
    });
    fired.told++;
  }
  await db
    .update(referrals)
    .set({
      escalationRung: next.escalationRung,
      escalationAt: next.escalationAt,
      // Late since the rung was due, however late the job came round.
      ...(rung === "tell_sender" ? { lateSince: referral.escalationAt ?? now } : {}),
    })
    .where(eq(referrals.id, referral.id));
}

/** Claims up to LADDER_BATCH due referrals (rows another run holds are skipped) and fires their rungs. */
async function ladderBatch(ctx: ServiceContext, now: Date, fired: Fired): Promise<number> {
  return withTransaction(ctx, async (tx, txCtx) => {
    const due = await tx
      .select()
      .from(referrals)
      .where(and(isNotNull(referrals.escalationAt), lte(referrals.escalationAt, now)))
      .orderBy(asc(referrals.escalationAt), asc(referrals.id))
      .limit(LADDER_BATCH)
      .for("update", { skipLocked: true });
    if (due.length === 0) return 0;
    const serviceRows = await tx
      .select({ id: services.id, name: services.name, escalation: services.escalation })
      .from(services)
      .where(inArray(services.id, [...new Set(due.map((r) => r.serviceId))]));
    const serviceOf = new Map(serviceRows.map((s) => [s.id, s]));
    const earliest = new Date(Math.min(...due.map((r) => r.lastMoveAt.getTime())));
    const closedOf = await closingDaysOfMany(
      tx,
      due.map((r) => r.receiverOrganizationId),
      earliest,
    );
    for (const referral of due) {
      const rung = referral.escalationRung;
      if (!rung) {
        await tx.update(referrals).set({ escalationAt: null }).where(eq(referrals.id, referral.id));
        continue;
      }
      const service = serviceOf.get(referral.serviceId);
      await fireRung(
        txCtx,
        referral,
        rung,
        {
          serviceName: service?.name ?? "een dienst",
          settings: service?.escalation ?? null,
          closed: closedOf.get(referral.receiverOrganizationId) ?? new Set(),
        },
        now,
        fired,
      );
    }
    return due.length;
  });
}

/**
 * One pass of the escalation ladder (core escalation.ts): every referral whose next rung is due
 * (`escalation_at <= now`, through referrals_escalation_at_idx) gets it, batch by batch, until
 * none is left — a rung that is due at once after another (the job was down) fires in the same pass.
 */
export async function runEscalationLadder(ctx: ServiceContext, now: Date): Promise<Fired & { claimed: number }> {
  const fired: Fired = { reminded: 0, told: 0, expired: 0, skipped: 0 };
  let claimed = 0;
  for (;;) {
    const n = await ladderBatch(ctx, now, fired);
    claimed += n;
    if (n === 0) break;
  }
  return { claimed, ...fired };
}

/** The ladder, every minute. */
export const escalationLadderJob: Job = {
  name: "escalation-ladder",
  everyMs: 60_000,
  run: runEscalationLadder,
};
