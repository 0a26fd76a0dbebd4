import type { ReferralStatus } from "@schakel/core";
import type { contactAttempts, Database } from "@schakel/db";
import type { ReferralRow } from "./access";
import { actorResolver, type Viewer } from "./participants";
import { hiddenReason } from "./timeline-view";

type AttemptRow = typeof contactAttempts.$inferSelect;

/** Attempts are logged once the receiver has taken the referral up, until it closes. */
export const ATTEMPT_STATUSES: readonly ReferralStatus[] = ["accepted", "in_contact", "in_progress", "on_hold"];

/** How far ahead of our clock an attempt's time may be (a browser's clock runs a little fast). */
export const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Whether the viewer sees the contact attempts at all: not a sender whose resident chose to share
 * only whether contact was made (contact_only) — an attempt's result says more than that.
 */
export const seesContactAttempts = (viewer: Pick<Viewer, "side" | "feedbackLevel">) =>
  !(viewer.side === "sender" && viewer.feedbackLevel === "contact_only");

export async function attemptViews(db: Database, referral: ReferralRow, viewer: Viewer, rows: AttemptRow[]) {
  const actorOf = await actorResolver(
    db,
    referral,
    viewer,
    rows.map((r) => ({ organizationId: referral.receiverOrganizationId, userId: r.byUserId })),
  );
  return rows.map((r) => {
    const hidden = hiddenReason(viewer, { note: r.note, actorOrganizationId: referral.receiverOrganizationId });
    return {
      id: r.id,
      referralId: r.referralId,
      channel: r.channel,
      result: r.result,
      note: hidden ? null : r.note,
      noteHidden: hidden,
      at: r.at.toISOString(),
      by: actorOf(referral.receiverOrganizationId, r.byUserId),
    };
  });
}
