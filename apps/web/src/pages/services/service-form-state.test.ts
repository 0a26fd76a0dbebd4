import { describe, expect, test } from "vitest";
import type { Problem } from "../../api/problem";
import {
  emptyContactRow,
  emptyPostcodeRow,
  errorsFromProblem,
  MAX_LENGTH,
  newServiceValues,
  serviceBody,
  validate,
} from "./service-form-state";

const ORG = "3f2b8c1e-6d7a-4b5c-9e0f-1a2b3c4d5e6f";

const filledIn = () => ({
  ...newServiceValues(),
  name: "Formulierenhulp",
  description: "Hulp bij formulieren en brieven van instanties.",
  lifeDomains: ["administratie" as const],
  municipalityCodes: ["GM0202"],
  contactChannels: [{ ...emptyContactRow("telefoon"), value: "026 123 45 67" }],
});

describe("validate (core's ServiceCreateSchema on the form's body)", () => {
  test("a filled-in service passes", () => {
    expect(validate(filledIn(), ORG)).toEqual({});
  });

  test("an empty form lists each field's rule from core, the area as one field", () => {
    expect(validate(newServiceValues(), ORG)).toEqual({
      name: "Geef de dienst een naam van minstens 3 tekens.",
      description: "Beschrijf de dienst in minstens 10 tekens.",
      lifeDomains: "Kies minstens één leefgebied.",
      area: "Geef aan waar de dienst werkt: landelijk, gemeenten of postcodegebieden.",
      "contactChannels.0.value": "Vul het telefoonnummer in.",
    });
  });

  test("rules across fields run before sending: a maximum age below the minimum", () => {
    expect(validate({ ...filledIn(), ageMin: "30", ageMax: "20" }, ORG)).toEqual({
      ageMax: "De maximumleeftijd moet gelijk aan of hoger dan de minimumleeftijd zijn.",
    });
  });

  test("text where a number belongs fails with core's message for that number", () => {
    const errors = validate({ ...filledIn(), ageMin: "twintig", responseTargetDays: "0", debtMax: "1.000" }, ORG);
    expect(errors.ageMin).toBe("Vul een minimumleeftijd in van 0 tot en met 120 jaar, of laat het veld leeg.");
    expect(errors.responseTargetDays).toBe("Vul een aantal werkdagen in van 1 tot en met 60.");
    expect(errors.debtMax).toBeUndefined(); // "1.000" is a thousand euros
    expect(serviceBody({ ...filledIn(), debtMax: "€ 1.000" }).debtMax).toBe(1000);
  });

  test("a postcode range is checked per end, and national leaves the area out", () => {
    const values = { ...filledIn(), municipalityCodes: [], postcodeRanges: [{ ...emptyPostcodeRow(), from: "68", to: "6899" }] };
    expect(validate(values, ORG)).toEqual({ "postcodeRanges.0.from": "Vul de vier cijfers van een postcode in, zoals 6811." });
    expect(validate({ ...values, area: "national" }, ORG)).toEqual({});
  });

  test("the inputs' maximum lengths are core's", () => {
    expect(MAX_LENGTH).toEqual({
      name: 200,
      description: 4000,
      eligibility: 2000,
      cost: 300,
      openingHours: 500,
      warmHandover: 2000,
      contactValue: 300,
      contactNote: 300,
    });
  });
});

describe("the escalation ladder in the form", () => {
  test("empty fields are the default ladder (null); filled-in ones are sent, 'nooit' as null", () => {
    expect(serviceBody(filledIn()).escalation).toBeNull();
    expect(
      serviceBody({ ...filledIn(), escalationTell: "3", escalationNeverExpire: true, escalationAccepted: "8" }).escalation,
    ).toEqual({ tellSenderAfterDays: 3, expireAfterDays: null, statusTargetDays: { accepted: 8 } });
  });

  test("core's rules on the ladder land at its fields", () => {
    expect(validate({ ...filledIn(), escalationTell: "10", escalationExpire: "5", escalationAccepted: "0" }, ORG)).toEqual({
      escalationExpire: "Laat een verwijzing pas verlopen nadat de verwijzer is ingelicht.",
      escalationAccepted: "Minstens 1 werkdag.",
    });
  });
});

describe("errorsFromProblem", () => {
  const problem = (over: Partial<Problem>): Problem => ({
    type: "about:blank",
    title: "Fout",
    status: 400,
    detail: "Fout.",
    ...over,
  });

  test("a 400's invalidParams land on the form's fields", () => {
    expect(
      errorsFromProblem(
        problem({
          invalidParams: [
            { name: "body.name", code: "too_small", reason: "Te kort." },
            { name: "body.municipalityCodes.0", code: "invalid_format", reason: "Geen gemeentecode." },
            { name: "body.contactChannels.1", code: "custom", reason: "Kies een soort." },
          ],
        }),
      ),
    ).toEqual({ name: "Te kort.", area: "Geen gemeentecode.", "contactChannels.1.kind": "Kies een soort." });
  });

  test("a 422 for a broken rule lands on its field; any other refusal is the form's", () => {
    expect(
      errorsFromProblem(
        problem({ status: 422, type: "https://schakel.example/problems/no-area", detail: "Waar werkt de dienst?" }),
      ),
    ).toEqual({ area: "Waar werkt de dienst?" });
    expect(errorsFromProblem(problem({ status: 409, detail: "Bezet." }))).toBeNull();
  });
});
