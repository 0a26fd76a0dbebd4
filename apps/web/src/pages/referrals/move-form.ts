import { outcomes, referralStatuses, TransitionSchema } from "@schakel/core";
import { z } from "zod";
import { eurosToCents } from "../../lib/referrals";

/**
 * The move form: what a person types (text, an amount in euros), turned into a move and checked
 * by core's TransitionSchema — the same rules the API applies (a reason for declining or pausing,
 * an outcome for completing, a suggestion only when declining), with its Dutch messages. Only
 * the conversion of typed euros to cents is the form's own.
 */
export const MoveFormSchema = z
  .object({
    to: z.enum(referralStatuses),
    note: z.string(),
    reason: z.string(),
    outcome: z.enum(outcomes).or(z.literal("")),
    moneyOutcomeCents: z.string(),
    suggestedServiceId: z.string(),
  })
  .transform((form, ctx) => {
    const takesReason = form.to === "declined" || form.to === "on_hold";
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
      ...(form.note.trim() ? { note: form.note } : {}),
      ...(takesReason && form.reason.trim() ? { reason: form.reason } : {}),
      ...(form.to === "declined" && form.suggestedServiceId ? { suggestedServiceId: form.suggestedServiceId } : {}),
      ...(completing && form.outcome ? { outcome: form.outcome } : {}),
      ...(cents !== undefined ? { moneyOutcomeCents: cents } : {}),
    };
  })
  .pipe(TransitionSchema);

export type MoveFormValues = z.input<typeof MoveFormSchema>;

export const emptyMove = (to: MoveFormValues["to"]): MoveFormValues => ({
  to,
  note: "",
  reason: "",
  outcome: "",
  moneyOutcomeCents: "",
  suggestedServiceId: "",
});
