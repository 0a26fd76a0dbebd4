/** Sending a referral: what the sender fills in, and the rules across its fields. */
import { z } from "zod";
import { dataCategories, lawfulBases } from "./consent";
import { preferredChannels, urgencies, urgencyReasons } from "./contact";
import { MAX_PROPOSED_MOMENTS } from "./driegesprek";
import { textUpTo, UtcDateTimeSchema, UuidSchema, withoutControlCharacters } from "./fields";
import { LifeDomainSchema, lifeDomains } from "./life-domains";
import { contactSharingProblem } from "./reach";

/** The data categories that carry a short note of their own. */
export const categoryNoteKeys = ["finances", "debts", "household", "health"] as const;
export type CategoryNoteKey = (typeof categoryNoteKeys)[number];

export const REFERRAL_REQUEST_MIN_LENGTH = 10;

export const CategoryNotesSchema = z.object({
  finances: textUpTo(1000, { multiline: true }).optional(),
  debts: textUpTo(1000, { multiline: true }).optional(),
  household: textUpTo(1000, { multiline: true }).optional(),
  health: textUpTo(1000, { multiline: true }).optional(),
});
export type CategoryNotes = z.infer<typeof CategoryNotesSchema>;

export const DriegesprekWishSchema = z.object({
  wanted: z.boolean(),
  proposedMoments: z
    .array(UtcDateTimeSchema)
    .max(MAX_PROPOSED_MOMENTS, `Stel hooguit ${MAX_PROPOSED_MOMENTS} momenten voor.`)
    .default([]),
});

/**
 * The referral's fields without the rules across them, for forms that ask for a few fields at a
 * time (pick what a step asks, then add {@link checkReferralCreate}).
 */
export const ReferralCreateFieldsSchema = z.object({
  residentId: UuidSchema,
  serviceId: UuidSchema,
  lawfulBasis: z.enum(lawfulBases, { error: "Kies de grondslag: toestemming of wettelijke taak." }),
  consentId: UuidSchema.optional(),
  dataCategories: z
    .array(z.enum(dataCategories, { error: "Kies een soort gegevens uit de lijst." }), {
      error: "Kies welke gegevens je meestuurt.",
    })
    .min(1, "Kies welke gegevens je meestuurt."),
  request: withoutControlCharacters(
    z
      .string({ error: `Beschrijf de hulpvraag in minstens ${REFERRAL_REQUEST_MIN_LENGTH} tekens.` })
      .trim()
      .min(REFERRAL_REQUEST_MIN_LENGTH, `Beschrijf de hulpvraag in minstens ${REFERRAL_REQUEST_MIN_LENGTH} tekens.`)
      .max(2000, "Beschrijf de hulpvraag in hoogstens 2000 tekens."),
    { multiline: true },
  ),
  categoryNotes: CategoryNotesSchema.default({}),
  lifeDomains: z.array(LifeDomainSchema).max(lifeDomains.length).optional(),
  urgency: z.enum(urgencies, { error: "Kies gewoon of spoed." }).default("normal"),
  urgencyReason: z.enum(urgencyReasons, { error: "Geef aan waarom het spoed heeft." }).optional(),
  preferredChannel: z.enum(preferredChannels, { error: "Kies hoe de inwoner bereikt wil worden." }).optional(),
  reachableViaSender: z.boolean({ error: "Geef aan of de inwoner via jou bereikbaar is." }).default(false),
  driegesprek: DriegesprekWishSchema.default({ wanted: false, proposedMoments: [] }),
  safetyFlag: z.boolean().default(false),
  /** The closed referral this one follows up (a decline with a suggested service, say): same resident and sender. */
  previousReferralId: UuidSchema.optional(),
});
export type ReferralCreateFields = z.infer<typeof ReferralCreateFieldsSchema>;

/**
 * The rules across a referral's fields, each reported on the field it concerns. Fields a form
 * has not asked for yet are skipped, so a step can check just its own part.
 */
export function checkReferralCreate(v: Partial<ReferralCreateFields>, ctx: z.RefinementCtx): void {
  if (v.lawfulBasis === "consent" && !v.consentId)
    ctx.addIssue({ code: "custom", path: ["consentId"], message: "Kies de toestemming waarop deze verwijzing rust." });
  if (v.urgency === "urgent" && !v.urgencyReason)
    ctx.addIssue({ code: "custom", path: ["urgencyReason"], message: "Geef aan waarom het spoed heeft." });
  const shared = v.dataCategories;
  if (!shared) return;
  if (v.reachableViaSender !== undefined && shared.length > 0) {
    const notShared = contactSharingProblem({ dataCategories: shared, reachableViaSender: v.reachableViaSender });
    if (notShared) ctx.addIssue({ code: "custom", path: ["dataCategories"], message: notShared });
  }
  if (v.safetyFlag && !shared.includes("safety")) {
    ctx.addIssue({
      code: "custom",
      path: ["safetyFlag"],
      message: "De veiligheidsmelding mag alleen mee als 'veiligheid' bij de gegevens staat.",
    });
  }
  for (const key of categoryNoteKeys) {
    if (v.categoryNotes?.[key] && !shared.includes(key)) {
      ctx.addIssue({ code: "custom", path: ["categoryNotes", key], message: "Deze gegevens staan niet bij wat je meestuurt." });
    }
  }
}

export const ReferralCreateSchema = ReferralCreateFieldsSchema.superRefine(checkReferralCreate);
export type ReferralCreate = z.infer<typeof ReferralCreateSchema>;
