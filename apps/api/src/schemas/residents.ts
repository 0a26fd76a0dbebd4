import { z } from "@hono/zod-openapi";
import { consentMethods, dataCategories, feedbackLevels, preferredChannels } from "@schakel/core";
import { email, timestamp, UuidSchema } from "./common";

const year = new Date().getUTCFullYear();

export const ResidentFieldsSchema = z.object({
  name: z.string().trim().min(1, "Vul de naam in.").max(200).openapi({ description: "Name", example: "Sam Jansen" }),
  birthDate: z.iso
    .date({ error: "Gebruik een datum als 2003-05-14." })
    .nullable()
    .default(null)
    .openapi({ description: "Birth date, when needed; else give birthYear or nothing", example: "2003-05-14" }),
  birthYear: z
    .number()
    .int()
    .min(1900)
    .max(year)
    .nullable()
    .default(null)
    .openapi({ description: "Birth year, when the date is not needed", example: 2003 }),
  address: z
    .string()
    .trim()
    .max(300)
    .nullable()
    .default(null)
    .openapi({ description: "Street and number", example: "Voorbeeldstraat 12" }),
  postcode: z
    .string()
    .trim()
    .regex(/^\d{4}\s?[A-Za-z]{2}$/, "Vul een postcode in zoals 6811 AB.")
    .nullable()
    .default(null)
    .openapi({ description: "Postcode", example: "6811 AB" }),
  phone: z.string().trim().max(40).nullable().default(null).openapi({ description: "Phone number", example: "06-12345678" }),
  email: email().nullable().default(null),
  preferredChannel: z
    .enum(preferredChannels)
    .nullable()
    .default(null)
    .openapi({ description: "How the resident likes to be reached", example: "whatsapp" }),
  language: z
    .string()
    .regex(/^[a-z]{2,3}$/, "Gebruik een taalcode zoals nl of en.")
    .default("nl")
    .openapi({ description: "Language (ISO 639-1)", example: "nl" }),
});

export const ResidentCreateSchema = ResidentFieldsSchema.extend({
  organizationId: UuidSchema.openapi({
    description: "The sending organization (yours)",
    example: "3f2b8c1e-6d7a-4b5c-9e0f-1a2b3c4d5e6f",
  }),
})
  .refine((r) => !(r.birthDate && r.birthYear), {
    message: "Geef een geboortedatum óf een geboortejaar, niet allebei.",
    path: ["birthYear"],
  })
  .openapi("ResidentCreate");

export const ResidentSchema = z
  .object({
    id: z.uuid().openapi({ description: "Resident id", example: "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f" }),
    organizationId: z
      .uuid()
      .openapi({ description: "The organization that recorded the resident", example: "3f2b8c1e-6d7a-4b5c-9e0f-1a2b3c4d5e6f" }),
    name: z.string().openapi({ description: "Name", example: "Sam Jansen" }),
    birthDate: z.string().nullable().openapi({ description: "Birth date", example: "2003-05-14", format: "date" }),
    birthYear: z.number().int().nullable().openapi({ description: "Birth year", example: null }),
    address: z.string().nullable().openapi({ description: "Street and number", example: "Voorbeeldstraat 12" }),
    postcode: z.string().nullable().openapi({ description: "Postcode", example: "6811 AB" }),
    phone: z.string().nullable().openapi({ description: "Phone", example: "06-12345678" }),
    email: z.string().nullable().openapi({ description: "E-mail", example: "sam@example.org" }),
    preferredChannel: z.enum(preferredChannels).nullable().openapi({ description: "Preferred channel", example: "whatsapp" }),
    language: z.string().openapi({ description: "Language", example: "nl" }),
    createdAt: timestamp("When recorded"),
  })
  .openapi("Resident");

export const ResidentParamsSchema = z.object({
  residentId: UuidSchema.openapi({ param: { name: "residentId", in: "path" }, description: "Resident id" }),
});

export const ConsentCreateSchema = z
  .object({
    receivingOrganizationId: UuidSchema.openapi({
      description: "Who may receive the data",
      example: "3f2b8c1e-6d7a-4b5c-9e0f-1a2b3c4d5e6f",
    }),
    purpose: z
      .string()
      .trim()
      .min(3, "Beschrijf het doel.")
      .max(500)
      .openapi({ description: "For what", example: "Aanmelding voor schuldhulp" }),
    dataCategories: z
      .array(z.enum(dataCategories))
      .min(1, "Kies minstens één soort gegevens.")
      .openapi({ description: "What may be shared", example: ["contact", "request", "debts"] }),
    method: z
      .enum(consentMethods, { error: "Kies mondeling, schriftelijk of digitaal." })
      .openapi({ description: "How consent was given", example: "mondeling" }),
    feedbackLevel: z.enum(feedbackLevels).openapi({ description: "What the sender may hear back", example: "outcome" }),
    validUntil: z.iso
      .datetime({ error: "Gebruik een tijdstip als 2027-05-23T00:00:00Z." })
      .openapi({ description: "Until when", example: "2027-05-23T00:00:00Z" }),
  })
  .openapi("ConsentCreate");

export const ConsentSchema = z
  .object({
    id: z.uuid().openapi({ description: "Consent id", example: "7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d" }),
    residentId: z.uuid().openapi({ description: "Resident id", example: "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f" }),
    receivingOrganizationId: z
      .uuid()
      .openapi({ description: "Receiving organization", example: "3f2b8c1e-6d7a-4b5c-9e0f-1a2b3c4d5e6f" }),
    purpose: z.string().openapi({ description: "For what", example: "Aanmelding voor schuldhulp" }),
    dataCategories: z
      .array(z.enum(dataCategories))
      .openapi({ description: "What may be shared", example: ["contact", "request"] }),
    method: z.enum(consentMethods).openapi({ description: "How consent was given", example: "mondeling" }),
    feedbackLevel: z.enum(feedbackLevels).openapi({ description: "What the sender may hear back", example: "outcome" }),
    recordedByUserId: z.uuid().openapi({ description: "Who recorded it", example: "0b6f1c2d-3e4f-4a5b-8c7d-9e0f1a2b3c4d" }),
    recordedAt: timestamp("When recorded"),
    validUntil: timestamp("Until when"),
    withdrawnAt: timestamp("When withdrawn").nullable(),
    withdrawalReason: z.string().nullable().openapi({ description: "Why withdrawn", example: null }),
    valid: z.boolean().openapi({ description: "Not withdrawn and not expired now", example: true }),
  })
  .openapi("Consent");

export const ConsentListSchema = z.object({ data: z.array(ConsentSchema) }).openapi("ConsentList");

export const ConsentParamsSchema = z.object({
  consentId: UuidSchema.openapi({ param: { name: "consentId", in: "path" }, description: "Consent id" }),
});

export const ConsentWithdrawalSchema = z
  .object({
    reason: z
      .string()
      .trim()
      .max(500)
      .optional()
      .openapi({ description: "Why, if the resident said", example: "Wil het zelf regelen" }),
  })
  .openapi("ConsentWithdrawal");
