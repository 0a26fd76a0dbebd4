import { describe, expect, test } from "vitest";
import { categoriesAllowedFor, consentIsValid, consentProblem, isDebtService } from "./consent";

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
