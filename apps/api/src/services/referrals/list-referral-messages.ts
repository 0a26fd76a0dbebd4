import { actingAs } from "../actor";
import { requireActor, type ServiceContext, withTransaction } from "../context";
import { loadReferralForActor } from "./access";
import { messageViews } from "./message-view";
import { logActivityRead, viewerOf } from "./participants";
import { eventPage } from "./timeline-view";

/**
 * The messages between both sides, oldest first. They may hold personal data: reading them is
 * logged, and a receiver that lost access to the resident (consent withdrawn or expired) sees
 * that a message was sent, by whom and when, but not what it says.
 */
export async function listReferralMessages(ctx: ServiceContext, input: { referralId: string; cursor?: string; limit: number }) {
  const actor = requireActor(ctx, { scope: "referrals:read" });
  const now = ctx.clock.now();
  return withTransaction(ctx, async (tx) => {
    const { referral, sides } = await loadReferralForActor(tx, actor, input.referralId);
    const viewer = await viewerOf(tx, referral, sides, actingAs(actor), now);
    const { rows, nextCursor } = await eventPage(tx, referral.id, { ...input, type: "message" });
    const data = await messageViews(tx, referral, viewer, rows);
    const read = data.filter((m) => m.text !== null);
    if (read.length > 0) {
      await logActivityRead(tx, referral, viewer, {
        action: "referral.messages.read",
        at: now,
        details: { messageIds: read.map((m) => m.id) },
      });
    }
    return { data, meta: { nextCursor } };
  });
}
