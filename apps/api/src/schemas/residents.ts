import { z } from "@hono/zod-openapi";
import * as rules from "@schakel/core";
import { consentMethods, dataCategories, feedbackLevels, preferredChannels } from "@schakel/core";
import { emailDoc, timestamp, UuidSchema } from "./common";
import { documented } from "./document";

export const ResidentCreateSchema = documented(rules.ResidentCreateSchema, {
  name: { description: "Name", example: "Sam Jansen" },
  birthDate: { description: "Birth date, when needed; else give birthYear or nothing", example: "2003-05-14" },
  birthYear: { description: "Birth year, when the date is not needed", example: 2003 },
  address: { description: "Street and number", example: "Voorbeeldstraat 12" },
  postcode: { description: "Postcode", example: "6811 AB" },
  phone: { description: "Phone number", example: "06-12345678" },
  email: emailDoc,
  preferredChannel: { description: "How the resident likes to be reached", example: "whatsapp" },
  language: { description: "Language (ISO 639-1)", example: "nl" },
  organizationId: { description: "The sending organization (yours)", example: "3f2b8c1e-6d7a-4b5c-9e0f-1a2b3c4d5e6f" },
}).openapi("ResidentCreate");

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

export const ConsentCreateSchema = documented(rules.ConsentCreateSchema, {
  receivingOrganizationId: { description: "Who may receive the data", example: "3f2b8c1e-6d7a-4b5c-9e0f-1a2b3c4d5e6f" },
  purpose: { description: "For what", example: "Aanmelding voor schuldhulp" },
  dataCategories: { description: "What may be shared", example: ["contact", "request", "debts"] },
  method: { description: "How consent was given", example: "mondeling" },
  feedbackLevel: { description: "What the sender may hear back", example: "outcome" },
  validUntil: { description: "Until when", example: "2027-05-23T00:00:00Z" },
}).openapi("ConsentCreate");

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

export const ConsentWithdrawalSchema = documented(rules.ConsentWithdrawalSchema, {
  reason: { description: "Why, if the resident said", example: "Wil het zelf regelen" },
}).openapi("ConsentWithdrawal");
