import type { ReferralStatus } from "@schakel/core";
import { type contactAttempts, type Database, referralEvents } from "@schakel/db";
import { and, eq } from "drizzle-orm";
import type { ReferralRow } from "./access";
import { eventApiTokenId } from "./events";
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

/** The API token each attempt was logged with, from its timeline event (ADR 0028): attempts without a person only. */
async function attemptTokens(db: Database, referral: ReferralRow, rows: AttemptRow[]): Promise<Map<string, string>> {
  const byToken = new Map<string, string>();
  if (!rows.some((r) => r.byUserId === null)) return byToken;
  const events = await db
    .select({ details: referralEvents.details })
    .from(referralEvents)
    .where(and(eq(referralEvents.referralId, referral.id), eq(referralEvents.type, "contact_attempt")));
  for (const e of events) {
    const tokenId = eventApiTokenId(e);
    if (tokenId && typeof e.details?.attemptId === "string") byToken.set(e.details.attemptId, tokenId);
  }
  return byToken;
}

export async function attemptViews(db: Database, referral: ReferralRow, viewer: Viewer, rows: AttemptRow[]) {
  const tokens = await attemptTokens(db, referral, rows);
  const actorOf = await actorResolver(
    db,
    referral,
    viewer,
    rows.map((r) => ({ organizationId: referral.receiverOrganizationId, userId: r.byUserId, apiTokenId: tokens.get(r.id) })),
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
      by: actorOf(referral.receiverOrganizationId, r.byUserId, tokens.get(r.id) ?? null),
    };
  });
}
