import { logResidentAccess } from "../access-log";
import { actingAs, eventActor } from "../actor";
import { requireActor, type ServiceContext, withTransaction } from "../context";
import { loadReferralForActor, viewSide } from "./access";
import { applyMove } from "./move";
import { receiverHasAccess, referralView } from "./view";

/**
 * One referral for someone on either side. The receiver's first read moves it to `received`, so
 * the sender sees it arrived. Reading the resident's data is logged.
 */
export async function getReferral(ctx: ServiceContext, input: { referralId: string }) {
  const actor = requireActor(ctx, { scope: "referrals:read" });
  const now = ctx.clock.now();
  return withTransaction(ctx, async (tx, txCtx) => {
    let { referral, sides } = await loadReferralForActor(tx, actor, input.referralId, { forUpdate: true });
    const side = viewSide(sides);
    // A referral whose consent ran out has stopped: opening it no longer moves it.
    if (sides.has("receiver") && referral.status === "sent" && (await receiverHasAccess(tx, referral, now)).access) {
      referral = await applyMove(txCtx, referral, {
        to: "received",
        at: now,
        ...eventActor(actor),
        actorOrganizationId: referral.receiverOrganizationId,
      });
    }
    const view = await referralView(tx, referral, side, now);
    if (view.residentAccess !== "none") {
      const organizationId = side === "sender" ? referral.senderOrganizationId : referral.receiverOrganizationId;
      await logResidentAccess(tx, {
        at: now,
        ...actingAs(actor),
        organizationId,
        action: "referral.read",
        residentId: referral.residentId,
        details: { referralId: referral.id, dataCategories: side === "sender" ? "all" : referral.dataCategories },
      });
    }
    return view;
  });
}
