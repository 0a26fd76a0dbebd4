import { z } from "zod";
import { textUpTo, UtcDateTimeSchema, UuidSchema } from "./fields";
import { CalendarDaySchema, isPastDay } from "./organizations";
import { startOfAmsterdamDay } from "./working-days";

/**
 * What an API token may do (issue 10, ADR 0028). A token acts as its organization, like a
 * caseworker, but only in the services that ask for one of these scopes; everything else
 * refuses a token.
 */
export const apiTokenScopes = ["referrals:read", "referrals:write", "services:write"] as const;
export type ApiTokenScope = (typeof apiTokenScopes)[number];

/** For the admin page: what each scope allows, in plain Dutch. */
export const apiTokenScopeLabels: Record<ApiTokenScope, string> = {
  "referrals:read": "Verwijzingen lezen (lijsten, een verwijzing, tijdlijn, berichten, contactpogingen, driegesprek)",
  "referrals:write": "Verwijzingen bijwerken (status, berichten, contactpogingen, toewijzen, driegesprek)",
  "services:write": "Eigen diensten op de sociale kaart toevoegen en wijzigen",
};

/** How many characters of a token the admin page shows to tell tokens apart (not enough to guess it). */
export const API_TOKEN_PREFIX_LENGTH = 12;

export const API_TOKEN_NAME_MAX_LENGTH = 100;

/** An admin creates a token: a name to recognise it by, at least one scope, and an optional end. */
export const ApiTokenCreateSchema = z.object({
  organizationId: UuidSchema,
  name: textUpTo(API_TOKEN_NAME_MAX_LENGTH).min(1, "Geef de koppeling een naam."),
  scopes: z
    .array(z.enum(apiTokenScopes, { error: "Kies een bestaande scope." }))
    .min(1, "Kies minstens één scope.")
    .max(apiTokenScopes.length)
    .refine((s) => new Set(s).size === s.length, "Kies elke scope hoogstens één keer."),
  expiresAt: UtcDateTimeSchema.optional(),
});
export type ApiTokenCreate = z.infer<typeof ApiTokenCreateSchema>;

/**
 * The admin page's form: the end date is a calendar day (empty: no end), the token works up to
 * and including it. The API checks the same rules again.
 */
export const ApiTokenFormSchema = z
  .object({
    name: ApiTokenCreateSchema.shape.name,
    scopes: ApiTokenCreateSchema.shape.scopes,
    endDate: z.union([z.literal(""), CalendarDaySchema]),
  })
  .refine((v) => v.endDate === "" || !isPastDay(v.endDate, new Date()), {
    path: ["endDate"],
    message: "Kies vandaag of een dag in de toekomst.",
  });
export type ApiTokenForm = z.infer<typeof ApiTokenFormSchema>;

/** The form's values as the API takes them: a token with an end date works until the end of that day. */
export function apiTokenFromForm(values: ApiTokenForm, organizationId: string): ApiTokenCreate {
  // The start of the next day in Amsterdam (startOfAmsterdamDay takes the day as a UTC midnight).
  const end = values.endDate ? startOfAmsterdamDay(new Date(Date.parse(`${values.endDate}T00:00:00Z`) + 86_400_000)) : null;
  return {
    organizationId,
    name: values.name,
    scopes: values.scopes,
    ...(end ? { expiresAt: end.toISOString() } : {}),
  };
}
