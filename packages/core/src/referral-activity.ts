/** What either side adds to a referral besides a move: messages, contact attempts, the driegesprek. */
import { z } from "zod";
import { contactAttemptChannels, contactAttemptResults } from "./contact";
import { MAX_PROPOSED_MOMENTS } from "./driegesprek";
import { textUpTo, UtcDateTimeSchema, withoutControlCharacters } from "./fields";

export const MESSAGE_MAX_LENGTH = 2000;

export const ReferralMessageCreateSchema = z.object({
  text: withoutControlCharacters(
    z
      .string({ error: "Schrijf een bericht." })
      .trim()
      .min(1, "Schrijf een bericht.")
      .max(MESSAGE_MAX_LENGTH, `Een bericht is hooguit ${MESSAGE_MAX_LENGTH} tekens.`),
    { multiline: true },
  ),
});
export type ReferralMessageCreate = z.infer<typeof ReferralMessageCreateSchema>;

/** A contact attempt; its moment defaults to now and may not lie in the future (the API checks that). */
export const ContactAttemptCreateSchema = z.object({
  channel: z.enum(contactAttemptChannels, { error: "Kies hoe je de inwoner probeerde te bereiken." }),
  result: z.enum(contactAttemptResults, { error: "Kies wat de poging opleverde." }),
  note: textUpTo(1000, { multiline: true }).optional(),
  at: UtcDateTimeSchema.optional(),
});
export type ContactAttemptCreate = z.infer<typeof ContactAttemptCreateSchema>;

/** Moments for a driegesprek; they must lie in the future (the API checks that against its clock). */
export const DriegesprekProposalSchema = z.object({
  moments: z
    .array(UtcDateTimeSchema, { error: "Stel minstens één moment voor." })
    .min(1, "Stel minstens één moment voor.")
    .max(MAX_PROPOSED_MOMENTS, `Stel hooguit ${MAX_PROPOSED_MOMENTS} momenten voor.`),
});
export type DriegesprekProposal = z.infer<typeof DriegesprekProposalSchema>;

/** The confirmed moment with a place, a video link, or both; never neither. */
export const DriegesprekConfirmationSchema = z
  .object({
    at: UtcDateTimeSchema,
    place: withoutControlCharacters(
      z.string().trim().min(1, "Geef een plaats of een videolink.").max(200, "Gebruik hoogstens 200 tekens."),
    ).optional(),
    videoLink: z
      .url({ protocol: /^https$/, error: "Geef een https-link naar de videoverbinding." })
      .max(500, "Gebruik hoogstens 500 tekens.")
      .optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.place && !v.videoLink) ctx.addIssue({ code: "custom", path: ["place"], message: "Geef een plaats of een videolink." });
  });
export type DriegesprekConfirmation = z.infer<typeof DriegesprekConfirmationSchema>;

export const DriegesprekOutcomeSchema = z.object({
  held: z.boolean({ error: "Geef aan of het driegesprek is doorgegaan." }),
  note: textUpTo(1000, { multiline: true }).optional(),
});
export type DriegesprekOutcome = z.infer<typeof DriegesprekOutcomeSchema>;
