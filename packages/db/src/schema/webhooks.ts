import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { organizations } from "./organizations";
import { users } from "./users";

/**
 * Where an organization's own system wants to hear of changes (issue 10, ADR 0027). Live only once
 * the hub has verified the callback (a signed test event answered 2xx: `verifiedAt`) and while
 * `active`. The secret signs every delivery (Standard Webhooks, HMAC-SHA256), so the hub must keep
 * it; during a rotation the previous one signs too, until `previousSecretExpiresAt`.
 */
export const webhookSubscriptions = pgTable(
  "webhook_subscriptions",
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    /** A short name the admin gives it ("Plangroep zaaksysteem"). */
    description: text().notNull(),
    url: text().notNull(),
    /** CloudEvents types, e.g. nl.schakel.referral.status-changed. */
    eventTypes: text().array().notNull().default(sql`'{}'`),
    active: boolean().notNull().default(true),
    /** `whsec_…`: base64 of the signing key, as the Standard Webhooks libraries take it. */
    secret: text().notNull(),
    previousSecret: text(),
    previousSecretExpiresAt: timestamp({ withTimezone: true }),
    verifiedAt: timestamp({ withTimezone: true }),
    /**
     * When the organization's admins were last told that deliveries were given up on (ADR 0030):
     * at most one notice a day per subscription, saying how many failed since the one before.
     */
    failureNoticeAt: timestamp({ withTimezone: true }),
    createdByUserId: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index("webhook_subscriptions_organization_id_idx").on(t.organizationId)],
);

/**
 * The transactional outbox: one row per change, written in the same transaction as the change
 * itself, so an event exists exactly when its change committed. `data` never holds personal data:
 * the receiver fetches the resource at `dataref` with its token, within what its side may see.
 */
export const webhookEvents = pgTable(
  "webhook_events",
  {
    /** The CloudEvents `id`. */
    id: uuid().primaryKey().defaultRandom(),
    /** The CloudEvents `type`, e.g. nl.schakel.referral.status-changed. */
    type: text().notNull(),
    /** The CloudEvents `time`: when the change was made. */
    time: timestamp({ withTimezone: true }).notNull(),
    /** The API path of the resource (`dataref` is the hub's public URL + this), e.g. /api/v1/referrals/…. */
    resourcePath: text().notNull(),
    /** What orders the events: a referral's or a service's id. */
    orderingKey: uuid().notNull(),
    /** Per ordering key, 1, 2, 3, … (the CloudEvents `sequence` extension). */
    sequence: integer().notNull(),
    /** Which organizations may hear of it (the sides of a referral, a service's organization). */
    organizationIds: uuid().array().notNull(),
    /**
     * Every organization may hear of it, not only `organizationIds`: a change to the public sociale
     * kaart (a service created or changed). `organizationIds` then holds the service's own organization.
     */
    everyOrganization: boolean().notNull().default(false),
    data: jsonb().$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [uniqueIndex("webhook_events_ordering_key_sequence_idx").on(t.orderingKey, t.sequence)],
);

export const webhookDeliveryStatuses = ["pending", "delivered", "failed"] as const;
export type WebhookDeliveryStatus = (typeof webhookDeliveryStatuses)[number];

/**
 * One event to one subscription: created with the event (same transaction) for every live
 * subscription that asked for its type, then worked by the dispatcher. Its id is the Standard
 * Webhooks `webhook-id`, the same on every attempt. A dispatcher claims a delivery by setting
 * `leasedUntil` (FOR UPDATE SKIP LOCKED), so several dispatchers share the work and one that dies
 * mid-delivery leaves it to be retried when the lease runs out.
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: uuid().primaryKey().defaultRandom(),
    eventId: uuid()
      .notNull()
      .references(() => webhookEvents.id, { onDelete: "cascade" }),
    subscriptionId: uuid()
      .notNull()
      .references(() => webhookSubscriptions.id, { onDelete: "cascade" }),
    /** Copied from the event: deliveries of one key go out to one subscription in sequence order. */
    orderingKey: uuid().notNull(),
    sequence: integer().notNull(),
    status: text().$type<WebhookDeliveryStatus>().notNull().default("pending"),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull(),
    leasedUntil: timestamp({ withTimezone: true }),
    lastAttemptAt: timestamp({ withTimezone: true }),
    /** The receiver's HTTP status on the last attempt; null when it gave none (timeout, refused). */
    lastResponseStatus: integer(),
    /** Why the last attempt failed, in plain words, without the response body. */
    lastError: text(),
    deliveredAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    /** For the delivery log's keyset pagination. */
    seq: bigint({ mode: "number" }).generatedAlwaysAsIdentity().notNull(),
  },
  (t) => [
    index("webhook_deliveries_due_idx").on(t.nextAttemptAt).where(sql`status = 'pending'`),
    index("webhook_deliveries_order_idx").on(t.subscriptionId, t.orderingKey, t.sequence),
    index("webhook_deliveries_subscription_seq_idx").on(t.subscriptionId, t.seq),
    // The dispatcher's claim (ADR 0030): per subscription the due pending ones in time order, and
    // per (subscription, key) the lowest pending sequence — only that one may go. The second says
    // "pending" another way on purpose: the claim's subquery must not be able to use the first
    // index (on fresh statistics PostgreSQL took it and scanned every pending row per row).
    index("webhook_deliveries_pending_due_idx").on(t.subscriptionId, t.nextAttemptAt).where(sql`status = 'pending'`),
    index("webhook_deliveries_open_order_idx")
      .on(t.subscriptionId, t.orderingKey, t.sequence)
      .where(sql`status <> 'delivered' and status <> 'failed'`),
  ],
);

/**
 * The last `sequence` given out per ordering key. Taken with an upsert, whose row lock holds to the
 * end of the transaction: a second change to the same referral waits, so sequence order is commit order.
 */
export const webhookSequences = pgTable("webhook_sequences", {
  orderingKey: uuid().primaryKey(),
  last: integer().notNull(),
});
