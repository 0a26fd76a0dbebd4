import { z } from "@hono/zod-openapi";
import { dateOutOfRangeMessage, expiryReasons, isYearInRange, outcomes, referralViewStatuses, urgencies } from "@schakel/core";
import { PageMetaSchema, timestamp, UuidSchema } from "./common";

const booleanQuery = z.enum(["true", "false"], { error: "Gebruik true of false." }).transform((v) => v === "true");

export const ReferralListQuerySchema = z.object({
  box: z.enum(["inbox", "outbox"], { error: "Kies inbox of outbox." }).openapi({
    description: "inbox: referrals your organizations received; outbox: referrals they sent",
    example: "inbox",
  }),
  organizationId: UuidSchema.optional().openapi({
    description: "Only this one of your organizations (default: all where you are a worker or admin)",
    example: "3f2b8c1e-6d7a-4b5c-9e0f-1a2b3c4d5e6f",
  }),
  status: z
    .union([z.enum(referralViewStatuses), z.array(z.enum(referralViewStatuses))])
    .optional()
    .transform((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]))
    .openapi({
      description:
        "Status as your side sees it; repeat for several (any of them). Default: the open statuses — the work still to do. In the outbox it matches the status the sender is shown (within the resident's feedback level), so filtering reveals no more than the list does; `closed` exists only there.",
      example: "received",
    }),
  overdue: booleanQuery.optional().openapi({
    type: "string",
    enum: ["true", "false"],
    description: "Only referrals that are (or are not) overdue: open and not moved within the response target",
    example: "true",
  }),
  urgency: z.enum(urgencies).optional().openapi({ description: "Only normal or only urgent referrals", example: "urgent" }),
  service: UuidSchema.optional().openapi({
    description: "Only referrals to this service",
    example: "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a",
  }),
  assignedTo: z
    .union([z.literal("me"), z.literal("none"), UuidSchema])
    .optional()
    .openapi({
      description:
        "Inbox: the receiver's worker on it; outbox: the referring worker. A user id, `me`, or (inbox) `none` for referrals nobody has taken yet",
      example: "me",
    }),
  suggestion: booleanQuery.optional().openapi({
    type: "string",
    enum: ["true", "false"],
    description: "Only referrals that were (or were not) declined with a suggested service instead",
    example: "true",
  }),
  changedSince: z.iso
    .datetime({ offset: true, error: "Geef een tijdstip als 2026-11-23T10:15:00Z." })
    .refine(isYearInRange, dateOutOfRangeMessage)
    .transform((v) => new Date(v))
    .optional()
    .openapi({
      type: "string",
      format: "date-time",
      description:
        "Outbox: only referrals whose status, as the sender is shown it, changed after this instant (e.g. GET /me/overview's lastVisitAt)",
      example: "2026-11-23T10:15:00Z",
    }),
  cursor: z.string().max(300).optional().openapi({ description: "Cursor from meta.nextCursor of the previous page" }),
  limit: z.coerce.number().int().min(1).max(100).default(25).openapi({ description: "Items per page (1–100)", example: 25 }),
});

const OrganizationRefSchema = z
  .object({
    id: z.uuid().openapi({ description: "Organization id", example: "3f2b8c1e-6d7a-4b5c-9e0f-1a2b3c4d5e6f" }),
    name: z.string().openapi({ description: "Organization name", example: "Plangroep" }),
  })
  .openapi("ReferralSummaryOrganization");

export const ReferralSummarySchema = z
  .object({
    id: z.uuid().openapi({ description: "Referral id", example: "5e4d3c2b-1a0f-4e9d-8c7b-6a5f4e3d2c1b" }),
    reference: z.number().int().openapi({ description: "The short reference (shown as V-<number>)", example: 1042 }),
    side: z.enum(["sender", "receiver"]).openapi({ description: "Your side of this referral", example: "receiver" }),
    status: z.enum(referralViewStatuses).openapi({
      description: "Status as your side may see it (the sender within the resident's feedback level; see Referral.status)",
      example: "received",
    }),
    service: z.object({ id: z.uuid(), name: z.string() }).openapi({
      description: "The service referred to",
      example: { id: "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a", name: "Schuldhulp" },
    }),
    counterpart: OrganizationRefSchema.openapi({
      description: "The other side: the sending organization in the inbox, the receiving one in the outbox",
    }),
    urgency: z.enum(urgencies).openapi({ description: "normal or urgent", example: "urgent" }),
    overdue: z.boolean().openapi({ description: "Open and not moved within the response target", example: true }),
    dueDate: z.string().openapi({
      description: "The last day (Amsterdam) of the response target since the last move",
      example: "2026-11-30",
      format: "date",
    }),
    lastMoveAt: timestamp("When the status last changed"),
    assignedUserId: z.uuid().nullable().openapi({ description: "The receiver's worker on it", example: null }),
    assignee: z
      .object({ id: z.uuid(), name: z.string() })
      .nullable()
      .openapi({
        description: "Inbox only: the colleague on it, by name (null in the outbox and while nobody took it)",
        example: { id: "6b5a4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d", name: "Noor Bakker" },
      }),
    outcome: z
      .enum(outcomes)
      .nullable()
      .openapi({ description: "How it ended (the sender only when the resident chose to share the outcome)", example: null }),
    suggestedService: z
      .object({ id: z.uuid(), name: z.string() })
      .nullable()
      .openapi({ description: "On decline: the service suggested instead", example: null }),
    expiryReason: z
      .enum(expiryReasons)
      .nullable()
      .openapi({ description: "Why Schakel moved it to expired", example: "no_response" }),
    lateSince: timestamp("Since when the sender was told the receiver is late").nullable(),
    closedAt: timestamp("When it closed").nullable(),
    residentName: z.string().nullable().openapi({
      description:
        "The resident's name: for the sender; for the receiver only while consent (or the Wgs) holds and contact details were shared. Nothing else about the resident is listed.",
      example: "Sam Jansen",
    }),
  })
  .openapi("ReferralSummary");

export const ReferralListSchema = z
  .object({
    data: z.array(ReferralSummarySchema),
    meta: PageMetaSchema.extend({
      total: z.number().int().openapi({ description: "How many referrals match, on all pages", example: 42 }),
    }).openapi("ReferralListMeta"),
  })
  .openapi("ReferralList");

export const ReferralUpdateSchema = z
  .object({
    assignedUserId: UuidSchema.nullable().openapi({
      description: "The receiving organization's worker or admin who takes it on; null: nobody",
      example: "6b5a4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d",
    }),
  })
  .openapi("ReferralUpdate");

export const OverviewQuerySchema = z.object({
  organizationId: UuidSchema.optional().openapi({
    description: "Only this one of your organizations (default: all where you are a worker or admin)",
    example: "3f2b8c1e-6d7a-4b5c-9e0f-1a2b3c4d5e6f",
  }),
});

const countOf = (description: string, example: number) => z.number().int().openapi({ description, example });

export const OverviewSchema = z
  .object({
    lastVisitAt: timestamp("Your previous visit (PUT /me/overview-visit); null before the first").nullable(),
    counts: z
      .object({
        all: countOf("All sent referrals", 42),
        open: countOf("Still open", 12),
        overdue: countOf("Open and past the response target", 2),
        suggestion: countOf("Declined with a suggested service instead", 1),
        closed: countOf("Closed, however they ended", 30),
        changed: countOf("Whose status, as you are shown it, changed since lastVisitAt (0 before the first visit)", 3),
      })
      .openapi("OverviewCounts"),
  })
  .openapi("Overview");

export const OverviewVisitSchema = z.object({ lastVisitAt: timestamp("The visit just recorded") }).openapi("OverviewVisit");
