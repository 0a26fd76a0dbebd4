import { z } from "@hono/zod-openapi";
import * as rules from "@schakel/core";
import { timestamp } from "./common";
import { documented } from "./document";

const RESIDENT_ID = "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
const ORGANIZATION_ID = "3f2b8c1e-6d7a-4b5c-9e0f-1a2b3c4d5e6f";

const NamedSchema = z.object({
  id: z.uuid().openapi({ description: "Id", example: ORGANIZATION_ID }),
  name: z.string().openapi({ description: "Name", example: "Opr€cht" }),
});

const RowSchema = z.record(z.string(), z.unknown()).openapi({
  description: "One stored row, column by column (camelCase), timestamps in UTC; columns naming staff members are left out",
  example: { id: RESIDENT_ID, name: "Sam Jansen", phone: "06-12345678", createdAt: "2026-11-23T10:15:00Z" },
});

export const ResidentExportSchema = z
  .object({
    residentId: z.uuid().openapi({ description: "Resident id", example: RESIDENT_ID }),
    exportedAt: timestamp("When the export was made"),
    scope: z.enum(["side", "complete"]).openapi({
      description:
        "side: what the caller's side of the referrals may see (a caseworker's export); complete: everything the recording organization holds (an admin's AVG art. 15 answer, with a recorded reason)",
      example: "side",
    }),
    side: z
      .enum(["sender", "receiver"])
      .nullable()
      .openapi({ description: "Whose side the export shows; null for a complete export", example: "sender" }),
    explanation: z.string().openapi({
      description: "What the export contains, in Dutch, for the resident",
      example: "Dit is alles wat Schakel over deze inwoner bewaart: …",
    }),
    holder: NamedSchema.openapi({
      description:
        "The organization whose export this is: the one that recorded the resident, or (side receiver) the receiving one",
    }),
    resident: RowSchema,
    records: z.record(z.string(), z.array(RowSchema)).openapi({
      description:
        "Complete: the stored rows about the resident per table (consents, referrals), each referral with the rows about it per table (referralEvents, contactAttempts, driegesprekken, …). Side: the consents (sender only) and each referral as that side sees it in Schakel (the Referral view with its events, contact attempts and driegesprek within the feedback level or the consent), without staff members.",
      example: {
        consents: [{ id: "7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d", purpose: "Aanmelding voor schuldhulp" }],
        referrals: [{ id: "5e4d3c2b-1a0f-4e9d-8c7b-6a5f4e3d2c1b", status: "accepted", referralEvents: [] }],
      },
    }),
    organizations: z.array(NamedSchema).openapi({ description: "Names of the organizations the rows and the log refer to" }),
    services: z.array(NamedSchema).openapi({ description: "Names of the services the referrals went to" }),
    accessLog: z
      .array(
        z.object({
          at: timestamp("When"),
          action: z.string().openapi({ description: "What, as logged", example: "referral.read" }),
          description: z.string().openapi({ description: "What, in Dutch", example: "Verwijzing bekeken" }),
          organization: NamedSchema.nullable().openapi({
            description: "From which organization; null when Schakel itself acted",
          }),
          reason: z.string().nullable().openapi({ description: "Why, where recorded", example: null }),
          details: z
            .record(z.string(), z.unknown())
            .nullable()
            .openapi({ description: "More about the access", example: { dataCategories: ["contact", "request"] } }),
        }),
      )
      .openapi({ description: "Who looked at or changed the resident's data, oldest first" }),
    notIncluded: z
      .array(
        z.object({
          table: z.string().openapi({ description: "Table", example: "notifications" }),
          reason: z
            .string()
            .openapi({ description: "Why it is not in the export", example: "Meldingen in de inbox van medewerkers" }),
        }),
      )
      .openapi({ description: "Tables that refer to the resident but are left out, and why" }),
  })
  .openapi("ResidentExport");

export const ResidentErasureSchema = z
  .object({
    residentId: z.uuid().openapi({ description: "Resident id", example: RESIDENT_ID }),
    anonymizedAt: timestamp("When the personal data was removed"),
    cleared: z.record(z.string(), z.number().int()).openapi({
      description: "Rows cleared per table",
      example: { residents: 1, consents: 1, referrals: 2, referralEvents: 7 },
    }),
  })
  .openapi("ResidentErasure");

export const CompleteResidentExportSchema = documented(rules.CompleteResidentExportSchema, {
  reason: {
    description: "Why the complete export is made; kept in the access log with it",
    example: "Inzageverzoek van de inwoner, per brief van 1 december",
  },
}).openapi("CompleteResidentExportRequest");
