import {
  type ClosedDays,
  type EscalationRung,
  type EscalationSettings,
  isFinal,
  nextEscalation,
  type ReferralStatus,
  responseDueAt,
  statusTargetDays,
  type Urgency,
} from "@schakel/core";
import { type Database, services } from "@schakel/db";
import { eq } from "drizzle-orm";
import { closingDaysOf } from "./closing-days";

export interface LadderReferral {
  status: ReferralStatus;
  urgency: Urgency;
  responseTargetDays: number;
  lastMoveAt: Date;
}

/** The ladder columns of a referral (core escalation.ts): when it is due, and its next rung. */
export interface LadderState {
  dueAt: Date;
  escalationRung: EscalationRung | null;
  escalationAt: Date | null;
}

/**
 * The ladder state after a move (fired null) or after a rung fired: the due instant is the
 * status's target counted from the last move over the receiver's working days; the next rung
 * follows core `nextEscalation`. A final status has no ladder (its due instant stays, unused).
 */
export function ladderState(
  referral: LadderReferral,
  settings: EscalationSettings | null,
  closed: ClosedDays,
  fired: EscalationRung | null = null,
): LadderState {
  const input = {
    status: referral.status,
    urgency: referral.urgency,
    responseTargetDays: referral.responseTargetDays,
    settings,
  };
  const dueAt = responseDueAt(referral.lastMoveAt, statusTargetDays(input), closed);
  if (isFinal(referral.status)) return { dueAt, escalationRung: null, escalationAt: null };
  const next = nextEscalation({ ...input, lastMoveAt: referral.lastMoveAt, fired, closed });
  return { dueAt, escalationRung: next?.rung ?? null, escalationAt: next?.at ?? null };
}

/** What the ladder of a referral depends on besides the referral: its service's settings, its receiver's closing days. */
export async function ladderInputs(
  db: Database,
  referral: { serviceId: string; receiverOrganizationId: string; lastMoveAt: Date },
): Promise<{ settings: EscalationSettings | null; closed: ClosedDays }> {
  const [service] = await db
    .select({ escalation: services.escalation })
    .from(services)
    .where(eq(services.id, referral.serviceId));
  const closed = await closingDaysOf(db, referral.receiverOrganizationId, referral.lastMoveAt);
  return { settings: service?.escalation ?? null, closed };
}
