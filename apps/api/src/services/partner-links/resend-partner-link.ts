import { PARTNER_LINK_VALID_DAYS } from "@schakel/core";
import { HttpProblem, unprocessable } from "../../lib/problem";
import { requireActor, type ServiceContext, withTransaction } from "../context";
import { loadReferralForActor } from "../referrals/access";
import { requireOpen } from "../referrals/participants";
import { issuePartnerLink, partnerLightIntake } from "./partner-light";

/**
 * The sending side revokes the referral's partner link and mails a fresh one to the receiver's
 * intake address as it is now (say, after it changed, or when a mail got lost). Who asked is kept
 * on the new link (issuedByUserId).
 */
export async function resendPartnerLink(ctx: ServiceContext, input: { referralId: string }) {
  const actor = requireActor(ctx);
  const now = ctx.clock.now();
  return withTransaction(ctx, async (tx, txCtx) => {
    const { referral, sides } = await loadReferralForActor(tx, actor, input.referralId, { forUpdate: true });
    if (!sides.has("sender")) {
      throw new HttpProblem("wrong-side", "Alleen de verwijzer kan een nieuwe link naar de ontvanger sturen.");
    }
    requireOpen(referral, "een nieuwe link sturen");
    const intake = await partnerLightIntake(tx, referral);
    if (!intake) {
      throw unprocessable(
        "not-partner-light",
        "Deze ontvanger werkt met een account in Schakel; er is geen link om opnieuw te sturen.",
      );
    }
    await issuePartnerLink(txCtx, referral, {
      at: now,
      issuedByUserId: actor.userId,
      headline: "De verwijzer heeft een nieuwe link gestuurd voor deze verwijzing. Oudere links werken niet meer.",
    });
    return {
      sentTo: intake.intakeEmail,
      expiresAt: new Date(now.getTime() + PARTNER_LINK_VALID_DAYS * 86_400_000).toISOString(),
    };
  });
}
