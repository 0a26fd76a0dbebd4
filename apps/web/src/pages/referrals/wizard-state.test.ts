import { CONSENT_END_IN_PAST, CONTACT_NOT_SHARED, consentEndTooFar, DEFAULT_CONSENT_MAX_DAYS } from "@schakel/core";
import { describe, expect, test } from "vitest";
import type { Service } from "../../api/types";
import { dateToParts, emptyDateTime, localToParts } from "./date-parts";
import {
  categoriesFor,
  consentBody,
  errorsFromProblem,
  initialValues,
  referralBody,
  residentBody,
  stepOf,
  validateStep,
  type WizardValues,
} from "./wizard-state";

const NOW = new Date(2026, 11, 2, 9, 0);

const debtService = {
  id: "9c3f4e5d-3333-4c8e-9a51-2b8f0d1c9e04",
  name: "Schuldhulp",
  lifeDomains: ["schulden"],
  organization: { id: "bb3f4e5d-3333-4c8e-9a51-2b8f0d1c9e06", name: "Plangroep" },
} as unknown as Service;

function filled(overrides: Partial<WizardValues> = {}): WizardValues {
  return { ...initialValues(debtService), name: "Daan", phone: "06-12345678", request: "Hulp bij schulden", ...overrides };
}

describe("wizard-state", () => {
  test("a debt service is never offered health data, and gets debts by default", () => {
    expect(categoriesFor(debtService)).not.toContain("health");
    const values = initialValues(debtService);
    expect(values.dataCategories).toEqual(["contact", "birthdate", "request", "debts"]);
    expect(values.purpose).toBe("Verwijzing naar Plangroep voor Schuldhulp");
  });

  test("step 1 checks core's resident rules: a name, and birth year, e-mail and postcode only when given", () => {
    expect(validateStep(0, filled({ name: " " }), NOW)).toEqual({ name: "Vul de naam in." });
    expect(validateStep(0, filled(), NOW)).toEqual({});
    const bad = validateStep(0, filled({ birthYear: "203", email: "daan@", postcode: "68111" }), NOW);
    expect(Object.keys(bad).sort()).toEqual(["birthYear", "email", "postcode"]);
    expect(validateStep(0, filled({ birthYear: "2999" }), NOW).birthYear).toBe("Een geboortejaar ligt niet in de toekomst.");
    expect(validateStep(0, filled({ birthYear: "twee" }), NOW).birthYear).toBe("Vul een jaartal in, zoals 2003.");
    expect(validateStep(0, filled({ postcode: "6811 ab", birthYear: "2003" }), NOW)).toEqual({});
  });

  test("step 2 needs contact details among the data and a date in the future", () => {
    expect(validateStep(1, filled({ dataCategories: ["request"] }), NOW).dataCategories).toMatch(/contactgegevens/);
    expect(validateStep(1, filled({ dataCategories: [] }), NOW).dataCategories).toMatch(/minstens één/);
    expect(validateStep(1, filled({ validUntil: dateToParts("2026-12-01") }), NOW).validUntil).toBe(CONSENT_END_IN_PAST);
    expect(validateStep(1, filled({ validUntil: dateToParts("2027-06-01") }), NOW)).toEqual({});
    // The API's rule with its default: at most two years (730 days) ahead.
    expect(validateStep(1, filled({ validUntil: dateToParts("2028-11-30") }), NOW)).toEqual({});
    expect(validateStep(1, filled({ validUntil: dateToParts("2028-12-03") }), NOW).validUntil).toBe(
      consentEndTooFar(DEFAULT_CONSENT_MAX_DAYS),
    );
  });

  test("step 3 checks core's referral rules: a request of some length, and a reason when urgent", () => {
    // Core's words: the API refuses the same.
    expect(validateStep(2, filled({ request: "" }), NOW)).toEqual({ request: "Beschrijf de hulpvraag in minstens 10 tekens." });
    expect(validateStep(2, filled({ urgency: "urgent" }), NOW)).toEqual({ urgencyReason: "Geef aan waarom het spoed heeft." });
    expect(validateStep(2, filled({ debts: "x".repeat(1001) }), NOW)).toEqual({ debts: "Gebruik hoogstens 1000 tekens." });
    expect(validateStep(2, filled({ urgency: "urgent", urgencyReason: "eviction" }), NOW)).toEqual({});
  });

  test("step 4 puts core's moment problems on the slot they were typed in", () => {
    const errors = validateStep(
      3,
      filled({ moments: [emptyDateTime(), localToParts("2026-12-01T10:00"), emptyDateTime()] }),
      NOW,
    );
    expect(Object.keys(errors)).toEqual(["moments.1"]);
    expect(
      validateStep(3, filled({ moments: [localToParts("2026-12-08T10:00"), emptyDateTime(), emptyDateTime()] }), NOW),
    ).toEqual({});
    expect(
      validateStep(
        3,
        filled({ driegesprekWanted: false, moments: [localToParts("2026-12-01T10:00"), emptyDateTime(), emptyDateTime()] }),
        NOW,
      ),
    ).toEqual({});
  });

  test("each field knows its step, so a refusal sends the person back there", () => {
    expect(stepOf("postcode")).toBe(0);
    expect(stepOf("validUntil")).toBe(1);
    expect(stepOf("debts")).toBe(2);
    expect(stepOf("moments.2")).toBe(3);
    expect(stepOf("consentId")).toBe(4);
  });

  test("the bodies send trimmed text, null for what was left empty, and notes only for shared categories", () => {
    const v = filled({
      name: " Daan ",
      birthYear: "2003",
      phone: "",
      debts: " € 2.500 ",
      finances: "hoog",
      preferredChannel: "whatsapp",
    });
    expect(residentBody(v, "org")).toMatchObject({
      organizationId: "org",
      name: "Daan",
      birthYear: 2003,
      phone: null,
      preferredChannel: "whatsapp",
    });
    expect(consentBody(v, "plangroep")).toMatchObject({ receivingOrganizationId: "plangroep", method: "mondeling" });
    const body = referralBody(
      { ...v, moments: [emptyDateTime(), localToParts("2026-12-08T10:00"), emptyDateTime()] },
      { residentId: "r", consentId: "c", serviceId: "s" },
    );
    expect(body.categoryNotes).toEqual({ debts: "€ 2.500" });
    expect(body.driegesprek).toEqual({ wanted: true, proposedMoments: [new Date(2026, 11, 8, 10, 0).toISOString()] });
    expect(body.preferredChannel).toBe("whatsapp");
    expect(body).not.toHaveProperty("urgencyReason");
  });

  test("the server's invalidParams land on the wizard's own fields", () => {
    const values = filled({ moments: [emptyDateTime(), localToParts("2026-12-08T10:00"), localToParts("2026-12-09T10:00")] });
    const errors = errorsFromProblem(
      {
        type: "https://schakel.example/problems/validation",
        title: "Bad Request",
        status: 400,
        detail: "De invoer klopt niet.",
        invalidParams: [
          { name: "body.driegesprek.proposedMoments.1", code: "custom", reason: "Te vroeg." },
          { name: "body.categoryNotes.debts", code: "too_big", reason: "Te lang." },
          { name: "body.driegesprek.wanted", code: "custom", reason: "Kies." },
        ],
      },
      "referral",
      values,
    );
    expect(errors).toEqual({ "moments.2": "Te vroeg.", debts: "Te lang.", driegesprekWanted: "Kies." });
    expect(
      errorsFromProblem(
        {
          type: "x",
          title: "t",
          status: 400,
          detail: "d",
          invalidParams: [{ name: "body.birthDate", code: "c", reason: "Geen datum." }],
        },
        "resident",
      ),
    ).toEqual({ birthYear: "Geen datum." });
  });
});

describe("date parts", () => {
  test("day, month and year make a date only when that day exists", async () => {
    const { partsToDate, partsToLocal, partsToTime } = await import("./date-parts");
    expect(partsToDate({ day: "5", month: "3", year: "2027" })).toBe("2027-03-05");
    expect(partsToDate({ day: "31", month: "4", year: "2027" })).toBeNull();
    expect(partsToDate({ day: "29", month: "2", year: "2028" })).toBe("2028-02-29");
    expect(partsToDate({ day: "1", month: "1", year: "27" })).toBeNull();
    expect(partsToTime("9.30")).toBe("09:30");
    expect(partsToTime("14")).toBe("14:00");
    expect(partsToTime("24:00")).toBeNull();
    expect(partsToTime("2:30 PM")).toBeNull();
    expect(partsToLocal({ day: "26", month: "11", year: "2026", time: "10:00" })).toBe("2026-11-26T10:00");
    expect(localToParts("2026-11-26T10:00")).toEqual({ day: "26", month: "11", year: "2026", time: "10:00" });
  });

  test("a moment with a part missing is named on its slot, not dropped", () => {
    const errors = validateStep(
      3,
      filled({ moments: [{ day: "8", month: "12", year: "2026", time: "" }, emptyDateTime(), emptyDateTime()] }),
      NOW,
    );
    expect(errors).toEqual({ "moments.0": "Vul een bestaande datum en een tijd in, zoals 26 11 2026 om 10:00." });
  });
});

describe("a way to reach the resident", () => {
  test("WhatsApp or phone needs a number, e-mail an address, a letter a street", () => {
    expect(validateStep(0, filled({ preferredChannel: "whatsapp", phone: "" }), NOW).phone).toBe(
      "Vul een telefoonnummer in: de inwoner wil contact via WhatsApp. Of kies 'Bereikbaar via mij'.",
    );
    expect(validateStep(0, filled({ preferredChannel: "telefoon", phone: "", email: "daan@voorbeeld.nl" }), NOW).phone).toMatch(
      /telefoonnummer/,
    );
    expect(validateStep(0, filled({ preferredChannel: "email", phone: "06-12345678" }), NOW).email).toMatch(/e-mailadres/);
    expect(validateStep(0, filled({ preferredChannel: "brief", phone: "06-12345678" }), NOW).address).toMatch(
      /straat en huisnummer/,
    );
    expect(validateStep(0, filled({ preferredChannel: "whatsapp", phone: "06-12345678" }), NOW)).toEqual({});
  });

  test("without a preference any route will do, and 'Bereikbaar via mij' is a route too", () => {
    expect(validateStep(0, filled({ phone: "", email: "", address: "" }), NOW).phone).toMatch(
      /telefoonnummer, e-mailadres of adres/,
    );
    expect(validateStep(0, filled({ phone: "", address: "Voorbeeldstraat 12" }), NOW)).toEqual({});
    expect(validateStep(0, filled({ phone: "", reachableViaSender: true }), NOW)).toEqual({});
    expect(validateStep(0, filled({ preferredChannel: "whatsapp", phone: "", reachableViaSender: true }), NOW)).toEqual({});
  });

  test("without contact details among the data only 'Bereikbaar via mij' is a way (core's rule)", () => {
    expect(validateStep(1, filled({ dataCategories: ["request"] }), NOW).dataCategories).toBe(CONTACT_NOT_SHARED);
    expect(validateStep(1, filled({ dataCategories: ["request"], reachableViaSender: true }), NOW)).toEqual({});
  });

  test("the choice goes to the API, and its refusal lands on the first step", () => {
    const ids = { residentId: "r", consentId: "c", serviceId: "s" };
    expect(referralBody(filled({ reachableViaSender: true }), ids).reachableViaSender).toBe(true);
    expect(referralBody(filled(), ids).reachableViaSender).toBe(false);
    const errors = errorsFromProblem(
      {
        type: "https://schakel.example/problems/no-contact-route",
        title: "Niet toegestaan",
        status: 422,
        detail: "Vul een telefoonnummer in.",
        invalidParams: [{ name: "body.reachableViaSender", code: "no-contact-route", reason: "Vul een telefoonnummer in." }],
      },
      "referral",
    );
    expect(errors).toEqual({ reachableViaSender: "Vul een telefoonnummer in." });
    expect(stepOf("reachableViaSender")).toBe(0);
  });
});
