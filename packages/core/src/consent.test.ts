import { describe, expect, test } from "vitest";
import {
  CONSENT_END_IN_PAST,
  ConsentCreateSchema,
  ConsentWithdrawalSchema,
  categoriesAllowedFor,
  checkConsentEnd,
  consentEndProblem,
  consentEndTooFar,
  consentIsValid,
  consentProblem,
  isDebtService,
} from "./consent";

const now = new Date("2026-11-23T12:00:00Z");
const consent = {
  receivingOrganizationId: "plangroep",
  dataCategories: ["contact", "request", "debts"] as const,
  validUntil: new Date("2027-05-23T12:00:00Z"),
  withdrawnAt: null,
};

describe("consent", () => {
  test("covers the receiver and the categories while valid", () => {
    expect(consentProblem(consent, { receivingOrganizationId: "plangroep", categories: ["contact", "debts"], now })).toBeNull();
    expect(consentIsValid(consent, now)).toBe(true);
  });

  test("says why it does not cover a request", () => {
    expect(consentProblem(null, { receivingOrganizationId: "plangroep", categories: [], now })).toMatch(/geen toestemming/);
    expect(consentProblem(consent, { receivingOrganizationId: "rijnstad", categories: [], now })).toMatch(/andere organisatie/);
    expect(consentProblem(consent, { receivingOrganizationId: "plangroep", categories: ["finances", "household"], now })).toBe(
      "De toestemming geldt niet voor: inkomen en uitgaven, huishouden.",
    );
    const later = new Date("2027-06-01T00:00:00Z");
    expect(consentProblem(consent, { receivingOrganizationId: "plangroep", categories: [], now: later })).toMatch(/verlopen/);
    expect(consentIsValid(consent, later)).toBe(false);
    const withdrawn = { ...consent, withdrawnAt: now };
    expect(consentProblem(withdrawn, { receivingOrganizationId: "plangroep", categories: [], now })).toMatch(/ingetrokken/);
    expect(consentIsValid(withdrawn, now)).toBe(false);
  });

  test("health never goes to a debt service", () => {
    expect(isDebtService({ organizationKind: "schuldhulpverlening", lifeDomains: [] })).toBe(true);
    expect(isDebtService({ organizationKind: "wijkteam", lifeDomains: ["schulden", "wonen"] })).toBe(true);
    expect(categoriesAllowedFor({ organizationKind: "schuldhulpverlening", lifeDomains: ["schulden"] })).not.toContain("health");
    expect(categoriesAllowedFor({ organizationKind: "wijkteam", lifeDomains: ["gezondheid"] })).toContain("health");
  });
});

describe("ConsentCreateSchema", () => {
  const valid = {
    receivingOrganizationId: "3f2b8c1e-6d7a-4b5c-9e0f-1a2b3c4d5e6f",
    purpose: " Aanmelding voor schuldhulp ",
    dataCategories: ["contact", "request", "debts"],
    method: "mondeling",
    feedbackLevel: "outcome",
    validUntil: "2027-05-23T00:00:00Z",
  };
  const issues = (input: unknown) =>
    Object.fromEntries((ConsentCreateSchema.safeParse(input).error?.issues ?? []).map((i) => [i.path.join("."), i.message]));

  test("a complete consent passes, its purpose trimmed", () => {
    expect(ConsentCreateSchema.parse(valid).purpose).toBe("Aanmelding voor schuldhulp");
  });

  test("each rule, with its Dutch message at the field", () => {
    expect(issues({ ...valid, purpose: " ab " })).toEqual({ purpose: "Beschrijf het doel." });
    expect(issues({ ...valid, purpose: "x".repeat(501) })).toEqual({ purpose: "Beschrijf het doel in hoogstens 500 tekens." });
    expect(issues({ ...valid, dataCategories: [] })).toEqual({ dataCategories: "Kies minstens één soort gegevens." });
    expect(issues({ ...valid, dataCategories: ["contact", "bsn"] })).toEqual({
      "dataCategories.1": "Kies een soort gegevens uit de lijst.",
    });
    expect(issues({ ...valid, method: "telepathisch" })).toEqual({ method: "Kies mondeling, schriftelijk of digitaal." });
    expect(issues({ ...valid, feedbackLevel: "alles" })).toEqual({ feedbackLevel: "Kies wat de verwijzer terug mag horen." });
    expect(issues({ ...valid, validUntil: "23-05-2027" })).toEqual({
      validUntil: "Gebruik een tijdstip als 2027-05-23T00:00:00Z.",
    });
    expect(issues({ ...valid, receivingOrganizationId: "plangroep" })).toEqual({
      receivingOrganizationId: "Dit is geen geldige id.",
    });
  });

  test("a withdrawal may give a reason of up to 500 characters", () => {
    expect(ConsentWithdrawalSchema.parse({})).toEqual({});
    expect(ConsentWithdrawalSchema.parse({ reason: " Wil het zelf regelen " })).toEqual({ reason: "Wil het zelf regelen" });
    expect(ConsentWithdrawalSchema.safeParse({ reason: "x".repeat(501) }).error?.issues[0]?.message).toBe(
      "Gebruik hoogstens 500 tekens.",
    );
  });
});

describe("consentEndProblem", () => {
  test("a consent is recorded only with an end after now", () => {
    expect(consentEndProblem(new Date("2026-11-24T00:00:00Z"), now)).toBeNull();
    expect(consentEndProblem(now, now)).toBe(CONSENT_END_IN_PAST);
    expect(consentEndProblem(new Date("2026-11-22T12:00:00Z"), now)).toBe(CONSENT_END_IN_PAST);
  });

  test("and at most two years (730 days) ahead by default, or the maximum given", () => {
    const latest = new Date(now.getTime() + 730 * 24 * 60 * 60 * 1000);
    expect(consentEndProblem(latest, now)).toBeNull();
    expect(consentEndProblem(new Date(latest.getTime() + 1000), now)).toBe(consentEndTooFar(730));
    expect(consentEndTooFar(730)).toContain("twee jaar");
    expect(consentEndProblem(new Date(now.getTime() + 40 * 24 * 60 * 60 * 1000), now, 30)).toBe(consentEndTooFar(30));
    expect(consentEndProblem(new Date(now.getTime() + 20 * 24 * 60 * 60 * 1000), now, 30)).toBeNull();
    const schema = ConsentCreateSchema.superRefine(checkConsentEnd(now, 30));
    const far = schema.safeParse({
      receivingOrganizationId: "3f2b8c1e-6d7a-4b5c-9e0f-1a2b3c4d5e6f",
      purpose: "Aanmelding voor schuldhulp",
      dataCategories: ["contact"],
      method: "mondeling",
      feedbackLevel: "outcome",
      validUntil: "2027-06-01T00:00:00Z",
    });
    expect(far.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["validUntil", consentEndTooFar(30)]]);
  });

  test("as a refinement it reports on validUntil, and leaves a missing or malformed end to the field's own rule", () => {
    const schema = ConsentCreateSchema.superRefine(checkConsentEnd(now));
    const base = {
      receivingOrganizationId: "3f2b8c1e-6d7a-4b5c-9e0f-1a2b3c4d5e6f",
      purpose: "Aanmelding voor schuldhulp",
      dataCategories: ["contact"],
      method: "mondeling",
      feedbackLevel: "outcome",
    };
    const past = schema.safeParse({ ...base, validUntil: "2026-11-01T00:00:00Z" });
    expect(past.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["validUntil", CONSENT_END_IN_PAST]]);
    expect(schema.safeParse({ ...base, validUntil: "2027-01-01T00:00:00Z" }).success).toBe(true);
    const malformed = schema.safeParse({ ...base, validUntil: "morgen" });
    expect(malformed.error?.issues.map((i) => i.message)).not.toContain(CONSENT_END_IN_PAST);
  });
});
