import { describe, expect, test } from "vitest";
import {
  ClosingDayCreateSchema,
  isPastDay,
  OrganizationCreateSchema,
  OrganizationSettingsFormSchema,
  OrganizationSettingsUpdateSchema,
  organizationSettingsFromForm,
  slugFromName,
} from "./organizations";

describe("organization settings", () => {
  test("the intake address is an e-mail address or none", () => {
    expect(OrganizationSettingsUpdateSchema.parse({ intakeEmail: " intake@plangroep.example " })).toEqual({
      intakeEmail: "intake@plangroep.example",
    });
    expect(OrganizationSettingsUpdateSchema.parse({ intakeEmail: null })).toEqual({ intakeEmail: null });
    const refused = OrganizationSettingsUpdateSchema.safeParse({ intakeEmail: "intake at plangroep" });
    expect(refused.error?.issues[0]?.message).toBe("Vul een geldig e-mailadres in.");
    expect(OrganizationSettingsUpdateSchema.safeParse({ intakeEmail: "" }).success).toBe(false);
  });

  test("in the form an empty box is no intake address", () => {
    expect(organizationSettingsFromForm(OrganizationSettingsFormSchema.parse({ intakeEmail: "" }))).toEqual({
      intakeEmail: null,
    });
    expect(OrganizationSettingsFormSchema.safeParse({ intakeEmail: "nee" }).success).toBe(false);
  });

  test("a closing day is a real calendar date with a label", () => {
    expect(ClosingDayCreateSchema.parse({ day: "2027-12-24", label: " Kerstavond " })).toEqual({
      day: "2027-12-24",
      label: "Kerstavond",
    });
    for (const day of ["2027-02-30", "24-12-2027", "2027-13-01", ""]) {
      expect(ClosingDayCreateSchema.safeParse({ day, label: "x" }).success, day).toBe(false);
    }
    expect(ClosingDayCreateSchema.safeParse({ day: "2027-12-24", label: "  " }).error?.issues[0]?.message).toBe(
      "Schrijf erbij wat voor dag het is.",
    );
  });

  test("past is before today in Amsterdam", () => {
    // 23:30 UTC on 23 December is already the 24th in Amsterdam.
    const now = new Date("2027-12-23T23:30:00Z");
    expect(isPastDay("2027-12-23", now)).toBe(true);
    expect(isPastDay("2027-12-24", now)).toBe(false);
    expect(isPastDay("2028-01-02", now)).toBe(false);
  });
});

describe("adding an organization to the network", () => {
  const valid = {
    name: "Gemeente Arnhem",
    kind: "gemeente",
    municipalityCodes: ["GM0202"],
    isNational: false,
    admin: { name: "Sanne de Vries", email: "sanne@arnhem.example" },
  };

  test("a complete organization with its first admin passes", () => {
    expect(OrganizationCreateSchema.parse(valid)).toEqual(valid);
    expect(OrganizationCreateSchema.safeParse({ ...valid, municipalityCodes: [], isNational: true }).success).toBe(true);
  });

  test("it works somewhere: a municipality, or nationwide", () => {
    const result = OrganizationCreateSchema.safeParse({ ...valid, municipalityCodes: [] });
    expect(result.error?.issues.map((i) => i.path.join("."))).toEqual(["municipalityCodes"]);
  });

  test("the name is one line; the admin's name follows the person-name rule", () => {
    const result = OrganizationCreateSchema.safeParse({
      ...valid,
      name: "Arnhem\nKlik hier",
      admin: { ...valid.admin, name: "x https://evil.example" },
    });
    expect([...new Set(result.error?.issues.map((i) => i.path.join(".")))].sort()).toEqual(["admin.name", "name"]);
  });

  test("slugs are readable and stable", () => {
    expect(slugFromName("Gemeente 's-Hertogenbosch")).toBe("gemeente-s-hertogenbosch");
    expect(slugFromName("Opr€cht")).toBe("opr-cht");
    expect(slugFromName("Stichting Ééntje")).toBe("stichting-eentje");
    expect(slugFromName("€€€")).toBe("organisatie");
  });
});
