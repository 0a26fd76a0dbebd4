import { describe, expect, test } from "vitest";
import type { Service } from "../../lib/api";
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
  return { ...initialValues(debtService), name: "Daan", request: "Hulp bij schulden", ...overrides };
}

describe("wizard-state", () => {
  test("a debt service is never offered health data, and gets debts by default", () => {
    expect(categoriesFor(debtService)).not.toContain("health");
    const values = initialValues(debtService);
    expect(values.dataCategories).toEqual(["contact", "birthdate", "request", "debts"]);
    expect(values.purpose).toBe("Aanmelding bij Plangroep voor Schuldhulp");
  });

  test("step 1 asks for a name and checks birth year, e-mail and postcode only when given", () => {
    expect(validateStep(0, filled({ name: " " }), NOW)).toEqual({ name: "Vul de naam van de inwoner in." });
    expect(validateStep(0, filled(), NOW)).toEqual({});
    const bad = validateStep(0, filled({ birthYear: "203", email: "daan@", postcode: "68111" }), NOW);
    expect(Object.keys(bad).sort()).toEqual(["birthYear", "email", "postcode"]);
    expect(validateStep(0, filled({ birthYear: "2027" }), NOW).birthYear).toMatch(/4 cijfers/);
    expect(validateStep(0, filled({ postcode: "6811 ab", birthYear: "2003" }), NOW)).toEqual({});
  });

  test("step 2 needs contact details among the data and a date in the future", () => {
    expect(validateStep(1, filled({ dataCategories: ["request"] }), NOW).dataCategories).toMatch(/contactgegevens/);
    expect(validateStep(1, filled({ dataCategories: [] }), NOW).dataCategories).toMatch(/minstens één/);
    expect(validateStep(1, filled({ validUntil: "2026-12-01" }), NOW).validUntil).toBe("Kies een datum in de toekomst.");
    expect(validateStep(1, filled({ validUntil: "2027-06-01" }), NOW)).toEqual({});
  });

  test("step 3 needs a request, and a reason when urgent", () => {
    expect(validateStep(2, filled({ request: "" }), NOW)).toEqual({ request: "Beschrijf kort de hulpvraag van de inwoner." });
    expect(validateStep(2, filled({ urgency: "urgent" }), NOW)).toEqual({ urgencyReason: "Kies waarom het spoed heeft." });
    expect(validateStep(2, filled({ urgency: "urgent", urgencyReason: "eviction" }), NOW)).toEqual({});
  });

  test("step 4 puts core's moment problems on the slot they were typed in", () => {
    const errors = validateStep(3, filled({ moments: ["", "2026-12-01T10:00", ""] }), NOW);
    expect(Object.keys(errors)).toEqual(["moments.1"]);
    expect(validateStep(3, filled({ moments: ["2026-12-08T10:00", "", ""] }), NOW)).toEqual({});
    expect(validateStep(3, filled({ driegesprekWanted: false, moments: ["2026-12-01T10:00", "", ""] }), NOW)).toEqual({});
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
      { ...v, moments: ["", "2026-12-08T10:00", ""] },
      { residentId: "r", consentId: "c", serviceId: "s" },
    );
    expect(body.categoryNotes).toEqual({ debts: "€ 2.500" });
    expect(body.driegesprek).toEqual({ wanted: true, proposedMoments: [new Date(2026, 11, 8, 10, 0).toISOString()] });
    expect(body.preferredChannel).toBe("whatsapp");
    expect(body).not.toHaveProperty("urgencyReason");
  });

  test("the server's invalidParams land on the wizard's own fields", () => {
    const values = filled({ moments: ["", "2026-12-08T10:00", "2026-12-09T10:00"] });
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
