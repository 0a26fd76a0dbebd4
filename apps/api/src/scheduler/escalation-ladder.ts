import { canMove, type EscalationRung, expiryReasonLabels, formatReference } from "@schakel/core";
import { type Database, referralEscalations, referralEvents, referrals, services } from "@schakel/db";
import { and, asc, inArray, isNotNull, lte, sql } from "drizzle-orm";
import { type ServiceContext, type TransactionContext, withTransaction } from "../services/context";
import { issuePartnerLink } from "../services/partner-links/partner-light";
import type { ReferralRow } from "../services/referrals/access";
import { closingDaysOfMany } from "../services/referrals/closing-days";
import { type Notice, notifyAll } from "../services/referrals/events";
import { type LadderState, ladderState } from "../services/referrals/ladder";
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
 * The due rows, oldest rung first, locked for this transaction; rows another run holds are
 * skipped. Reads only through referrals_escalation_at_idx (bench/scheduler shows the plan).
 */
export function dueReferrals(db: Database, now: Date) {
  return db
    .select()
    .from(referrals)
    .where(and(isNotNull(referrals.escalationAt), lte(referrals.escalationAt, now)))
    .orderBy(asc(referrals.escalationAt), asc(referrals.id))
    .limit(LADDER_BATCH)
    .for("update", { skipLocked: true });
}

/** The ladder columns of many referrals in one statement. */
async function setLadders(db: Database, rows: { id: string; next: LadderState; lateSince: Date | null }[]) {
  if (rows.length === 0) return;
  const values = sql.join(
    rows.map(
      (r) =>
        sql`(${r.id}::uuid, ${r.next.escalationRung}::escalation_rung, ${r.next.escalationAt?.toISOString() ?? null}::timestamptz, ${r.lateSince?.toISOString() ?? null}::timestamptz)`,
    ),
    sql`, `,
  );
  await db.execute(sql`
    update referrals as r
    set escalation_rung = v.rung, escalation_at = v.at, late_since = coalesce(v.late, r.late_since)
    from (values ${values}) as v(id, rung, at, late)
    where r.id = v.id`);
}

/**
 * Claims up to LADDER_BATCH due referrals and fires their rungs. Each rung is recorded first
 * under its unique key (referral, last move, rung), all in one insert: only the rungs this run
 * inserted act, so a rung fires once per referral and stay in a status, whatever runs overlap
 * or rerun. Then, per rung, a timeline event both sides see, and the receiver reminded, the
 * sender told (late_since) or the referral expired as Schakel; then the next rung. Texts name
 * the service and the reference, never the resident. The writes go out batched: a pass over
 * a few hundred due referrals takes a handful of statements, not a few per referral.
 */
async function ladderBatch(ctx: ServiceContext, now: Date, fired: Fired): Promise<number> {
  return withTransaction(ctx, async (tx, txCtx) => {
    const due = await dueReferrals(tx, now);
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

    const laddered = due.filter((r): r is ReferralRow & { escalationRung: EscalationRung } => r.escalationRung !== null);
    const inserted =
      laddered.length === 0
        ? []
        : await tx
            .insert(referralEscalations)
            .values(
              laddered.map((r) => ({ referralId: r.id, since: r.lastMoveAt, status: r.status, rung: r.escalationRung, at: now })),
            )
            .onConflictDoNothing()
            .returning({ referralId: referralEscalations.referralId });
    const acts = new Set(inserted.map((i) => i.referralId));
    const firing = laddered.filter((r) => acts.has(r.id));
    fired.skipped += laddered.length - firing.length;
    if (firing.length > 0) {
      await tx.insert(referralEvents).values(
        firing.map((r) => ({
          referralId: r.id,
          at: now,
          actorUserId: null,
          actorOrganizationId: null,
          type: "escalation",
          details: { rung: r.escalationRung },
        })),
      );
    }

    const ladders: { id: string; next: LadderState; lateSince: Date | null }[] = [];
    const notices: Notice[] = [];
    const expiring: ReferralRow[] = [];
    const reminded: { referral: ReferralRow; text: string }[] = [];
    for (const referral of due) {
      const rung = referral.escalationRung;
      const service = serviceOf.get(referral.serviceId);
      const settings = service?.escalation ?? null;
      const closed = closedOf.get(referral.receiverOrganizationId) ?? new Set<string>();
      // No rung (an inconsistent row), or one fired before by a run that could not move on: only move the ladder on.
      if (!rung || !acts.has(referral.id)) {
        ladders.push({
          id: referral.id,
          next: rung ? ladderState(referral, settings, closed, rung) : { ...referral, escalationRung: null, escalationAt: null },
          lateSince: null,
        });
        continue;
      }
      if (rung === "expire" && canMove(referral.status, "expired", "system")) {
        expiring.push(referral);
        continue;
      }
      const text = ladderText(rung, formatReference(referral.reference), service?.name ?? "een dienst");
      if (rung === "remind_receiver") {
        notices.push({ to: { receiverOf: referral }, kind: "escalation_reminder", referral, text, at: now });
        reminded.push({ referral, text });
        fired.reminded++;
      } else if (rung === "tell_sender") {
        notices.push({ to: { senderOf: referral }, kind: "escalation_late", referral, text, at: now });
        fired.told++;
      }
      ladders.push({
        id: referral.id,
        next: ladderState(referral, settings, closed, rung),
        // Late since the rung was due, however late the job came round.
        lateSince: rung === "tell_sender" ? (referral.escalationAt ?? now) : null,
      });
    }
    await notifyAll(txCtx, notices);
    // A receiver without an account is reminded in its intake mail, with a fresh link (ADR 0029).
    for (const { referral, text } of reminded) {
      await issuePartnerLink(txCtx, referral, { at: now, issuedByUserId: null, headline: text });
    }
    await setLadders(tx, ladders);
    for (const referral of expiring) await expire(txCtx, referral, now);
    fired.expired += expiring.length;
    return due.length;
  });
}

/** What the receiver or the sender reads: the reference and the service, never the resident. */
function ladderText(rung: EscalationRung, ref: string, service: string): string {
  return rung === "remind_receiver"
    ? `Herinnering: verwijzing ${ref} voor ${service} wacht op jullie reactie.`
    : `Verwijzing ${ref} naar ${service}: de ontvanger is te laat. Er is herinnerd; je hoeft nog niets te doen.`;
}

/** Schakel's own move: the sender is told (tellSenderOfMove) and asked to refer elsewhere; the ladder ends. */
async function expire(tx: TransactionContext, referral: ReferralRow, now: Date) {
  await applyMove(tx, referral, {
    to: "expired",
    at: now,
    actorUserId: null,
    actorOrganizationId: null,
    note: expiryReasonLabels.no_response,
    expiryReason: "no_response",
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
