import { isFinal } from "@schakel/core";
import { referrals } from "@schakel/db";
import { eq } from "drizzle-orm";
import { conflict, HttpProblem, unprocessable } from "../../lib/problem";
import { logResidentAccess } from "../access-log";
import { actingAs, actingUserId, eventActor } from "../actor";
import { requireActor, type ServiceContext, withTransaction } from "../context";
import { activeOrganizationIds } from "../membership";
import { loadReferralForActor, requireVersion } from "./access";
import { notify, recordEvent } from "./events";
import { requireConsentInForce, serviceName } from "./participants";
import { referralView } from "./view";

/**
 * The receiving organization puts one of its workers (or admins) on a referral, or takes them off
 * (null). Only the receiving side; the version must be the one the caller saw (If-Match). The
 * assigned person is notified, unless they assigned themselves.
 */
export async function updateReferral(
  ctx: ServiceContext,
  input: { referralId: string; expectedVersion: number; assignedUserId: string | null },
) {
  const actor = requireActor(ctx, { scope: "referrals:write" });
  const now = ctx.clock.now();
  return withTransaction(ctx, async (tx, txCtx) => {
    const { referral, sides } = await loadReferralForActor(tx, actor, input.referralId, { forUpdate: true });
    if (!sides.has("receiver")) {
      throw new HttpProblem("wrong-side", "Alleen de ontvangende organisatie wijst een medewerker toe.");
    }
    requireVersion(referral, input.expectedVersion, "receiver");
    if (isFinal(referral.status)) throw conflict("Een afgesloten verwijzing kun je niet meer toewijzen.");
    await requireConsentInForce(tx, referral, now, "toewijzen");
    if (input.assignedUserId) {
      const orgs = await activeOrganizationIds(tx, input.assignedUserId);
      if (!orgs.has(referral.receiverOrganizationId)) {
        throw unprocessable(
          "assignee-not-member",
          "Je kunt alleen een actieve medewerker of beheerder van de ontvangende organisatie toewijzen.",
        );
      }
    }
    const [updated] = await tx
      .update(referrals)
      .set({ assignedUserId: input.assignedUserId, version: referral.version + 1, updatedAt: now })
      .where(eq(referrals.id, referral.id))
      .returning();
    if (!updated) throw new Error("referral vanished");
    await recordEvent(tx, {
      referralId: referral.id,
      at: now,
      ...eventActor(actor),
      actorOrganizationId: referral.receiverOrganizationId,
      type: "assigned",
      details: { assignedUserId: input.assignedUserId, previousAssignedUserId: referral.assignedUserId },
    });
    if (
      input.assignedUserId &&
      input.assignedUserId !== actingUserId(actor) &&
      input.assignedUserId !== referral.assignedUserId
    ) {
      await notify(txCtx, {
        to: { users: [input.assignedUserId] },
        kind: "referral_assigned",
        referral: updated,
        text: `Je bent toegewezen aan een verwijzing naar ${await serviceName(tx, referral)}.`,
        at: now,
      });
    }
    const view = await referralView(tx, updated, "receiver", now);
    // The answer shows the resident (as far as consented): that read is logged, as every other.
    if (view.residentAccess !== "none") {
      await logResidentAccess(tx, {
        at: now,
        ...actingAs(actor),
        organizationId: referral.receiverOrganizationId,
        action: "referral.assign",
        residentId: referral.residentId,
        details: { referralId: referral.id, assignedUserId: input.assignedUserId, dataCategories: referral.dataCategories },
      });
    }
    return view;
  });
}
