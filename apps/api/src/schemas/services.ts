import { z } from "@hono/zod-openapi";
import { lifeDomains, serviceStatuses } from "@schakel/core";
import { timestamp, UuidSchema } from "./common";

export const LIFE_DOMAIN = z.enum(lifeDomains, { error: "Kies een bestaand leefgebied (zie /categories)." });

const municipalityCode = z
  .string()
  .regex(/^GM\d{4}$/, "Gebruik een CBS-gemeentecode zoals GM0202.")
  .openapi({ description: "CBS municipality code", example: "GM0202" });

const postcode = z
  .string()
  .regex(/^\d{4}\s?([A-Za-z]{2})?$/, "Vul een postcode in zoals 6811 of 6811 AB.")
  .openapi({ description: "Dutch postcode; only its four digits count", example: "6811 AB" });

export const PostcodeRangeSchema = z
  .object({
    from: z.number().int().min(1000).max(9999).openapi({ description: "First four-digit postcode", example: 6811 }),
    to: z.number().int().min(1000).max(9999).openapi({ description: "Last four-digit postcode (inclusive)", example: 6846 }),
  })
  .refine((r) => r.from <= r.to, { message: "Het begin van het postcodebereik moet voor het einde liggen.", path: ["to"] })
  .openapi("PostcodeRange");

export const contactChannelKinds = [
  "telefoon",
  "email",
  "website",
  "whatsapp",
  "huisbezoek",
  "brief",
  "adres",
  "inloop",
] as const;

export const ContactChannelSchema = z
  .object({
    kind: z.enum(contactChannelKinds).openapi({ description: "How to reach the service", example: "telefoon" }),
    value: z
      .string()
      .trim()
      .min(1)
      .max(300)
      .optional()
      .openapi({ description: "Number, address or URL", example: "06-12345678" }),
    note: z
      .string()
      .trim()
      .max(300)
      .optional()
      .openapi({ description: "When or how, in plain Dutch", example: "Op werkdagen van 9 tot 17 uur" }),
  })
  .openapi("ContactChannel");

const OrganizationRefSchema = z
  .object({
    id: z.uuid().openapi({ description: "Organization id", example: "3f2b8c1e-6d7a-4b5c-9e0f-1a2b3c4d5e6f" }),
    name: z.string().openapi({ description: "Organization name", example: "Plangroep" }),
    slug: z.string().openapi({ description: "Stable readable key", example: "plangroep" }),
  })
  .openapi("OrganizationRef");

/** The fields an admin sets; shared by create and update. */
const serviceFields = {
  name: z
    .string()
    .trim()
    .min(3, "Geef de dienst een naam van minstens 3 tekens.")
    .max(200)
    .openapi({ description: "Name", example: "Schulddienstverlening" }),
  description: z
    .string()
    .trim()
    .min(10, "Beschrijf de dienst in minstens 10 tekens.")
    .max(4000)
    .openapi({ description: "What the service does, in plain Dutch", example: "Hulp bij het oplossen van schulden." }),
  lifeDomains: z
    .array(LIFE_DOMAIN)
    .min(1, "Kies minstens één leefgebied.")
    .max(14)
    .openapi({ description: "Life domains", example: ["schulden"] }),
  ageMin: z.number().int().min(0).max(120).nullable().openapi({ description: "Minimum age, inclusive", example: 18 }),
  ageMax: z.number().int().min(0).max(120).nullable().openapi({ description: "Maximum age, inclusive", example: 26 }),
  eligibility: z
    .string()
    .trim()
    .max(2000)
    .nullable()
    .openapi({ description: "Who it is for, in plain Dutch", example: "Inwoners met problematische schulden." }),
  requiresBijstand: z.boolean().nullable().openapi({
    description: "Only for people on bijstand (true), only for people not on bijstand (false), or either (null)",
    example: null,
  }),
  debtMin: z.number().int().min(0).nullable().openapi({ description: "Minimum total debt in euros", example: 1000 }),
  debtMax: z.number().int().min(0).nullable().openapi({ description: "Maximum total debt in euros", example: 4000 }),
  isNational: z.boolean().openapi({ description: "Available everywhere in the Netherlands", example: false }),
  municipalityCodes: z
    .array(municipalityCode)
    .max(400)
    .openapi({ description: "Municipalities it covers (CBS codes)", example: ["GM0202"] }),
  postcodeRanges: z.array(PostcodeRangeSchema).max(100).openapi({ description: "Postcode ranges it covers" }),
  contactChannels: z.array(ContactChannelSchema).max(20).openapi({ description: "Contact routes" }),
  languages: z
    .array(z.string().regex(/^[a-z]{2,3}$/, "Gebruik een taalcode zoals nl, en of tr."))
    .min(1, "Kies minstens één taal.")
    .max(30)
    .openapi({ description: "Languages (ISO 639-1)", example: ["nl"] }),
  cost: z.string().trim().max(300).nullable().openapi({ description: "What it costs, in plain Dutch", example: "Gratis" }),
  openingHours: z
    .string()
    .trim()
    .max(500)
    .nullable()
    .openapi({ description: "Opening hours, free text", example: "Maandag tot en met vrijdag 9.00–17.00" }),
  warmHandover: z
    .string()
    .trim()
    .max(2000)
    .nullable()
    .openapi({ description: "How a warm handover works here", example: "Na aanmelding volgt een driegesprek." }),
  acceptsReferrals: z.boolean().openapi({ description: "Accepts referrals through Schakel", example: true }),
  responseTargetDays: z
    .number()
    .int()
    .min(1)
    .max(60)
    .openapi({ description: "Working days within which it responds to a referral", example: 5 }),
  status: z.enum(serviceStatuses).openapi({ description: "active, inactive, temporarily_closed or defunct", example: "active" }),
};

type Ranged = { ageMin?: number | null; ageMax?: number | null; debtMin?: number | null; debtMax?: number | null };
function checkRanges(v: Ranged, ctx: z.RefinementCtx) {
  if (v.ageMin != null && v.ageMax != null && v.ageMin > v.ageMax) {
    ctx.addIssue({
      code: "custom",
      path: ["ageMax"],
      message: "De maximumleeftijd moet gelijk aan of hoger dan de minimumleeftijd zijn.",
    });
  }
  if (v.debtMin != null && v.debtMax != null && v.debtMin > v.debtMax) {
    ctx.addIssue({
      code: "custom",
      path: ["debtMax"],
      message: "Het maximale schuldbedrag moet gelijk aan of hoger dan het minimum zijn.",
    });
  }
}

export const ServiceCreateSchema = z
  .object({
    organizationId: UuidSchema.openapi({
      description: "The organization that offers it (you must be its admin)",
      example: "3f2b8c1e-6d7a-4b5c-9e0f-1a2b3c4d5e6f",
    }),
    ...serviceFields,
    ageMin: serviceFields.ageMin.default(null),
    ageMax: serviceFields.ageMax.default(null),
    eligibility: serviceFields.eligibility.default(null),
    requiresBijstand: serviceFields.requiresBijstand.default(null),
    debtMin: serviceFields.debtMin.default(null),
    debtMax: serviceFields.debtMax.default(null),
    isNational: serviceFields.isNational.default(false),
    municipalityCodes: serviceFields.municipalityCodes.default([]),
    postcodeRanges: serviceFields.postcodeRanges.default([]),
    contactChannels: serviceFields.contactChannels.default([]),
    languages: serviceFields.languages.default(["nl"]),
    cost: serviceFields.cost.default(null),
    openingHours: serviceFields.openingHours.default(null),
    warmHandover: serviceFields.warmHandover.default(null),
    acceptsReferrals: serviceFields.acceptsReferrals.default(false),
    responseTargetDays: serviceFields.responseTargetDays.default(5),
    status: serviceFields.status.default("active"),
  })
  .superRefine(checkRanges)
  .superRefine((v, ctx) => {
    if (!v.isNational && v.municipalityCodes.length === 0 && v.postcodeRanges.length === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["municipalityCodes"],
        message: "Geef aan waar de dienst werkt: landelijk, gemeenten of postcodegebieden.",
      });
    }
  })
  .openapi("ServiceCreate");

export const ServiceUpdateSchema = z
  .object(
    Object.fromEntries(Object.entries(serviceFields).map(([k, v]) => [k, v.optional()])) as {
      [K in keyof typeof serviceFields]: z.ZodOptional<(typeof serviceFields)[K]>;
    },
  )
  .superRefine(checkRanges)
  .refine((v) => Object.keys(v).length > 0, { message: "Geef minstens één veld om te wijzigen." })
  .openapi("ServiceUpdate");

export const ServiceSchema = z
  .object({
    id: z.uuid().openapi({ description: "Service id", example: "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a" }),
    organization: OrganizationRefSchema,
    ...serviceFields,
    lastVerifiedAt: timestamp("When the listing was last checked or changed"),
    createdAt: timestamp("When the listing was added"),
  })
  .openapi("Service");

export const TextSegmentSchema = z
  .object({
    text: z.string().openapi({ description: "A piece of text", example: "schulden" }),
    match: z.boolean().openapi({ description: "Whether this piece matched the query", example: true }),
  })
  .openapi("TextSegment");

export const ServiceSearchResultSchema = z
  .object({
    id: z.uuid().openapi({ description: "Service id", example: "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a" }),
    name: z.string().openapi({ description: "Name", example: "Schulddienstverlening" }),
    organization: OrganizationRefSchema,
    summary: z.string().openapi({ description: "Start of the description", example: "Hulp bij het oplossen van schulden." }),
    highlights: z
      .object({
        name: z.array(TextSegmentSchema).openapi({ description: "The name, split where the query matched" }),
        description: z.array(TextSegmentSchema).openapi({ description: "The best-matching fragment of the description" }),
      })
      .openapi({ description: "Where the query matched; plain text segments, no HTML" }),
    lifeDomains: z.array(LIFE_DOMAIN).openapi({ description: "Life domains", example: ["schulden"] }),
    ageMin: z.number().int().nullable().openapi({ description: "Minimum age", example: 18 }),
    ageMax: z.number().int().nullable().openapi({ description: "Maximum age", example: null }),
    isNational: z.boolean().openapi({ description: "Available everywhere", example: false }),
    municipalityCodes: z.array(z.string()).openapi({ description: "Municipalities (CBS codes)", example: ["GM0202"] }),
    acceptsReferrals: z.boolean().openapi({ description: "Accepts referrals through Schakel", example: true }),
    status: z.enum(serviceStatuses).openapi({ description: "Status", example: "active" }),
    lastVerifiedAt: timestamp("When the listing was last checked or changed"),
  })
  .openapi("ServiceSearchResult");

export const FacetSchema = z
  .object({
    category: LIFE_DOMAIN,
    label: z.string().openapi({ description: "Dutch label", example: "Schulden" }),
    count: z.number().int().openapi({ description: "Matches in this life domain (ignoring the category filter)", example: 12 }),
  })
  .openapi("Facet");

export const ServiceSearchSchema = z
  .object({
    data: z.array(ServiceSearchResultSchema),
    meta: z
      .object({
        nextCursor: z
          .string()
          .nullable()
          .openapi({ description: "Pass as `cursor` for the next page; null on the last page", example: null }),
        total: z
          .number()
          .int()
          .openapi({ description: "Number of matching services (at most 2,000; see truncated)", example: 42 }),
        truncated: z.boolean().openapi({
          description:
            "true when more than 2,000 services match: total and facets then count 2,000 of them and ranking covers those; narrow the search",
          example: false,
        }),
        facets: z.array(FacetSchema).openapi({ description: "Counts per life domain for this query" }),
        corrections: z
          .array(
            z.object({
              term: z.string().openapi({ description: "A word of the query that is not in the sociale kaart", example: "arnhm" }),
              suggestions: z.array(z.string()).openapi({ description: "Words that were searched instead", example: ["arnhem"] }),
            }),
          )
          .openapi({ description: "Typos that were corrected" }),
        matchedAllTerms: z
          .boolean()
          .openapi({ description: "false when no service matched every word and results match some words", example: true }),
      })
      .openapi("ServiceSearchMeta"),
  })
  .openapi("ServiceSearch");

const booleanQuery = z.enum(["true", "false"], { error: "Gebruik true of false." }).transform((v) => v === "true");

export const ServiceSearchQuerySchema = z.object({
  q: z
    .string()
    .max(200)
    .optional()
    .openapi({ description: "Free text in Dutch; typos and synonyms are understood", example: "schuldhulp jongere arnhm" }),
  category: z
    .union([LIFE_DOMAIN, z.array(LIFE_DOMAIN)])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
    .openapi({ description: "Life domain; repeat for several (any of them)", example: "schulden" }),
  age: z.coerce
    .number()
    .int()
    .min(0)
    .max(120)
    .optional()
    .openapi({ description: "Only services whose age range includes this age", example: 23 }),
  municipality: municipalityCode.optional(),
  postcode: postcode.optional(),
  acceptsReferrals: booleanQuery.optional().openapi({
    type: "string",
    enum: ["true", "false"],
    description: "Only services that do (or do not) accept referrals through Schakel",
    example: "true",
  }),
  organization: UuidSchema.optional().openapi({
    description: "Only this organization's services",
    example: "3f2b8c1e-6d7a-4b5c-9e0f-1a2b3c4d5e6f",
  }),
  status: z.enum(serviceStatuses).default("active").openapi({ description: "Status (default active)", example: "active" }),
  cursor: z.string().max(300).optional().openapi({ description: "Cursor from meta.nextCursor of the previous page" }),
  limit: z.coerce.number().int().min(1).max(50).default(20).openapi({ description: "Results per page (1–50)", example: 20 }),
});

export const ServiceParamsSchema = z.object({
  serviceId: UuidSchema.openapi({ param: { name: "serviceId", in: "path" }, description: "Service id" }),
});

export const CategorySchema = z
  .object({
    id: LIFE_DOMAIN,
    label: z.string().openapi({ description: "Dutch label", example: "Schulden" }),
    description: z
      .string()
      .openapi({ description: "What belongs to it, in plain Dutch", example: "Hulp bij schulden en betalingsachterstanden" }),
  })
  .openapi("Category");

export const CategoryListSchema = z.object({ data: z.array(CategorySchema) }).openapi("CategoryList");
