import fc from "fast-check";
import { describe, expect, test } from "vitest";
import type { z } from "zod";
import { dataCategories } from "./consent";
import { CONTACT_NOT_SHARED } from "./reach";
import { categoryNoteKeys, checkReferralCreate, ReferralCreateFieldsSchema, ReferralCreateSchema } from "./referral-create";

const valid = {
  residentId: "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f",
  serviceId: "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a",
  lawfulBasis: "consent",
  consentId: "7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d",
  dataCategories: ["contact", "request", "debts"],
  request: "Wil hulp bij schulden bij de zorgverzekeraar.",
};

function issues(schema: z.ZodType, input: unknown): Record<string, string> {
  const result = schema.safeParse(input);
  return Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));
}

describe("ReferralCreateSchema", () => {
  test("a referral on consent with a request passes, and gets its defaults", () => {
    expect(ReferralCreateSchema.parse(valid)).toEqual({
      ...valid,
      categoryNotes: {},
      urgency: "normal",
      driegesprek: { wanted: false, proposedMoments: [] },
      safetyFlag: false,
      reachableViaSender: false,
    });
  });

  test("without the contact data the referral needs 'Bereikbaar via mij', reported on dataCategories", () => {
    const noContact = { ...valid, dataCategories: ["request"] };
    expect(issues(ReferralCreateSchema, noContact)).toEqual({ dataCategories: CONTACT_NOT_SHARED });
    expect(ReferralCreateSchema.safeParse({ ...noContact, reachableViaSender: true }).success).toBe(true);
    // A step that does not ask for the choice yet is not judged on it.
    const step = ReferralCreateFieldsSchema.pick({ dataCategories: true, request: true }).superRefine(checkReferralCreate);
    expect(step.safeParse({ dataCategories: ["request"], request: valid.request }).success).toBe(true);
  });

  test("each field's rule, with its Dutch message at the field", () => {
    const broken = (change: object) => issues(ReferralCreateSchema, { ...valid, ...change });
    expect(broken({ request: " te kort " })).toEqual({ request: "Beschrijf de hulpvraag in minstens 10 tekens." });
    expect(broken({ request: "x".repeat(2001) })).toEqual({ request: "Beschrijf de hulpvraag in hoogstens 2000 tekens." });
    expect(broken({ dataCategories: [] })).toEqual({ dataCategories: "Kies welke gegevens je meestuurt." });
    expect(broken({ lawfulBasis: "belang" })).toEqual({ lawfulBasis: "Kies de grondslag: toestemming of wettelijke taak." });
    expect(broken({ lifeDomains: ["sport"] })).toEqual({ "lifeDomains.0": "Kies een bestaand leefgebied (zie /categories)." });
    expect(broken({ categoryNotes: { debts: "x".repeat(1001) } })).toEqual({
      "categoryNotes.debts": "Gebruik hoogstens 1000 tekens.",
    });
    expect(
      broken({ driegesprek: { wanted: true, proposedMoments: Array.from({ length: 6 }, () => "2026-11-26T10:00:00Z") } }),
    ).toEqual({ "driegesprek.proposedMoments": "Stel hooguit 5 momenten voor." });
    expect(broken({ driegesprek: { wanted: true, proposedMoments: ["morgen om tien"] } })).toEqual({
      "driegesprek.proposedMoments.0": "Gebruik een tijdstip als 2027-05-23T00:00:00Z.",
    });
  });

  test("a consent is required on the basis of consent, and not on a legal task", () => {
    const { consentId: _, ...withoutConsent } = valid;
    expect(issues(ReferralCreateSchema, withoutConsent)).toEqual({
      consentId: "Kies de toestemming waarop deze verwijzing rust.",
    });
    expect(issues(ReferralCreateSchema, { ...withoutConsent, lawfulBasis: "wgs_task" })).toEqual({});
  });

  test("urgent needs a reason why; normal does not", () => {
    expect(issues(ReferralCreateSchema, { ...valid, urgency: "urgent" })).toEqual({
      urgencyReason: "Geef aan waarom het spoed heeft.",
    });
    expect(issues(ReferralCreateSchema, { ...valid, urgency: "urgent", urgencyReason: "eviction" })).toEqual({});
    expect(issues(ReferralCreateSchema, { ...valid, urgency: "normal" })).toEqual({});
  });

  test("the safety flag goes only with the safety category", () => {
    expect(issues(ReferralCreateSchema, { ...valid, safetyFlag: true })).toEqual({
      safetyFlag: "De veiligheidsmelding mag alleen mee als 'veiligheid' bij de gegevens staat.",
    });
    expect(
      issues(ReferralCreateSchema, { ...valid, safetyFlag: true, dataCategories: [...valid.dataCategories, "safety"] }),
    ).toEqual({});
  });

  test("a category's note goes only with that category", () => {
    fc.assert(
      fc.property(fc.subarray([...dataCategories], { minLength: 1 }), fc.subarray([...categoryNoteKeys]), (shared, noted) => {
        const categoryNotes = Object.fromEntries(noted.map((key) => [key, "Een korte notitie"]));
        const expected = Object.fromEntries(
          noted
            .filter((key) => !shared.includes(key))
            .map((key) => [`categoryNotes.${key}`, "Deze gegevens staan niet bij wat je meestuurt."]),
        );
        // Reachable through the sender, so sharing no contact data is no issue here.
        const input = { ...valid, dataCategories: shared, categoryNotes, reachableViaSender: true };
        expect(issues(ReferralCreateSchema, input)).toEqual(expected);
      }),
    );
  });

  test("a form step checks only the fields it asks for", () => {
    const urgencyStep = ReferralCreateFieldsSchema.pick({ urgency: true, urgencyReason: true }).superRefine(checkReferralCreate);
    expect(issues(urgencyStep, { urgency: "urgent" })).toEqual({ urgencyReason: "Geef aan waarom het spoed heeft." });
    expect(issues(urgencyStep, { urgency: "normal" })).toEqual({});
    const sharingStep = ReferralCreateFieldsSchema.pick({
      dataCategories: true,
      categoryNotes: true,
      safetyFlag: true,
    }).superRefine(checkReferralCreate);
    expect(issues(sharingStep, { dataCategories: ["contact"], categoryNotes: { health: "Slaapt slecht" } })).toEqual({
      "categoryNotes.health": "Deze gegevens staan niet bij wat je meestuurt.",
    });
  });
});
