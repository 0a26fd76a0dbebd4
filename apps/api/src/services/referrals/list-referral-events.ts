import { actingAs } from "../actor";
import { requireActor, type ServiceContext, withTransaction } from "../context";
import { loadReferralForActor } from "./access";
import { logActivityRead, viewerOf } from "./participants";
import { eventPage, viewEvents } from "./timeline-view";

/**
 * Everything that happened on a referral, for both sides, oldest first: moves, messages, contact
 * attempts and driegesprek changes. Reading text that may hold personal data is logged.
 */
export async function listReferralEvents(ctx: ServiceContext, input: { referralId: string; cursor?: string; limit: number }) {
  const actor = requireActor(ctx, { scope: "referrals:read" });
  const now = ctx.clock.now();
  return withTransaction(ctx, async (tx) => {
    const { referral, sides } = await loadReferralForActor(tx, actor, input.referralId);
    const viewer = await viewerOf(tx, referral, sides, actingAs(actor), now);
    const { rows, nextCursor } = await eventPage(tx, referral.id, input);
    const data = await viewEvents(tx, referral, viewer, rows);
    if (data.some((e) => e.note !== null && e.actor.side !== "system")) {
      await logActivityRead(tx, referral, viewer, { action: "referral.events.read", at: now });
    }
    return { data, meta: { nextCursor } };
  });
}
