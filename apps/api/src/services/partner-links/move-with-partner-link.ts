import { isFinal, type PartnerLinkMoveInput, partnerLinkAllowedMoves, referralStatusLabels } from "@schakel/core";
import { contactAttempts, partnerLinks, referralEvents } from "@schakel/db";
import { eq } from "drizzle-orm";
import { conflict } from "../../lib/problem";
import { type ServiceContext, withTransaction } from "../context";
import { applyMove } from "../referrals/move";
import { requireConsentInForce, requireMoveComplete } from "../referrals/participants";
import { partnerLightIntake } from "./partner-light";
import { admitPartnerLinkUse, logPartnerLinkUse, partnerLinkUseSucceeded } from "./partner-link-view";
import { resolvePartnerLink } from "./resolve-partner-link";

/**
 * One step with a partner-light link (ADR 0029): the lifecycle's own rules and `applyMove`, as
 * the receiving organization with nobody signed in, so the sender's feedback, the escalation
 * ladder and the events are those of any move. "Contact gelegd" first records a contact attempt
 * that reached the resident. The link is used up; the move itself makes every older link stale,
 * and the intake address gets the next one.
 */
export async function moveWithPartnerLink(
  ctx: ServiceContext,
  input: { token: string; address: string; move: PartnerLinkMoveInput },
) {
  await admitPartnerLinkUse(ctx, input.address);
  const now = ctx.clock.now();
  const m = input.move;
  const result = await withTransaction(ctx, async (tx, txCtx) => {
    const { link, referral } = await resolvePartnerLink(tx, input.token, now, { forUpdate: true });
    await requireConsentInForce(tx, referral, now, "een stap zetten");
    if (!partnerLinkAllowedMoves(referral.status, referral.pausedFrom).includes(m.to)) {
      throw conflict(
        `Deze stap kan nu niet: de verwijzing is ${referralStatusLabels[referral.status].toLowerCase()}. Laad de pagina opnieuw.`,
      );
    }
    const details = { partnerLinkId: link.id, via: "partner_link" };
    if (m.to === "in_contact") {
      const [attempt] = await tx
        .insert(contactAttempts)
        .values({
          referralId: referral.id,
          channel: m.channel ?? "phone",
          result: "contact_appointment",
          note: null,
          at: now,
          byUserId: null,
        })
        .returning();
      if (!attempt) throw new Error("contact attempt not stored");
      await tx.insert(referralEvents).values({
        referralId: referral.id,
        at: now,
        actorUserId: null,
        actorOrganizationId: referral.receiverOrganizationId,
        type: "contact_attempt",
        note: null,
        details: {
          attemptId: attempt.id,
          channel: attempt.channel,
          result: attempt.result,
          attemptedAt: now.toISOString(),
          ...details,
        },
      });
    }
    await requireMoveComplete(tx, referral.id, m);
    await tx.update(partnerLinks).set({ usedAt: now, usedFor: m.to }).where(eq(partnerLinks.id, link.id));
    const updated = await applyMove(txCtx, referral, {
      to: m.to,
      at: now,
      actorUserId: null,
      actorOrganizationId: referral.receiverOrganizationId,
      reason: m.to === "declined" ? (m.reason ?? null) : null,
      outcome: m.to === "completed" ? (m.outcome ?? null) : null,
      moneyOutcomeCents: m.to === "completed" ? (m.moneyOutcomeCents ?? null) : null,
      details,
    });
    await logPartnerLinkUse(tx, { at: now, link, referral, action: "partner_link.move", to: m.to });
    const intake = await partnerLightIntake(tx, updated);
    return {
      reference: updated.reference,
      status: updated.status,
      statusLabel: referralStatusLabels[updated.status],
      // A closed referral has no next step: its last mail carries no link.
      nextLinkMailedTo: intake && !isFinal(updated.status) ? intake.intakeEmail : null,
    };
  });
  await partnerLinkUseSucceeded(ctx, input.address);
  return result;
}
