// HSDS 3.0 (Open Referral) objects, in HSDS's own snake_case property names: a documented

// exception to our camelCase JSON, so that any HSDS consumer reads the sociale kaart unchanged.
// Query parameters stay camelCase (the NL API Design Rules make that an error); the routes also
// accept the HSDS spellings (per_page, organization_id, …). See routes/hsds.ts.
import { z } from "@hono/zod-openapi";
import { dateOutOfRangeMessage, isYearInRange, withoutControlCharacters } from "@schakel/core";
import { timestamp, UuidSchema } from "./common";

const HSDS_NOTE = "Property names follow HSDS 3.0 (snake_case), an intended exception to Schakel's camelCase.";

/** HSDS service statuses; Schakel's temporarily_closed is HSDS's "temporarily closed". */
export const hsdsServiceStatuses = ["active", "inactive", "defunct", "temporarily closed"] as const;

const id = (description: string, example = "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a") => z.uuid().openapi({ description, example });
const text = (description: string, example: string) => z.string().openapi({ description, example });
const uri = (description: string, example: string) => z.string().openapi({ description, example, format: "uri" });

export const HsdsApiMetaSchema = z
  .object({
    version: text("HSDS version of this API", "3.0"),
    profile: uri("The HSDS profile this API follows", "https://openreferral.org/specification/3.0"),
    openapi_url: uri("The OpenAPI document that describes this API", "https://schakel.example/api/v1/openapi.json"),
  })
  .openapi("HsdsApiMeta", { description: `What this HSDS API is. ${HSDS_NOTE}` });

export const HsdsTaxonomySchema = z
  .object({
    id: id("Taxonomy id (stable, derived from the name)", "44d08044-9fc7-5581-8a4b-6e14a31de3a6"),
    name: text("Name", "Schakel leefgebieden"),
    description: text("What the taxonomy classifies", "De leefgebieden van de sociale kaart van Schakel."),
    version: text("Version of the taxonomy", "1"),
  })
  .openapi("HsdsTaxonomy", { description: `An HSDS taxonomy: Schakel's life domains. ${HSDS_NOTE}` });

export const HsdsTaxonomyTermSchema = z
  .object({
    id: id("Term id (stable, derived from the life domain)", "8d870b58-5477-5012-a7be-6e729738a0ff"),
    code: text("The life domain's id in Schakel", "schulden"),
    name: text("Dutch label", "Schulden"),
    description: text("What belongs to it, in plain Dutch", "Hulp bij schulden en betalingsachterstanden"),
    taxonomy: text("Name of the taxonomy", "Schakel leefgebieden"),
    taxonomy_id: id("The taxonomy's id", "44d08044-9fc7-5581-8a4b-6e14a31de3a6"),
    taxonomy_detail: HsdsTaxonomySchema,
    language: text("Language of name and description (ISO 639-1)", "nl"),
  })
  .openapi("HsdsTaxonomyTerm", { description: `A life domain as an HSDS taxonomy term. ${HSDS_NOTE}` });

export const HsdsAttributeSchema = z
  .object({
    id: id("Attribute id (stable, derived from service and term)"),
    link_id: id("The service this attribute belongs to"),
    link_entity: z.literal("service").openapi({ description: "The kind of object link_id names", example: "service" }),
    taxonomy_term_id: id("The life domain's taxonomy term", "8d870b58-5477-5012-a7be-6e729738a0ff"),
    taxonomy_term: HsdsTaxonomyTermSchema,
  })
  .openapi("HsdsAttribute", { description: `Links a service to one of its life domains. ${HSDS_NOTE}` });

export const HsdsPhoneSchema = z
  .object({
    id: id("Phone id (stable, derived)"),
    service_id: id("The service, for a service's phone").optional(),
    organization_id: id("The organization, for an organization's phone").optional(),
    number: text("The phone number", "06-12345678"),
    type: z
      .enum(["voice", "text"])
      .optional()
      .openapi({ description: "RFC 6350 type: voice, or text for WhatsApp", example: "voice" }),
    description: text("When or how, in plain Dutch", "Op werkdagen van 9 tot 17 uur").optional(),
  })
  .openapi("HsdsPhone", { description: `A phone number. ${HSDS_NOTE}` });

export const HsdsContactSchema = z
  .object({
    id: id("Contact id (stable, derived)"),
    service_id: id("The service"),
    email: z.string().openapi({ description: "E-mail address", example: "hulp@example.org", format: "email" }),
    title: text("When or what for, in plain Dutch", "Voor vragen over de aanmelding").optional(),
  })
  .openapi("HsdsContact", { description: `A further e-mail address of a service (the first is its email). ${HSDS_NOTE}` });

export const HsdsScheduleSchema = z
  .object({
    id: id("Schedule id (stable, derived)"),
    service_id: id("The service"),
    description: text("Opening hours, free text in Dutch", "Maandag tot en met vrijdag 9.00–17.00"),
  })
  .openapi("HsdsSchedule", { description: `When the service is open (free text). ${HSDS_NOTE}` });

export const HsdsServiceAreaSchema = z
  .object({
    id: id("Service area id (stable, derived)"),
    service_id: id("The service"),
    name: text("The municipality, Nederland, or a postcode range", "Arnhem"),
    description: text("What the area is", "Gemeente Arnhem (CBS-code GM0202)"),
    extent_type: z.literal("text").openapi({ description: "The area is named, not drawn", example: "text" }),
    uri: text(
      "For a municipality: its TOOI identifier (identifier.overheid.nl)",
      "https://identifier.overheid.nl/tooi/id/gemeente/gm0202",
    ).optional(),
  })
  .openapi("HsdsServiceArea", { description: `Where the service is available. ${HSDS_NOTE}` });

export const HsdsLanguageSchema = z
  .object({
    id: id("Language id (stable, derived)"),
    service_id: id("The service"),
    code: text("ISO 639-1 code", "nl"),
    name: text("The language's name in Dutch", "Nederlands"),
  })
  .openapi("HsdsLanguage", { description: `A language the service is given in. ${HSDS_NOTE}` });

export const HsdsOrganizationSummarySchema = z
  .object({
    id: id("Organization id", "3f2b8c1e-6d7a-4b5c-9e0f-1a2b3c4d5e6f"),
    name: text("Name", "Plangroep"),
    description: text("What the organization does, in plain Dutch", "Schuldhulpverlening in Arnhem."),
    email: z.string().optional().openapi({ description: "General e-mail address", example: "info@example.org", format: "email" }),
    website: uri("Website", "https://example.org/").optional(),
  })
  .openapi("HsdsOrganizationSummary", { description: `An organization's own fields. ${HSDS_NOTE}` });

const serviceFields = {
  id: id("Service id"),
  organization_id: id("The organization that offers it", "3f2b8c1e-6d7a-4b5c-9e0f-1a2b3c4d5e6f"),
  name: text("Name", "Schulddienstverlening"),
  description: text("What the service does, in plain Dutch", "Hulp bij het oplossen van schulden."),
  url: uri("Website (the service's first website contact route)", "https://example.org/schuldhulp").optional(),
  email: z
    .string()
    .optional()
    .openapi({ description: "E-mail address (the first e-mail contact route)", example: "hulp@example.org", format: "email" }),
  status: z.enum(hsdsServiceStatuses).openapi({
    description: "active, inactive, defunct or temporarily closed (Schakel's temporarily_closed)",
    example: "active",
  }),
  application_process: text(
    "How to get in: the warm handover and the contact routes HSDS has no field for (home visits, walk-in, address, post)",
    "Warme overdracht: na aanmelding volgt een driegesprek.\nInloop: dinsdag 10–12 uur",
  ).optional(),
  fees_description: text("What it costs, in plain Dutch", "Gratis").optional(),
  eligibility_description: text("Who it is for, in plain Dutch", "Inwoners met problematische schulden.").optional(),
  minimum_age: z.number().int().optional().openapi({ description: "Minimum age, inclusive", example: 18 }),
  maximum_age: z.number().int().optional().openapi({ description: "Maximum age, inclusive", example: 27 }),
  last_modified: timestamp("When the listing was last checked or changed (Schakel's lastVerifiedAt)"),
};

export const HsdsServiceBasicSchema = z
  .object(serviceFields)
  .openapi("HsdsServiceBasic", { description: `A service's own fields, as an organization lists them. ${HSDS_NOTE}` });

export const HsdsServiceSummarySchema = z
  .object({ ...serviceFields, organization: HsdsOrganizationSummarySchema })
  .openapi("HsdsServiceSummary", { description: `A service in a list: its own fields and its organization. ${HSDS_NOTE}` });

export const HsdsServiceSchema = z
  .object({
    ...serviceFields,
    organization: HsdsOrganizationSummarySchema,
    phones: z.array(HsdsPhoneSchema).openapi({ description: "Phone and WhatsApp contact routes" }),
    contacts: z.array(HsdsContactSchema).openapi({ description: "Further e-mail addresses" }),
    schedules: z.array(HsdsScheduleSchema).openapi({ description: "Opening hours" }),
    service_areas: z
      .array(HsdsServiceAreaSchema)
      .openapi({ description: "One per municipality, one 'Nederland' when national, one per postcode range" }),
    languages: z.array(HsdsLanguageSchema).openapi({ description: "Languages" }),
    attributes: z.array(HsdsAttributeSchema).openapi({ description: "Life domains, as taxonomy terms" }),
  })
  .openapi("HsdsService", { description: `A service with everything HSDS nests in it. ${HSDS_NOTE}` });

export const HsdsOrganizationSchema = z
  .object({
    ...HsdsOrganizationSummarySchema.shape,
    phones: z.array(HsdsPhoneSchema).openapi({ description: "General phone number" }),
    services: z.array(HsdsServiceBasicSchema).openapi({ description: "Its services on the sociale kaart, by name" }),
  })
  .openapi("HsdsOrganization", { description: `An organization with its services. ${HSDS_NOTE}` });

const pageFields = {
  total_items: z.number().int().openapi({ description: "Number of matching items", example: 42 }),
  total_pages: z.number().int().openapi({ description: "Number of pages (0 when nothing matches)", example: 1 }),
  page_number: z.number().int().openapi({ description: "This page's number, from 1", example: 1 }),
  size: z.number().int().openapi({ description: "Number of items on this page", example: 42 }),
  first_page: z.boolean().openapi({ description: "Whether this is the first page", example: true }),
  last_page: z.boolean().openapi({ description: "Whether this is the last page", example: true }),
  empty: z.boolean().openapi({ description: "Whether this page has no items", example: false }),
};

const pageOf = <T extends z.ZodType>(item: T, name: string, what: string) =>
  z
    .object({ ...pageFields, contents: z.array(item).openapi({ description: `The ${what} on this page` }) })
    .openapi(name, { description: `A page of ${what} (HSDS paging). ${HSDS_NOTE}` });

export const HsdsServicePageSchema = pageOf(HsdsServiceSummarySchema, "HsdsServicePage", "services");
export const HsdsOrganizationPageSchema = pageOf(HsdsOrganizationSummarySchema, "HsdsOrganizationPage", "organizations");
export const HsdsTaxonomyPageSchema = pageOf(HsdsTaxonomySchema, "HsdsTaxonomyPage", "taxonomies");
export const HsdsTaxonomyTermPageSchema = pageOf(HsdsTaxonomyTermSchema, "HsdsTaxonomyTermPage", "taxonomy terms");

/** Query parameters of every list. */
export const HsdsPageQuerySchema = z.object({
  search: withoutControlCharacters(z.string().trim().max(200))
    .optional()
    .openapi({ description: "Free text (HSDS search)", example: "schulden" }),
  page: z.coerce.number().int().min(1).max(100_000).default(1).openapi({ description: "Page number, from 1", example: 1 }),
  perPage: z.coerce
    .number()
    .int()
    .min(1)
    .max(200)
    .default(50)
    .openapi({ description: "Items per page, 1–200 (default 50). HSDS's per_page is accepted too.", example: 50 }),
});

const uuidQuery = (description: string) =>
  UuidSchema.optional().openapi({ description, example: "3f2b8c1e-6d7a-4b5c-9e0f-1a2b3c4d5e6f" });

export const HsdsServiceQuerySchema = HsdsPageQuerySchema.extend({
  organizationId: uuidQuery("Only this organization's services. HSDS's organization_id is accepted too."),
  taxonomyTermId: uuidQuery("Only services with this taxonomy term (life domain). HSDS's taxonomy_term_id is accepted too."),
  taxonomyId: uuidQuery("Only services with a term of this taxonomy. HSDS's taxonomy_id is accepted too."),
  modifiedAfter: z
    .union([z.iso.datetime({ offset: true }), z.iso.date()], {
      error: "Gebruik een datum-tijd zoals 2026-11-01T00:00:00Z of een datum zoals 2026-11-01.",
    })
    .refine(isYearInRange, dateOutOfRangeMessage)
    .optional()
    .openapi({
      description:
        "Only services changed or checked on or after this moment (date-time with zone, or a date: from 00:00 UTC). HSDS's modified_after is accepted too.",
      example: "2026-11-01T00:00:00Z",
    }),
});

export const HsdsTaxonomyTermQuerySchema = HsdsPageQuerySchema.extend({
  taxonomyId: uuidQuery("Only terms of this taxonomy. HSDS's taxonomy_id is accepted too."),
});

/** The query keys HSDS spells in snake_case, and ours. */
export const hsdsQuerySpellings: Record<string, string> = {
  per_page: "perPage",
  organization_id: "organizationId",
  taxonomy_term_id: "taxonomyTermId",
  taxonomy_id: "taxonomyId",
  modified_after: "modifiedAfter",
};

export const HsdsIdParamsSchema = z.object({
  id: UuidSchema.openapi({
    param: { name: "id", in: "path" },
    description: "The id",
    example: "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a",
  }),
});

export type HsdsService = z.infer<typeof HsdsServiceSchema>;
export type HsdsServiceBasic = z.infer<typeof HsdsServiceBasicSchema>;
export type HsdsServiceSummary = z.infer<typeof HsdsServiceSummarySchema>;
export type HsdsOrganization = z.infer<typeof HsdsOrganizationSchema>;
export type HsdsOrganizationSummary = z.infer<typeof HsdsOrganizationSummarySchema>;
export type HsdsServiceQuery = z.infer<typeof HsdsServiceQuerySchema>;
export type HsdsPageQuery = z.infer<typeof HsdsPageQuerySchema>;
export type HsdsTaxonomyTermQuery = z.infer<typeof HsdsTaxonomyTermQuerySchema>;
