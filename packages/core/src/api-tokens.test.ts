import { describe, expect, test } from "vitest";
import { ApiTokenCreateSchema, ApiTokenFormSchema, apiTokenFromForm } from "./api-tokens";

describe("API token rules", () => {
  test("a token needs a name and at least one known scope, each once", () => {
    const ok = { organizationId: "0b6f1c2d-3e4f-4a5b-8c7d-9e0f1a2b3c4d", name: " Zaaksysteem ", scopes: ["referrals:read"] };
    expect(ApiTokenCreateSchema.parse(ok).name).toBe("Zaaksysteem");
    expect(ApiTokenCreateSchema.safeParse({ ...ok, name: "  " }).success).toBe(false);
    expect(ApiTokenCreateSchema.safeParse({ ...ok, scopes: [] }).success).toBe(false);
    expect(ApiTokenCreateSchema.safeParse({ ...ok, scopes: ["referrals:read", "referrals:read"] }).success).toBe(false);
    expect(ApiTokenCreateSchema.safeParse({ ...ok, scopes: ["residents:read"] }).success).toBe(false);
  });

  test("the form's end date: empty, or today or later; the token works to the end of that day in Amsterdam", () => {
    const values = { name: "Zaaksysteem", scopes: ["referrals:read" as const], endDate: "" };
    expect(ApiTokenFormSchema.safeParse(values).success).toBe(true);
    expect(ApiTokenFormSchema.safeParse({ ...values, endDate: "2001-01-01" }).success).toBe(false);
    expect(apiTokenFromForm(values, "org")).toEqual({ organizationId: "org", name: "Zaaksysteem", scopes: ["referrals:read"] });
    // Winter (CET) and summer (CEST).
    expect(apiTokenFromForm({ ...values, endDate: "2027-01-14" }, "org").expiresAt).toBe("2027-01-14T23:00:00.000Z");
    expect(apiTokenFromForm({ ...values, endDate: "2027-07-14" }, "org").expiresAt).toBe("2027-07-14T22:00:00.000Z");
    // The day before the clocks go forward: it ends at 00:00 CET.
    expect(apiTokenFromForm({ ...values, endDate: "2027-03-27" }, "org").expiresAt).toBe("2027-03-27T23:00:00.000Z");
  });
});
