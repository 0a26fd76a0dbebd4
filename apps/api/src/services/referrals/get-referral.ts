import type { Database } from "@schakel/db";
import { logResidentAccess } from "../access-log";
import { actingAs, eventActor } from "../actor";
import type { Actor } from "../context";
import { requireActor, type ServiceContext, type TransactionContext, withTransaction } from "../context";
import { loadReferralForActor, type ReferralRow, type Side, viewSide } from "./access";
import { applyMove } from "./move";
import { type ReferralView, receiverHasAccess, referralView } from "./view";

/**
 * One referral for someone on either side. The receiver's first read moves it to `received`, so
 * the sender sees it arrived. Reading the resident's data is logged.
 */
export async function getReferral(ctx: ServiceContext, input: { referralId: string }) {
  const actor = requireActor(ctx, { scope: "referrals:read" });
  const now = ctx.clock.now();
  return withTransaction(ctx, async (tx, txCtx) => (await readReferral(tx, txCtx, actor, input.referralId, now)).view);
}

/**
 * The read of one referral that every export of it shares (the referral itself, its FHIR Bundle):
 * the side's view, the receiver's first read moving it to `received`, and the access log entry.
 */
export async function readReferral(
  tx: Database,
  txCtx: TransactionContext,
  actor: Actor,
  referralId: string,
  now: Date,
  format?: "fhir",
): Promise<{ referral: ReferralRow; side: Side; view: ReferralView }> {
  let { referral, sides } = await loadReferralForActor(tx, actor, referralId, { forUpdate: true });
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
      details: {
        referralId: referral.id,
        dataCategories: side === "sender" ? "all" : referral.dataCategories,
        ...(format ? { format } : {}),
      },
    });
  }
  return { referral, side, view };
}
