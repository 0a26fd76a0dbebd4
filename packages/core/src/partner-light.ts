/**
 * Partner-light (ADR 0029): a receiver without an account reports its steps through a link in
 * its mail. Which steps a link offers, and what each needs, follow the lifecycle in ./referrals.
 */
import { z } from "zod";
import { contactAttemptChannels } from "./contact";
import { textUpTo } from "./fields";
import { allowedMoves, type ReferralStatus, transitionFieldProblems } from "./referrals";

/**
 * How long a mailed link works. Long enough for a volunteer who reads the intake mailbox once a
 * week or is away for a fortnight; short enough that an old mail in an archive or a forwarded
 * thread stops working. Most links go stale much sooner: at the referral's next move.
 */
export const PARTNER_LINK_VALID_DAYS = 30;

/** The moves a link can make: receipt, taking it up or not, contact made, the end. */
export const partnerLinkMoves = ["received", "accepted", "declined", "in_contact", "completed"] as const;
export type PartnerLinkMove = (typeof partnerLinkMoves)[number];

/** The buttons on the partner page. */
export const partnerLinkMoveLabels: Record<PartnerLinkMove, string> = {
  received: "Ontvangst bevestigen",
  accepted: "Oppakken",
  declined: "Afwijzen",
  in_contact: "Contact gelegd met de inwoner",
  completed: "Afronden",
};

/**
 * The moves a link may make from this status: confirming receipt is the move Schakel makes when
 * a receiver first opens a referral; the rest are the receiver's own moves in the lifecycle.
 */
export function partnerLinkAllowedMoves(status: ReferralStatus, pausedFrom?: ReferralStatus | null): PartnerLinkMove[] {
  if (status === "sent") return ["received"];
  const receiver = allowedMoves(status, "receiver", pausedFrom ?? undefined);
  return partnerLinkMoves.filter((m) => m !== "received" && receiver.includes(m));
}

/** One move made with a link: what the move needs, checked with the lifecycle's own rules. */
export const PartnerLinkMoveSchema = z
  .object({
    to: z.enum(partnerLinkMoves, { error: "Kies een stap." }),
    reason: textUpTo(1000, { multiline: true }).optional(),
    outcome: z.enum(["helped", "not_helped"], { error: "Kies de uitkomst: geholpen of niet geholpen." }).optional(),
    moneyOutcomeCents: z
      .number({ error: "Vul een bedrag in hele centen in." })
      .int("Vul een bedrag in hele centen in.")
      .min(0, "Een bedrag is niet negatief.")
      .optional(),
    /** How contact was made ("contact gelegd"). */
    channel: z.enum(contactAttemptChannels, { error: "Kies hoe je contact had." }).optional(),
  })
  .superRefine((input, ctx) => {
    for (const [field, message] of Object.entries(transitionFieldProblems(input))) {
      ctx.addIssue({ code: "custom", path: [field], message });
    }
    if (input.channel && input.to !== "in_contact") {
      ctx.addIssue({ code: "custom", path: ["channel"], message: "Hoe je contact had, hoort alleen bij 'contact gelegd'." });
    }
  });
export type PartnerLinkMoveInput = z.infer<typeof PartnerLinkMoveSchema>;

/** Why a link no longer works, for the page's "Deze link werkt niet meer, omdat …". */
export const partnerLinkRefusals = ["unknown", "expired", "revoked", "moved_on", "used", "closed", "with_account"] as const;
export type PartnerLinkRefusal = (typeof partnerLinkRefusals)[number];

export const partnerLinkRefusalReasons: Record<PartnerLinkRefusal, string> = {
  unknown: "Schakel deze link niet kent. Kijk of je de hele link hebt gekopieerd, of open de link opnieuw vanuit de mail.",
  expired: `de link langer dan ${PARTNER_LINK_VALID_DAYS} dagen geleden is verstuurd. Vraag de verwijzer om een nieuwe link.`,
  revoked: "de verwijzer een nieuwe link heeft gestuurd. Gebruik de link in de nieuwste mail.",
  moved_on: "de verwijzing intussen een stap verder is. De nieuwste mail over deze verwijzing heeft de link die nu werkt.",
  used: "deze stap met deze link al is gezet. De nieuwste mail over deze verwijzing heeft de link die nu werkt.",
  closed: "de verwijzing is afgesloten. Er hoeft niets meer te gebeuren.",
  with_account: "jullie organisatie nu met een account in Schakel werkt. Log in om de verwijzing te zien.",
};
