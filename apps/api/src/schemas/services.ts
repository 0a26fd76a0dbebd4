import { z } from "@hono/zod-openapi";
import * as rules from "@schakel/core";
import { serviceStatuses, withoutControlCharacters } from "@schakel/core";
import { timestamp, UuidSchema } from "./common";
import { documented, documentInner, withMetadata } from "./document";

export const LIFE_DOMAIN = rules.LifeDomainSchema;

const municipalityCode = withMetadata(rules.MunicipalityCodeSchema, { description: "CBS municipality code", example: "GM0202" });

const postcode = withMetadata(rules.SearchPostcodeSchema, {
  description: "Dutch postcode; only its four digits count",
  example: "6811 AB",
});

export const PostcodeRangeSchema = documented(rules.PostcodeRangeSchema, {
  from: { description: "First four-digit postcode", example: 6811 },
  to: { description: "Last four-digit postcode (inclusive)", example: 6846 },
}).openapi("PostcodeRange");

export const ContactChannelSchema = documented(rules.ContactChannelSchema, {
  kind: { description: "How to reach the service", example: "telefoon" },
  value: { description: "Number, address or URL; required for telefoon, email, website and whatsapp", example: "06-12345678" },
  note: { description: "When or how, in plain Dutch", example: "Op werkdagen van 9 tot 17 uur" },
}).openapi("ContactChannel");

const OrganizationRefSchema = z
  .object({
    id: z.uuid().openapi({ description: "Organization id", example: "3f2b8c1e-6d7a-4b5c-9e0f-1a2b3c4d5e6f" }),
    name: z.string().openapi({ description: "Organization name", example: "Plangroep" }),
    slug: z.string().openapi({ description: "Stable readable key", example: "plangroep" }),
  })
  .openapi("OrganizationRef");

/** The metadata of the fields an admin sets; shared by create, update and the service itself. */
const serviceFieldDocs = {
  name: { description: "Name", example: "Schulddienstverlening" },
  description: { description: "What the service does, in plain Dutch", example: "Hulp bij het oplossen van schulden." },
  lifeDomains: { description: "Life domains", example: ["schulden"] },
  ageMin: { description: "Minimum age, inclusive", example: 18 },
  ageMax: { description: "Maximum age, inclusive", example: 26 },
  eligibility: { description: "Who it is for, in plain Dutch", example: "Inwoners met problematische schulden." },
  requiresBijstand: {
    description: "Only for people on bijstand (true), only for people not on bijstand (false), or either (null)",
    example: null,
  },
  debtMin: { description: "Minimum total debt in euros", example: 1000 },
  debtMax: { description: "Maximum total debt in euros", example: 4000 },
  isNational: { description: "Available everywhere in the Netherlands", example: false },
  municipalityCodes: <S extends z.ZodType>(field: S) =>
    documentInner(field, (code) => withMetadata(code, { description: "CBS municipality code", example: "GM0202" })).openapi({
      description: "Municipalities it covers (CBS codes)",
      example: ["GM0202"],
    }),
  postcodeRanges: <S extends z.ZodType>(field: S) =>
    documentInner(field, () => PostcodeRangeSchema).openapi({ description: "Postcode ranges it covers" }),
  contactChannels: <S extends z.ZodType>(field: S) =>
    documentInner(field, () => ContactChannelSchema).openapi({ description: "Contact routes" }),
  languages: { description: "Languages (ISO 639-1)", example: ["nl"] },
  cost: { description: "What it costs, in plain Dutch", example: "Gratis" },
  openingHours: { description: "Opening hours, free text", example: "Maandag tot en met vrijdag 9.00–17.00" },
  warmHandover: { description: "How a warm handover works here", example: "Na aanmelding volgt een driegesprek." },
  acceptsReferrals: { description: "Accepts referrals through Schakel", example: true },
  responseTargetDays: { description: "Working days within which it responds to a referral", example: 5 },
  status: { description: "active, inactive, temporarily_closed or defunct", example: "active" },
  escalation: {
    description:
      "The service's own escalation ladder, in working days; what is left out takes the default. tellSenderAfterDays (default 5): after the response target, before the sender is told and the referral is on the coordinator's list; expireAfterDays (default 15, null: never): after the target, before an untouched referral expires; statusTargetDays: targets for accepted (10), in_contact (15), in_progress (30), on_hold (30). Urgent referrals always follow the urgent ladder (1, +1, +4). null: the default ladder.",
    example: { tellSenderAfterDays: 5, expireAfterDays: 15, statusTargetDays: { accepted: 10 } },
  },
};

export const ServiceCreateSchema = documented(rules.ServiceCreateSchema, {
  organizationId: {
    description: "The organization that offers it (you must be its admin)",
    example: "3f2b8c1e-6d7a-4b5c-9e0f-1a2b3c4d5e6f",
  },
  ...serviceFieldDocs,
}).openapi("ServiceCreate");

export const ServiceUpdateSchema = documented(rules.ServiceUpdateSchema, serviceFieldDocs).openapi("ServiceUpdate");

const serviceFields = documented(z.object(rules.serviceFields), serviceFieldDocs).shape;

export const ServiceSchema = z
  .object({
    id: z.uuid().openapi({ description: "Service id", example: "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a" }),
    organization: OrganizationRefSchema,
    ...serviceFields,
    partnerLight: z.boolean().openapi({
      description:
        "Works without an account (partner-light, ADR 0029): the receiver answers through a link in the mail to its intake address",
      example: false,
    }),
    partnerLightByService: z.boolean().openapi({
      description: "Partner-light set for this service alone by its organization's admin (else it comes from the organization)",
      example: false,
    }),
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
    partnerLight: z.boolean().openapi({
      description: "Works without an account (partner-light): the receiver answers through a link in its mail",
      example: false,
    }),
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
  q: withoutControlCharacters(z.string().max(200))
    .optional()
    .openapi({ description: "Free text in Dutch; typos and synonyms are understood", example: "schuldhulp jongere arnhm" }),
  category: z
    .union([LIFE_DOMAIN, z.array(LIFE_DOMAIN)])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
    .openapi({ description: "Life domain; repeat for several (any of them)", example: "schulden" }),
  age: withMetadata(rules.SearchAgeSchema.optional(), {
    description: "Only services whose age range includes this age",
    example: 23,
  }),
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

export const ResponsivenessFiguresSchema = z
  .object({
    referrals: z.number().int().openapi({ description: "Referrals sent to the service in the window", example: 23 }),
    responded: z
      .number()
      .int()
      .openapi({ description: "Of those, answered by the receiver (accepted or declined)", example: 21 }),
    medianWorkingDays: z.number().nullable().openapi({
      description:
        "Median working days from sending to the first response (Algemene termijnenwet, the receiver's closing days excluded); null when none was answered",
      example: 2,
    }),
    acceptedShare: z
      .number()
      .min(0)
      .max(1)
      .nullable()
      .openapi({ description: "Share (0–1) accepted of those answered; null when none was answered", example: 0.81 }),
    withinTargetShare: z.number().min(0).max(1).nullable().openapi({
      description:
        "Share (0–1) answered within the response target, of those answered or still unanswered when the target ran out; null when there are none",
      example: 0.9,
    }),
  })
  .openapi("ResponsivenessFigures");

export const ServiceResponsivenessSchema = z
  .object({
    serviceId: z.uuid().openapi({ description: "Service id", example: "8d6c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b" }),
    since: timestamp("Start of the window: referrals sent from this moment on count"),
    until: timestamp("End of the window: now"),
    minimumReferrals: z.number().int().openapi({
      description: "Referrals the window needs before figures are shown",
      example: rules.RESPONSIVENESS_MIN_REFERRALS,
    }),
    figures: ResponsivenessFiguresSchema.nullable().openapi({
      description: 'Null while the window holds fewer than minimumReferrals referrals ("nog te weinig verwijzingen")',
    }),
  })
  .openapi("ServiceResponsiveness");
