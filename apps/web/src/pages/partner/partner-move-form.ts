import { contactAttemptChannels, outcomes, PartnerLinkMoveSchema, partnerLinkMoves, partnerLinkRefusals } from "@schakel/core";
import { z } from "zod";
import { eurosToCents } from "../../lib/referrals";

/**
 * The partner page's form: what the partner types (a reason, an outcome, an amount in euros, how
 * contact was made), turned into a step and checked by core's PartnerLinkMoveSchema — the rules
 * the API applies. Only turning typed euros into cents is the form's own.
 */
export const PartnerMoveFormSchema = z
  .object({
    to: z.enum(partnerLinkMoves),
    reason: z.string(),
    outcome: z.enum(outcomes).or(z.literal("")),
    moneyOutcomeCents: z.string(),
    channel: z.enum(contactAttemptChannels),
  })
  .transform((form, ctx) => {
    const completing = form.to === "completed";
    const cents = completing && form.moneyOutcomeCents.trim() ? eurosToCents(form.moneyOutcomeCents) : undefined;
    if (cents === null) {
      ctx.addIssue({
        code: "custom",
        path: ["moneyOutcomeCents"],
        message: "Vul een bedrag in euro's in, zoals 500 of 1.250,50.",
      });
      return z.NEVER;
    }
    return {
      to: form.to,
      ...(form.to === "declined" && form.reason.trim() ? { reason: form.reason } : {}),
      ...(completing && form.outcome ? { outcome: form.outcome } : {}),
      ...(cents !== undefined ? { moneyOutcomeCents: cents } : {}),
      ...(form.to === "in_contact" ? { channel: form.channel } : {}),
    };
  })
  .pipe(PartnerLinkMoveSchema);

export type PartnerMoveFormValues = z.input<typeof PartnerMoveFormSchema>;

export const emptyPartnerMove = (to: PartnerMoveFormValues["to"]): PartnerMoveFormValues => ({
  to,
  reason: "",
  outcome: "",
  moneyOutcomeCents: "",
  channel: "phone",
});

/** The token from the page's address: /partner#t=… (the fragment never reaches a server). */
export function tokenFromHash(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, "")).get("t")?.trim();
  return token && /^[A-Za-z0-9_-]{20,64}$/.test(token) ? token : null;
}

/** Whether a problem is a link that does not work (any more), by the last part of its type. */
export function isLinkRefusal(type: string): boolean {
  return partnerLinkRefusals.some((r) => type.endsWith(`/partner-link-${r.replace("_", "-")}`));
}
