/**
 * How a service answers referrals, for the sociale kaart: from its real referrals of the last
 * twelve months, the median working days to the receiver's first response, the share accepted
 * of those answered, and the share answered within the target. Aggregates only, and only from
 * {@link RESPONSIVENESS_MIN_REFERRALS} referrals on: fewer say too little (and come too close to
 * single residents).
 */

import type { Urgency } from "./contact";
import { statusTargetDays } from "./escalation";
import type { ReferralStatus } from "./referrals";
import { type ClosedDays, responseDueAt, workingDaysBetween } from "./working-days";

/** Below this many referrals in the window the kaart says "nog te weinig verwijzingen". */
export const RESPONSIVENESS_MIN_REFERRALS = 5;
/** The window the figures cover: referrals created in the last this many months. */
export const RESPONSIVENESS_WINDOW_MONTHS = 12;

/** The start of the window: the same instant, twelve calendar months (UTC) earlier. */
export function responsivenessWindowStart(now: Date): Date {
  const start = new Date(now.getTime());
  const day = start.getUTCDate();
  start.setUTCDate(1);
  start.setUTCMonth(start.getUTCMonth() - RESPONSIVENESS_WINDOW_MONTHS);
  // 29 February a year on is 28 February, not 1 March.
  const lastDay = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 0)).getUTCDate();
  start.setUTCDate(Math.min(day, lastDay));
  return start;
}

/** What the figures need of one referral: no resident, no free text. */
export interface ReferralResponseFacts {
  createdAt: Date;
  responseTargetDays: number;
  /** Urgent referrals have their own, shorter target (core escalation `statusTargetDays`). */
  urgency: Urgency;
  /** The receiver's first move (accepted or declined); null while unanswered. */
  firstResponseAt: Date | null;
  status: ReferralStatus;
  closedAt: Date | null;
}

export interface ResponsivenessFigures {
  /** Referrals created in the window. */
  referrals: number;
  /** Of those, answered by the receiver (accepted or declined). */
  responded: number;
  /** Median working days from sending to the first response; null when none was answered. */
  medianWorkingDays: number | null;
  /** Accepted, as a share (0–1) of those answered; null when none was answered. */
  acceptedShare: number | null;
  /**
   * Answered within the target, as a share (0–1) of those with a verdict: every answered one, and
   * every unanswered one whose target ran out while it was open. Null when there are none.
   */
  withinTargetShare: number | null;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * The figures for one service's referrals of the window, or null below the threshold. `closed`
 * are the receiving organization's closing days: they are no working days for its referrals.
 *
 * A receiver answers only from `received` (accepted or declined) and a declined referral stays
 * declined, so an answered referral was accepted exactly when its status is not `declined`.
 */
export function responsiveness(
  referrals: readonly ReferralResponseFacts[],
  now: Date,
  closed?: ClosedDays,
): ResponsivenessFigures | null {
  if (referrals.length < RESPONSIVENESS_MIN_REFERRALS) return null;
  const days: number[] = [];
  let accepted = 0;
  let judged = 0;
  let withinTarget = 0;
  for (const r of referrals) {
    // The target the receiver had for its first response, as the escalation ladder counts it.
    const target = statusTargetDays({ status: "sent", urgency: r.urgency, responseTargetDays: r.responseTargetDays });
    const dueAt = responseDueAt(r.createdAt, target, closed);
    if (r.firstResponseAt) {
      days.push(workingDaysBetween(r.createdAt, r.firstResponseAt, closed));
      if (r.status !== "declined") accepted++;
      judged++;
      if (r.firstResponseAt.getTime() < dueAt.getTime()) withinTarget++;
    } else if ((r.closedAt ?? now).getTime() >= dueAt.getTime()) {
      // Still unanswered when the target ran out: not within it.
      judged++;
    }
  }
  return {
    referrals: referrals.length,
    responded: days.length,
    medianWorkingDays: median(days),
    acceptedShare: days.length > 0 ? accepted / days.length : null,
    withinTargetShare: judged > 0 ? withinTarget / judged : null,
  };
}
