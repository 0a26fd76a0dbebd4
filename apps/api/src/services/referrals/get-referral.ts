import { recordAccess } from "../access-log";
import type { ServiceContext } from "../context";
import { withTransaction } from "../context";
import { loadReferralForActor, viewSide } from "./access";
import { deliverMailBatch, mailBatch } from "./feedback-mail";
import { applyMove } from "./move";
import { referralView } from "./view";

/**
 * One referral for someone on either side. The receiver's first read moves it to `received`, so
 * the sender sees it arrived. Reading the resident's data is logged.
 */
export async function getReferral(ctx: ServiceContext, input: { actorUserId: string; referralId: string }) {
  const now = ctx.clock.now();
  const mail = mailBatch(ctx);
  const view = await withTransaction(ctx.db, async (tx) => {
    let { referral, sides } = await loadReferralForActor(tx, input.actorUserId, input.referralId, { forUpdate: true });
    const side = viewSide(sides);
    if (sides.has("receiver") && referral.status === "sent") {
      referral = await applyMove(tx, referral, {
        to: "received",
        at: now,
        actorUserId: input.actorUserId,
        actorOrganizationId: referral.receiverOrganizationId,
        mail,
      });
    }
    const view = await referralView(tx, referral, side, now);
    if (view.residentAccess !== "none") {
      const organizationId = side === "sender" ? referral.senderOrganizationId : referral.receiverOrganizationId;
      await recordAccess(tx, {
        at: now,
        actorUserId: input.actorUserId,
        actorOrganizationId: organizationId,
        action: "referral.read",
        subjectType: "resident",
        subjectId: referral.residentId,
        organizationId,
        details: { referralId: referral.id, dataCategories: side === "sender" ? "all" : referral.dataCategories },
      });
    }
    return view;
  });
  await deliverMailBatch(ctx, mail);
  return view;
}
