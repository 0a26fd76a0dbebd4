import { z } from "@hono/zod-openapi";
import { referralViewStatuses, urgencies } from "@schakel/core";
import { PageMetaSchema, timestamp } from "./common";

export const LateReferralListQuerySchema = z.object({
  cursor: z.string().max(300).optional().openapi({ description: "Cursor from meta.nextCursor of the previous page" }),
  limit: z.coerce.number().int().min(1).max(100).default(25).openapi({ description: "Items per page (1–100)", example: 25 }),
});

const NamedSchema = z.object({
  id: z.uuid().openapi({ description: "Id", example: "3f2b8c1e-6d7a-4b5c-9e0f-1a2b3c4d5e6f" }),
  name: z.string().openapi({ description: "Name", example: "Plangroep" }),
});

export const LateReferralSchema = z
  .object({
    id: z.uuid().openapi({ description: "Referral id", example: "5e4d3c2b-1a0f-4e9d-8c7b-6a5f4e3d2c1b" }),
    reference: z.string().openapi({ description: "The short reference the mails use", example: "V-1042" }),
    service: NamedSchema.openapi({ description: "The service referred to" }),
    receiver: NamedSchema.openapi({ description: "The receiving organization (the one that is late)" }),
    sender: NamedSchema.openapi({ description: "The sending organization" }),
    status: z.enum(referralViewStatuses).openapi({
      description:
        "The status as the least-told sender sees it (feedback level contact_only): whether it arrived and whether contact was made, nothing more",
      example: "received",
    }),
    urgency: z.enum(urgencies).openapi({ description: "normal or urgent", example: "normal" }),
    lateSince: timestamp("Since when it is late: when the sender was told (the second rung of the ladder)"),
    workingDaysLate: z.number().int().openapi({
      description: "Working days since then (the receiver's working days: holidays and its closing days do not count)",
      example: 3,
    }),
  })
  .openapi("LateReferral");

export const LateReferralListSchema = z
  .object({ data: z.array(LateReferralSchema), meta: PageMetaSchema })
  .openapi("LateReferralList");
