import { z } from "@hono/zod-openapi";
import { mailKinds } from "@schakel/db";
import { timestamp, UuidSchema } from "./common";

export const FailedMailSchema = z
  .object({
    id: z.uuid().openapi({ description: "Mail id", example: "7c9e6679-7425-40de-944b-e07fc1f90ae7" }),
    to: z.string().openapi({ description: "Recipient address", example: "intake@plangroep.example", format: "email" }),
    kind: z.enum(mailKinds).openapi({ description: "What the mail is (never its text)", example: "referral-notice" }),
    createdAt: timestamp("When the mail was written"),
    attempts: z.number().int().openapi({ description: "Delivery attempts made", example: 30 }),
  })
  .openapi("FailedMail");

export const FailedMailListSchema = z
  .object({ data: z.array(FailedMailSchema).openapi({ description: "Undelivered mails, newest first (at most 100)" }) })
  .openapi("FailedMailList");

export const FailedMailParamsSchema = z.object({
  organizationId: UuidSchema.openapi({ param: { name: "organizationId", in: "path" }, description: "Organization id" }),
  mailId: UuidSchema.openapi({ param: { name: "mailId", in: "path" }, description: "Mail id" }),
});

export const FailedMailRetrySchema = z
  .object({ sent: z.boolean().openapi({ description: "Whether the mail went out this time", example: true }) })
  .openapi("FailedMailRetry");
