import fc from "fast-check";
import { describe, expect, test } from "vitest";
import type { z } from "zod";
import { ResidentCreateSchema, ResidentDetailsSchema } from "./residents";

const ORG = "3f2b8c1e-6d7a-4b5c-9e0f-1a2b3c4d5e6f";

/** Every issue as "path: message". */
function issues(schema: z.ZodType, input: unknown): Record<string, string> {
  const result = schema.safeParse(input);
  return Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));
}

describe("ResidentCreateSchema", () => {
  test("a name and the organization are enough; the rest defaults to unknown", () => {
    expect(ResidentCreateSchema.parse({ organizationId: ORG, name: "  Sam Jansen " })).toEqual({
      organizationId: ORG,
      name: "Sam Jansen",
      birthDate: null,
      birthYear: null,
      address: null,
      postcode: null,
      phone: null,
      email: null,
      preferredChannel: null,
      language: "nl",
    });
  });

  test("every field given and valid", () => {
    const resident = {
      organizationId: ORG,
      name: "Sam Jansen",
      birthDate: "2003-05-14",
      address: "Voorbeeldstraat 12",
      postcode: "6811AB",
      phone: "06-12345678",
      email: " sam@example.org ",
      preferredChannel: "whatsapp",
      language: "en",
    };
    expect(issues(ResidentCreateSchema, resident)).toEqual({});
  });

  test("each field's rule, with its Dutch message at the field", () => {
    const broken = (field: string, value: unknown) =>
      issues(ResidentCreateSchema, { organizationId: ORG, name: "Sam", [field]: value });
    expect(broken("name", "   ")).toEqual({ name: "Vul de naam in." });
    expect(broken("name", "x".repeat(201))).toEqual({ name: "Een naam heeft hoogstens 200 tekens." });
    expect(broken("birthDate", "14-05-2003")).toEqual({ birthDate: "Gebruik een datum als 2003-05-14." });
    expect(broken("birthYear", 1899)).toEqual({ birthYear: "Vul een geboortejaar vanaf 1900 in." });
    expect(broken("birthYear", new Date().getUTCFullYear() + 1)).toEqual({
      birthYear: "Een geboortejaar ligt niet in de toekomst.",
    });
    expect(broken("birthYear", 2003.5)).toEqual({ birthYear: "Vul een jaartal in, zoals 2003." });
    expect(broken("address", "x".repeat(301))).toEqual({ address: "Gebruik hoogstens 300 tekens." });
    expect(broken("postcode", "6811")).toEqual({ postcode: "Vul een postcode in zoals 6811 AB." });
    expect(broken("phone", "0".repeat(41))).toEqual({ phone: "Gebruik hoogstens 40 tekens." });
    expect(broken("email", "sam@")).toEqual({ email: "Vul een geldig e-mailadres in." });
    expect(broken("preferredChannel", "duif")).toEqual({ preferredChannel: "Kies hoe de inwoner bereikt wil worden." });
    expect(broken("language", "Nederlands")).toEqual({ language: "Gebruik een taalcode zoals nl, en of tr." });
    expect(issues(ResidentCreateSchema, { name: "Sam" })).toHaveProperty("organizationId");
  });

  test("a birth date or a birth year, never both", () => {
    const date = fc.date({ min: new Date("1900-01-01"), max: new Date("2025-12-31"), noInvalidDate: true });
    const year = fc.integer({ min: 1900, max: new Date().getUTCFullYear() });
    fc.assert(
      fc.property(date, year, (d, y) => {
        const birthDate = d.toISOString().slice(0, 10);
        expect(issues(ResidentDetailsSchema, { name: "Sam", birthDate, birthYear: y })).toEqual({
          birthYear: "Geef een geboortedatum óf een geboortejaar, niet allebei.",
        });
        expect(issues(ResidentDetailsSchema, { name: "Sam", birthDate })).toEqual({});
        expect(issues(ResidentDetailsSchema, { name: "Sam", birthYear: y })).toEqual({});
      }),
    );
  });
});
