import { z } from "@hono/zod-openapi";
import * as rules from "@schakel/core";
import { PageMetaSchema, timestamp, UuidSchema } from "./common";
import { documented } from "./document";

export const NotificationSchema = z
  .object({
    id: z.uuid().openapi({ description: "Notification id", example: "0f1e2d3c-4b5a-4968-8776-5a4b3c2d1e0f" }),
    referralId: z
      .uuid()
      .nullable()
      .openapi({ description: "The referral it is about", example: "5e4d3c2b-1a0f-4e9d-8c7b-6a5f4e3d2c1b" }),
    kind: z.enum(rules.notificationKinds).openapi({ description: "What it is about", example: "referral_moved" }),
    urgent: z.boolean().openapi({ description: "About an urgent referral", example: false }),
    referral: z
      .object({
        id: z.uuid().openapi({ description: "Referral id", example: "5e4d3c2b-1a0f-4e9d-8c7b-6a5f4e3d2c1b" }),
        reference: z.number().int().openapi({ description: "Its short reference (shown as V-<number>)", example: 1042 }),
        serviceName: z.string().openapi({ description: "The service referred to", example: "Schuldhulp" }),
      })
      .nullable()
      .openapi("NotificationReferral", { description: "Which referral it is about (never the resident); null when none" }),
    text: z.string().openapi({
      description: "What happened; never the resident's name or details",
      example: "Verwijzing naar Schulddienstverlening: geaccepteerd.",
    }),
    createdAt: timestamp("When it happened"),
    readAt: timestamp("When you marked it read").nullable(),
  })
  .openapi("Notification");

export const NotificationListQuerySchema = z.object({
  unread: z
    .enum(["true", "false"], { error: "Gebruik true of false." })
    .transform((v) => v === "true")
    .optional()
    .openapi({ type: "string", enum: ["true", "false"], description: "Only unread ones (true)", example: "true" }),
  cursor: z.string().max(300).optional().openapi({ description: "Cursor from meta.nextCursor of the previous page" }),
  limit: z.coerce.number().int().min(1).max(100).default(25).openapi({ description: "Items per page (1–100)", example: 25 }),
});

export const NotificationListSchema = z
  .object({
    data: z.array(NotificationSchema),
    meta: PageMetaSchema.extend({
      unreadCount: z.number().int().openapi({ description: "How many of your notifications are unread", example: 3 }),
    }).openapi("NotificationListMeta"),
  })
  .openapi("NotificationList");

export const NotificationParamsSchema = z.object({
  notificationId: UuidSchema.openapi({ param: { name: "notificationId", in: "path" }, description: "Notification id" }),
});

export const NotificationsReadSchema = z
  .object({
    marked: z.number().int().openapi({ description: "How many were unread and are now read", example: 3 }),
  })
  .openapi("NotificationsRead");

export const NotificationSettingsUpdateSchema = documented(rules.NotificationSettingsSchema, {
  mailMode: { description: "each: a mail per event; digest: one overview per working day at 08:00", example: "digest" },
  allReferrals: { description: "Admins only: also hear of every new referral to your organization", example: false },
}).openapi("NotificationSettingsUpdate");

export const NotificationSettingsViewSchema = z
  .object({
    mailMode: z.enum(rules.mailModes).openapi({ description: "How you get mail (default digest)", example: "digest" }),
    allReferrals: z.boolean().openapi({ description: "Also told of every new referral to your organization", example: false }),
    canChooseAllReferrals: z
      .boolean()
      .openapi({ description: "Whether you are an admin of an organization, who may choose allReferrals", example: false }),
  })
  .openapi("NotificationSettings");
