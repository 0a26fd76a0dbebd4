/**
 * What the referring side hears back, as the resident chose (DESIGN.md "What makes Schakel
 * better": a feedback level of only "contact made", status, or status with outcome). One rule
 * for everything the sender gets: the referral in the app and the API, in-app notifications and
 * e-mails.
 */
import type { FeedbackLevel } from "./consent";
import {
  finalStatuses,
  type Outcome,
  openStatuses,
  type ReferralStatus,
  referralStatuses,
  referralStatusLabels,
} from "./referrals";

/**
 * The statuses a side may be shown: the lifecycle's, plus `closed` — "the receiver closed it",
 * without saying how — which only a sender under `contact_only` ever sees.
 */
export const referralViewStatuses = [...referralStatuses, "closed"] as const;
export type ReferralViewStatus = (typeof referralViewStatuses)[number];

export const referralViewStatusLabels: Record<ReferralViewStatus, string> = {
  ...referralStatusLabels,
  closed: "Afgesloten",
};

/**
 * A status in the words of the side that reads it: the receiver's inbox calls a referral nobody
 * has answered yet "Nieuw" (sent or only opened), where the sender says "Verstuurd".
 */
export function statusLabelFor(side: "sender" | "receiver", status: ReferralViewStatus): string {
  if (side === "receiver" && (status === "sent" || status === "received")) return "Nieuw";
  return referralViewStatusLabels[status];
}

/** Whether the receiver's first response is still awaited: the referral was sent or only opened. */
export function awaitsFirstResponse(status: ReferralViewStatus): boolean {
  return status === "sent" || status === "received";
}

/** The statuses a side sees of a closed referral: the final ones, and `closed` (ended, without saying how). */
export const closedViewStatuses = [...finalStatuses, "closed"] as const satisfies readonly ReferralViewStatus[];

/** The statuses a side sees of an open referral (the same under every feedback level). */
export const openViewStatuses = openStatuses;

/** Where contact with the resident has been made: in_contact and every status that only follows it. */
const afterContact: readonly ReferralStatus[] = ["in_contact", "in_progress", "completed"];

/**
 * The status the sender may see of a referral.
 *
 * - `outcome` and `status`: the status as it is.
 * - `contact_only`: only whether contact was made, and that the referral ended:
 *   - `sent` and `received` as they are: they say the referral arrived, nothing about the resident;
 *   - `accepted` shows as `received`: taking it up is already the receiver's judgement of the case;
 *   - `in_contact`, `in_progress` and `on_hold` after contact show as `in_contact`
 *     (`on_hold` before contact as `received`);
 *   - `completed` and `not_reached` show as `closed`: ended, without saying how;
 *   - `declined` and `expired` as they are, so the sender knows to refer elsewhere (neither says
 *     anything about the resident: the receiver did not take it up, or did not respond);
 *   - `withdrawn` as it is: the sender's own side (or the resident through them) called it off.
 *
 * Timing is not hidden: the sender still sees when the referral last moved and whether the
 * receiver is late, which is about the receiver, not the resident.
 */
export function senderVisibleStatus(
  level: FeedbackLevel,
  referral: { status: ReferralStatus; pausedFrom?: ReferralStatus | null },
): ReferralViewStatus {
  const { status } = referral;
  if (level !== "contact_only") return status;
  switch (status) {
    case "accepted":
      return "received";
    case "in_progress":
      return "in_contact";
    case "on_hold":
      return referral.pausedFrom && afterContact.includes(referral.pausedFrom) ? "in_contact" : "received";
    case "completed":
    case "not_reached":
      return "closed";
    default:
      return status;
  }
}

/** Only a resident who chose `outcome` lets the sender see the outcome (helped or not, money outcomes). */
export function senderSeesOutcome(level: FeedbackLevel): boolean {
  return level === "outcome";
}

/** Everything about a referral's progress the sender may see, in one place. */
export function senderCanSee(
  level: FeedbackLevel,
  referral: {
    status: ReferralStatus;
    pausedFrom?: ReferralStatus | null;
    outcome: Outcome | null;
    moneyOutcomeCents: number | null;
  },
): { status: ReferralViewStatus; outcome: Outcome | null; moneyOutcomeCents: number | null } {
  const outcome = senderSeesOutcome(level);
  return {
    status: senderVisibleStatus(level, referral),
    outcome: outcome ? referral.outcome : null,
    moneyOutcomeCents: outcome ? referral.moneyOutcomeCents : null,
  };
}

const closing: readonly ReferralViewStatus[] = ["declined", "completed", "not_reached", "withdrawn", "expired", "closed"];

/**
 * Whether a move is news the sender is told of (in the app and by e-mail), given what they see
 * before and after it. A move they cannot see (accepted under `contact_only`) is no news. Under
 * `contact_only` they hear only that contact was made and that the referral ended; otherwise of
 * every move they can see.
 */
export function senderIsTold(level: FeedbackLevel, before: ReferralViewStatus | null, after: ReferralViewStatus): boolean {
  if (before === after) return false;
  if (level === "contact_only") return after === "in_contact" || closing.includes(after);
  return true;
}
