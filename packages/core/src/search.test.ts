import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { SearchAgeSchema, SearchPostcodeSchema } from "./search";

describe("search filters", () => {
  test("an age from 0 to 120, typed or from a query string", () => {
    fc.assert(
      fc.property(fc.integer({ min: -50, max: 200 }), (age) => {
        const result = SearchAgeSchema.safeParse(String(age));
        expect(result.success).toBe(age >= 0 && age <= 120);
        if (result.success) expect(result.data).toBe(age);
        else expect(result.error.issues[0]?.message).toBe("Vul een leeftijd in tussen 0 en 120 jaar, zoals 23.");
      }),
    );
    for (const typed of ["oud", "23.5"]) {
      expect(SearchAgeSchema.safeParse(typed).error?.issues[0]?.message).toBe(
        "Vul een leeftijd in tussen 0 en 120 jaar, zoals 23.",
      );
    }
  });

  test("a postcode's four digits, with or without its letters", () => {
    for (const postcode of ["6811", "6811AB", "6811 ab"]) expect(SearchPostcodeSchema.safeParse(postcode).success).toBe(true);
    for (const postcode of ["681", "6811 A", "AB 6811", "68111"]) {
      expect(SearchPostcodeSchema.safeParse(postcode).error?.issues[0]?.message).toBe(
        "Vul een postcode in zoals 6811 of 6811 AB.",
      );
    }
  });
});
