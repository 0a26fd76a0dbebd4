import fc from "fast-check";
import { describe, expect, test } from "vitest";
import type { z } from "zod";
import { contactChannelKinds, contactValueRequired } from "./contact";
import {
  ContactChannelSchema,
  canReferTo,
  ServiceCreateSchema,
  ServiceUpdateSchema,
  serviceAcceptsReferrals,
  serviceRuleProblems,
} from "./services";

const ORG = "3f2b8c1e-6d7a-4b5c-9e0f-1a2b3c4d5e6f";
const valid = {
  organizationId: ORG,
  name: "Schulddienstverlening",
  description: "Hulp bij het oplossen van schulden.",
  lifeDomains: ["schulden"],
  municipalityCodes: ["GM0202"],
};

function issues(schema: z.ZodType, input: unknown): Record<string, string> {
  const result = schema.safeParse(input);
  return Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));
}
const broken = (change: object) => issues(ServiceCreateSchema, { ...valid, ...change });

describe("ServiceCreateSchema", () => {
  test("name, description, a life domain and an area are enough; the rest gets its default", () => {
    expect(ServiceCreateSchema.parse(valid)).toEqual({
      ...valid,
      ageMin: null,
      ageMax: null,
      eligibility: null,
      requiresBijstand: null,
      debtMin: null,
      debtMax: null,
      isNational: false,
      postcodeRanges: [],
      contactChannels: [],
      languages: ["nl"],
      cost: null,
      openingHours: null,
      warmHandover: null,
      acceptsReferrals: false,
      responseTargetDays: 5,
      escalation: null,
      status: "active",
    });
  });

  test("each field's rule, with its Dutch message at the field", () => {
    expect(broken({ name: " ab " })).toEqual({ name: "Geef de dienst een naam van minstens 3 tekens." });
    expect(broken({ name: "x".repeat(201) })).toEqual({ name: "Gebruik hoogstens 200 tekens." });
    expect(broken({ description: "Kort" })).toEqual({ description: "Beschrijf de dienst in minstens 10 tekens." });
    expect(broken({ description: "x".repeat(4001) })).toEqual({ description: "Gebruik hoogstens 4000 tekens." });
    expect(broken({ lifeDomains: [] })).toEqual({ lifeDomains: "Kies minstens één leefgebied." });
    expect(broken({ lifeDomains: ["sport"] })).toEqual({ "lifeDomains.0": "Kies een bestaand leefgebied (zie /categories)." });
    expect(broken({ ageMin: 121 })).toEqual({
      ageMin: "Vul een minimumleeftijd in van 0 tot en met 120 jaar, of laat het veld leeg.",
    });
    expect(broken({ ageMax: -1 })).toEqual({
      ageMax: "Vul een maximumleeftijd in van 0 tot en met 120 jaar, of laat het veld leeg.",
    });
    expect(broken({ debtMin: 10.5 })).toEqual({
      debtMin: "Vul een bedrag in hele euro's in, zoals 1000, of laat het veld leeg.",
    });
    // Beyond the int4 column PostgreSQL refused it with a 500.
    for (const amount of [2 ** 31, 2 ** 63, 1e308]) {
      expect(broken({ debtMax: amount })).toEqual({
        debtMax: "Vul een bedrag tot en met 10.000.000 euro in, of laat het veld leeg.",
      });
    }
    expect(broken({ debtMin: 10_000_000, debtMax: 10_000_000 })).toEqual({});
    expect(broken({ eligibility: "x".repeat(2001) })).toEqual({ eligibility: "Gebruik hoogstens 2000 tekens." });
    expect(broken({ municipalityCodes: ["Arnhem"] })).toEqual({
      "municipalityCodes.0": "Gebruik een CBS-gemeentecode zoals GM0202.",
    });
    expect(broken({ postcodeRanges: [{ from: 999, to: 6846 }] })).toEqual({
      "postcodeRanges.0.from": "Vul de vier cijfers van een postcode in, zoals 6811.",
    });
    expect(broken({ postcodeRanges: [{ from: 6846, to: 6811 }] })).toEqual({
      "postcodeRanges.0.to": "Het begin van het postcodebereik moet voor het einde liggen.",
    });
    expect(broken({ languages: [] })).toEqual({ languages: "Kies minstens één taal." });
    expect(broken({ languages: ["Turks"] })).toEqual({ "languages.0": "Gebruik een taalcode zoals nl, en of tr." });
    expect(broken({ cost: "x".repeat(301) })).toEqual({ cost: "Gebruik hoogstens 300 tekens." });
    expect(broken({ openingHours: "x".repeat(501) })).toEqual({ openingHours: "Gebruik hoogstens 500 tekens." });
    expect(broken({ warmHandover: "x".repeat(2001) })).toEqual({ warmHandover: "Gebruik hoogstens 2000 tekens." });
    for (const days of [0, 61, 2.5]) {
      expect(broken({ responseTargetDays: days })).toEqual({
        responseTargetDays: "Vul een aantal werkdagen in van 1 tot en met 60.",
      });
    }
    expect(broken({ status: "open" })).toEqual({ status: "Kies een status uit de lijst." });
  });

  test("a maximum may equal its minimum but not lie below it", () => {
    const range = fc.tuple(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 120 }));
    fc.assert(
      fc.property(range, range, ([ageMin, ageMax], [debtMin, debtMax]) => {
        const expected: Record<string, string> = {};
        if (ageMin > ageMax) expected.ageMax = "De maximumleeftijd moet gelijk aan of hoger dan de minimumleeftijd zijn.";
        if (debtMin > debtMax) expected.debtMax = "Het maximale schuldbedrag moet gelijk aan of hoger dan het minimum zijn.";
        expect(broken({ ageMin, ageMax, debtMin, debtMax })).toEqual(expected);
        expect(issues(ServiceUpdateSchema, { ageMin, ageMax, debtMin, debtMax })).toEqual(expected);
      }),
    );
    expect(broken({ ageMin: 18, ageMax: null, debtMin: null, debtMax: 4000 })).toEqual({});
  });

  test("a service works somewhere: nationally, in municipalities or in postcode ranges", () => {
    const noArea = { municipalityCodes: [], postcodeRanges: [], isNational: false };
    expect(broken(noArea)).toEqual({
      municipalityCodes: "Geef aan waar de dienst werkt: landelijk, gemeenten of postcodegebieden.",
    });
    expect(broken({ ...noArea, isNational: true })).toEqual({});
    expect(broken({ ...noArea, municipalityCodes: ["GM0202"] })).toEqual({});
    expect(broken({ ...noArea, postcodeRanges: [{ from: 6811, to: 6846 }] })).toEqual({});
    expect(serviceRuleProblems({ ...noArea, ageMin: 30, ageMax: 18 }).map((p) => [p.field, p.code])).toEqual([
      ["ageMax", "invalid-age-range"],
      ["municipalityCodes", "no-area"],
    ]);
  });
});

describe("ContactChannelSchema", () => {
  test("a phone number, e-mail address, WhatsApp number or website needs its value; the others may go without", () => {
    for (const kind of contactChannelKinds) {
      const problems = issues(ContactChannelSchema, { kind });
      if (contactValueRequired(kind)) expect(problems).toEqual({ value: expect.stringMatching(/^Vul het .+ in\.$/) });
      else expect(problems).toEqual({});
      expect(issues(ContactChannelSchema, { kind, value: "06-12345678", note: "Op werkdagen" })).toEqual({});
    }
    expect(issues(ContactChannelSchema, { kind: "telefoon" })).toEqual({ value: "Vul het telefoonnummer in." });
    expect(issues(ContactChannelSchema, { kind: "duif" })).toEqual({ kind: "Kies een soort contact uit de lijst." });
    expect(issues(ContactChannelSchema, { kind: "adres", value: "x".repeat(301) })).toEqual({
      value: "Gebruik hoogstens 300 tekens.",
    });
  });

  test("the rule reports at the channel's place in a service", () => {
    expect(broken({ contactChannels: [{ kind: "huisbezoek" }, { kind: "email" }] })).toEqual({
      "contactChannels.1.value": "Vul het e-mailadres in.",
    });
  });
});

describe("ServiceUpdateSchema", () => {
  test("a change names at least one field, and only the fields it changes", () => {
    expect(issues(ServiceUpdateSchema, {})).toEqual({ "": "Geef minstens één veld om te wijzigen." });
    expect(ServiceUpdateSchema.parse({ name: " Nieuwe naam " })).toEqual({ name: "Nieuwe naam" });
    expect(issues(ServiceUpdateSchema, { name: "ab" })).toEqual({ name: "Geef de dienst een naam van minstens 3 tekens." });
  });

  test("the area is checked against the stored service, not in the change alone", () => {
    expect(issues(ServiceUpdateSchema, { municipalityCodes: [] })).toEqual({});
  });
});

describe("canReferTo", () => {
  const open = { acceptsReferrals: true, status: "active" };
  test("workers and admins refer to an active service that takes referrals", () => {
    expect(canReferTo(open, "worker")).toBe(true);
    expect(canReferTo(open, "admin")).toBe(true);
  });
  test("coordinators and visitors without a membership do not refer", () => {
    expect(canReferTo(open, "coordinator")).toBe(false);
    expect(canReferTo(open, undefined)).toBe(false);
  });
  test("nobody refers to a service that takes no referrals or is not active", () => {
    expect(canReferTo({ acceptsReferrals: false, status: "active" }, "worker")).toBe(false);
    expect(canReferTo({ acceptsReferrals: true, status: "temporarily_closed" }, "admin")).toBe(false);
    expect(serviceAcceptsReferrals({ acceptsReferrals: true, status: "inactive" })).toBe(false);
    expect(serviceAcceptsReferrals(open)).toBe(true);
  });
});
