import { z } from "@hono/zod-openapi";
import * as rules from "@schakel/core";
import { webhookEventTypes } from "@schakel/core";
import { webhookDeliveryStatuses } from "@schakel/db";
import { PageMetaSchema, PageQuerySchema, timestamp, UuidSchema } from "./common";
import { documented, withMetadata } from "./document";

const idExample = "3f6c1d2e-7a8b-4c9d-8e0f-1a2b3c4d5e6f";
const eventTypesDoc = {
  description: `The CloudEvents types to hear of: ${webhookEventTypes.join(", ")}`,
  example: ["nl.schakel.referral.status-changed"],
};

export const WebhookSubscriptionSchema = z
  .object({
    id: z.uuid().openapi({ description: "Subscription id", example: idExample }),
    organizationId: z.uuid().openapi({ description: "The organization whose system it is", example: idExample }),
    description: z.string().openapi({ description: "A short name", example: "Plangroep zaaksysteem" }),
    url: z.string().openapi({ description: "The callback address", example: "https://zaak.plangroep.example/schakel/webhooks" }),
    eventTypes: z.array(z.enum(webhookEventTypes)).openapi(eventTypesDoc),
    active: z.boolean().openapi({ description: "false: switched off by an admin, gets nothing", example: true }),
    state: z.enum(["live", "unverified", "off"]).openapi({
      description: "live: gets events; unverified: its address has not answered a test event with 2xx yet; off: switched off",
      example: "live",
    }),
    verifiedAt: timestamp("When its address last answered the test event with 2xx; null while unverified").nullable(),
    previousSecretExpiresAt: timestamp(
      "After a rotation: until when the previous secret signs as well (24 hours); null when only one secret signs",
    ).nullable(),
    createdAt: timestamp("When it was made"),
    updatedAt: timestamp("When it last changed"),
  })
  .openapi("WebhookSubscription");

export const WebhookSubscriptionListSchema = z
  .object({ data: z.array(WebhookSubscriptionSchema) })
  .openapi("WebhookSubscriptionList");

export const WebhookTestSchema = z
  .object({
    ok: z.boolean().openapi({ description: "Whether the address answered the signed test event with 2xx", example: false }),
    status: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "The HTTP status it answered with; null when it gave none", example: 500 }),
    error: z.string().nullable().openapi({
      description: "Why the test failed, in Dutch; null when it passed",
      example: "De ontvanger antwoordde met HTTP 500.",
    }),
  })
  .openapi("WebhookTest");

const secretDoc = {
  description:
    "The signing secret (Standard Webhooks, `whsec_` + base64). Shown only in this answer: store it now; it is never shown again",
  example: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
};

export const WebhookSubscriptionCreatedSchema = z
  .object({
    subscription: WebhookSubscriptionSchema,
    secret: z.string().openapi(secretDoc),
    test: WebhookTestSchema,
  })
  .openapi("WebhookSubscriptionCreated");

export const WebhookSecretRotatedSchema = z
  .object({ subscription: WebhookSubscriptionSchema, secret: z.string().openapi(secretDoc) })
  .openapi("WebhookSecretRotated");

export const WebhookSubscriptionTestedSchema = z
  .object({ subscription: WebhookSubscriptionSchema, test: WebhookTestSchema })
  .openapi("WebhookSubscriptionTested");

export const WebhookSubscriptionUpdatedSchema = z
  .object({
    subscription: WebhookSubscriptionSchema,
    test: WebhookTestSchema.nullable().openapi({
      description: "When the address changed: the test of the new address; else null",
    }),
  })
  .openapi("WebhookSubscriptionUpdated");

export const WebhookSubscriptionCreateSchema = documented(rules.WebhookSubscriptionCreateSchema, {
  organizationId: { description: "Your organization (you must be its admin)", example: idExample },
  description: { description: "A short name, at most 200 characters", example: "Plangroep zaaksysteem" },
  url: {
    description: "The callback: https:// on the public internet (checked after DNS resolution)",
    example: "https://zaak.plangroep.example/schakel/webhooks",
  },
  eventTypes: eventTypesDoc,
}).openapi("WebhookSubscriptionCreate");

export const WebhookSubscriptionUpdateSchema = documented(rules.WebhookSubscriptionUpdateSchema, {
  description: { description: "A short name", example: "Plangroep zaaksysteem (nieuw)" },
  url: {
    description: "A new callback; it is verified again before it gets events",
    example: "https://zaak.plangroep.example/hooks",
  },
  eventTypes: eventTypesDoc,
  active: { description: "false switches it off; true on again", example: false },
}).openapi("WebhookSubscriptionUpdate");

export const WebhookSubscriptionListQuerySchema = z.object({
  organizationId: withMetadata(UuidSchema, { description: "Your organization (you must be its admin)", example: idExample }),
});

export const WebhookSubscriptionParamsSchema = z.object({
  subscriptionId: UuidSchema.openapi({ param: { name: "subscriptionId", in: "path" }, description: "Subscription id" }),
});

export const WebhookDeliveryParamsSchema = WebhookSubscriptionParamsSchema.extend({
  deliveryId: UuidSchema.openapi({ param: { name: "deliveryId", in: "path" }, description: "Delivery id (the webhook-id)" }),
});

export const WebhookDeliverySchema = z
  .object({
    id: z.uuid().openapi({ description: "Delivery id: the webhook-id header, the same on every attempt", example: idExample }),
    eventId: z.uuid().openapi({ description: "The CloudEvents id", example: idExample }),
    eventType: z.string().openapi({ description: "The CloudEvents type", example: "nl.schakel.referral.status-changed" }),
    eventTime: timestamp("When the change was made"),
    resourcePath: z.string().openapi({
      description: "The API path of the referral or service it is about",
      example: "/api/v1/referrals/5b1f0c8e-1d2a-4c3b-8e9f-0a1b2c3d4e5f",
    }),
    status: z.enum(webhookDeliveryStatuses).openapi({
      description: "pending: waiting to be sent (or retried); delivered: answered 2xx; failed: given up on",
      example: "failed",
    }),
    attempts: z.number().int().openapi({ description: "How many times it was sent, in all", example: 3 }),
    lastResponseStatus: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "The HTTP status of the last attempt; null when none came", example: 503 }),
    lastError: z.string().nullable().openapi({
      description: "Why the last attempt failed, in Dutch (never the response body)",
      example: "De ontvanger antwoordde met HTTP 503.",
    }),
    lastAttemptAt: timestamp("When it was last sent").nullable(),
    nextAttemptAt: timestamp("While pending: when it is sent next").nullable(),
    deliveredAt: timestamp("When it was answered 2xx").nullable(),
  })
  .openapi("WebhookDelivery");

export const WebhookDeliveryListSchema = z
  .object({ data: z.array(WebhookDeliverySchema), meta: PageMetaSchema })
  .openapi("WebhookDeliveryList");

export const WebhookDeliveryListQuerySchema = PageQuerySchema.extend({
  status: z
    .enum(webhookDeliveryStatuses)
    .optional()
    .openapi({ description: "Only deliveries with this status", example: "failed" }),
});

export const WebhookResendResultSchema = z
  .object({ count: z.number().int().openapi({ description: "How many deliveries were put back in the queue", example: 4 }) })
  .openapi("WebhookResendResult");
