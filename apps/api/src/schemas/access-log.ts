import { z } from "@hono/zod-openapi";
import { dateOutOfRangeMessage, isYearInRange, withoutControlCharacters } from "@schakel/core";
import { PageMetaSchema, PageQuerySchema, timestamp, UuidSchema } from "./common";

const NamedSchema = (what: string, id: string, name: string) =>
  z.object({
    id: z.uuid().openapi({ description: `${what} id`, example: id }),
    name: z.string().openapi({ description: `${what} name`, example: name }),
  });

export const AccessLogEntrySchema = z
  .object({
    id: z.number().int().openapi({ description: "Entry number (ascending in order of writing)", example: 1042 }),
    at: timestamp("When it happened"),
    actor: z
      .object({
        user: NamedSchema("User", "0b6f1c2d-3e4f-4a5b-8c7d-9e0f1a2b3c4d", "Sanne de Vries").nullable().openapi({
          description:
            "Who; null when Schakel itself acted (e.g. withdrawing referrals after consent withdrawal) or an API token (apiToken)",
        }),
        apiToken: NamedSchema("API token", "5c4b3a29-1807-4f6e-9d5c-4b3a29180716", "Plangroep zaaksysteem")
          .nullable()
          .openapi({ description: "The koppeling (API token) the organization's system acted with; null when a person did" }),
        organization: NamedSchema("Organization", "3f2b8c1e-6d7a-4b5c-9e0f-1a2b3c4d5e6f", "Opr€cht")
          .nullable()
          .openapi({ description: "On behalf of which organization" }),
      })
      .openapi({ description: "Who did it" }),
    action: z.string().openapi({ description: "What was done, e.g. referral.read, resident.export", example: "referral.read" }),
    subjectType: z.string().openapi({ description: "Kind of data touched: resident, organization, member", example: "resident" }),
    subjectId: z
      .string()
      .nullable()
      .openapi({ description: "Id of the data touched", example: "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f" }),
    reason: z.string().nullable().openapi({ description: "Why, where recorded (e.g. the lawful basis)", example: null }),
    details: z
      .record(z.string(), z.unknown())
      .nullable()
      .openapi({
        description: "More about the access, e.g. the referral and the data categories seen",
        example: { referralId: "5e4d3c2b-1a0f-4e9d-8c7b-6a5f4e3d2c1b" },
      }),
  })
  .openapi("AccessLogEntry");

export const AccessLogListSchema = z
  .object({ data: z.array(AccessLogEntrySchema), meta: PageMetaSchema })
  .openapi("AccessLogList");

export const AccessLogQuerySchema = PageQuerySchema.extend({
  organizationId: UuidSchema.openapi({
    description: "The organization whose log to read (you must be its admin)",
    example: "3f2b8c1e-6d7a-4b5c-9e0f-1a2b3c4d5e6f",
  }),
  from: z.iso
    .datetime({ error: "Gebruik een tijdstip als 2026-11-01T00:00:00Z." })
    .refine(isYearInRange, dateOutOfRangeMessage)
    .optional()
    .openapi({ description: "Only entries at or after this moment", example: "2026-11-01T00:00:00Z" }),
  to: z.iso
    .datetime({ error: "Gebruik een tijdstip als 2026-12-01T00:00:00Z." })
    .refine(isYearInRange, dateOutOfRangeMessage)
    .optional()
    .openapi({ description: "Only entries before this moment", example: "2026-12-01T00:00:00Z" }),
  action: withoutControlCharacters(z.string().trim().min(1).max(100))
    .optional()
    .openapi({ description: "Only this action", example: "referral.read" }),
  subjectType: withoutControlCharacters(z.string().trim().min(1).max(100))
    .optional()
    .openapi({ description: "Only this kind of data", example: "resident" }),
  residentId: UuidSchema.optional().openapi({
    description:
      "Only entries about this resident: those whose subject is the resident, and list entries that name the resident in details.residentIds",
    example: "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f",
  }),
  actorUserId: UuidSchema.optional().openapi({
    description: "Only entries written by this person (user id)",
    example: "0b6f1c2d-3e4f-4a5b-8c7d-9e0f1a2b3c4d",
  }),
}).refine((q) => !q.from || !q.to || new Date(q.from) < new Date(q.to), {
  message: "'to' moet na 'from' liggen.",
  path: ["to"],
});
