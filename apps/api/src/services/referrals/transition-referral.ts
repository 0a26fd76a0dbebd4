import { canMove, isFinal, type ReferralStatus } from "@schakel/core";
import { services } from "@schakel/db";
import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { conflict, HttpProblem, notFound } from "../../lib/problem";
import type { ReferralTransitionSchema } from "../../schemas/referrals";
import { logResidentAccess } from "../access-log";
import { actingAs, eventActor } from "../actor";
import { requireActor, type ServiceContext, withTransaction } from "../context";
import { loadReferralForActor, requireVersion, type Side, viewSide } from "./access";
import { applyMove } from "./move";
import { requireConsentInForce, requireMoveComplete } from "./participants";
import { referralView } from "./view";

/** Which side makes a move to this status (received and expired are Schakel's own). */
const sideFor = (to: ReferralStatus): Side => (to === "withdrawn" ? "sender" : "receiver");

/**
 * Moves a referral along its lifecycle. The caller's version must be the current one (If-Match),
 * so two workers never overwrite each other silently; the move must be allowed for the caller's
 * side and carry what it needs (a reason to decline, an outcome to complete, …).
 */
export async function transitionReferral(
  ctx: ServiceContext,
  input: {
    referralId: string;
    expectedVersion: number;
    transition: z.infer<typeof ReferralTransitionSchema>;
  },
) {
  const actor = requireActor(ctx, { scope: "referrals:write" });
  const now = ctx.clock.now();
  const t = input.transition;
  return withTransaction(ctx, async (tx, txCtx) => {
    const { referral, sides } = await loadReferralForActor(tx, actor, input.referralId, { forUpdate: true });
    // Checked against the version this person was shown (GET shows someone on both sides the sender view).
    requireVersion(referral, input.expectedVersion, viewSide(sides));
    const side = sideFor(t.to);
    if (!sides.has(side)) {
      throw new HttpProblem(
        "wrong-side",
        side === "sender"
          ? "Alleen de verwijzer kan een verwijzing intrekken."
          : "Alleen de ontvangende organisatie zet deze stap.",
      );
    }
    // The sender may still withdraw a referral whose consent ran out; the receiver moves it no more.
    if (side === "receiver" && !isFinal(referral.status)) {
      await requireConsentInForce(tx, referral, now, "een stap zetten");
    }
    if (!canMove(referral.status, t.to, side, referral.pausedFrom ?? undefined)) {
      throw conflict(`Van '${referral.status}' naar '${t.to}' kan niet.`);
    }
    await requireMoveComplete(tx, referral.id, t);
    if (t.suggestedServiceId) {
      const [suggested] = await tx
        .select({ id: services.id })
        .from(services)
        .where(and(eq(services.id, t.suggestedServiceId)));
      if (!suggested) throw notFound("De voorgestelde dienst bestaat niet.");
    }
    const updated = await applyMove(txCtx, referral, {
      ...t,
      at: now,
      ...eventActor(actor),
      actorOrganizationId: side === "sender" ? referral.senderOrganizationId : referral.receiverOrganizationId,
    });
    const view = await referralView(tx, updated, side, now);
    // The answer shows the resident (as far as this side may see them): logged like any read.
    if (view.residentAccess !== "none") {
      const organizationId = side === "sender" ? referral.senderOrganizationId : referral.receiverOrganizationId;
      await logResidentAccess(tx, {
        at: now,
        ...actingAs(actor),
        organizationId,
        action: "referral.transition",
        residentId: referral.residentId,
        details: { referralId: referral.id, to: t.to, dataCategories: side === "sender" ? "all" : referral.dataCategories },
      });
    }
    return view;
  });
}
