import { actingAs } from "../actor";
import { requireActor, type ServiceContext, withTransaction } from "../context";
import { loadReferralForActor } from "./access";
import { currentDriegesprek, driegesprekView, logPlaceRead, noDriegesprek } from "./driegesprek-change";
import { viewerOf } from "./participants";

/** The referral's driegesprek, for either side; 404 when none was proposed. */
export async function getDriegesprek(ctx: ServiceContext, input: { referralId: string }) {
  const actor = requireActor(ctx, { scope: "referrals:read" });
  const now = ctx.clock.now();
  return withTransaction(ctx, async (tx) => {
    const { referral, sides } = await loadReferralForActor(tx, actor, input.referralId);
    const row = await currentDriegesprek(tx, referral.id);
    if (!row) throw noDriegesprek();
    const viewer = await viewerOf(tx, referral, sides, actingAs(actor), now);
    const view = driegesprekView(row, referral, viewer);
    await logPlaceRead(tx, referral, viewer, view, now);
    return view;
  });
}
