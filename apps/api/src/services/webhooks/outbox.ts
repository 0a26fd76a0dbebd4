import type { WebhookEventType } from "@schakel/core";
import { type Database, webhookDeliveries, webhookEvents, webhookSequences, webhookSubscriptions } from "@schakel/db";
import { and, arrayContains, eq, inArray, isNotNull, sql } from "drizzle-orm";

/** One change, as the outbox records it (ADR 0027). `data` must hold nothing personal. */
export interface WebhookEventInput {
  type: WebhookEventType;
  time: Date;
  /** The API path of the changed resource, e.g. /api/v1/referrals/<id>. */
  resourcePath: string;
  /** The referral's or the service's id: events of one key are delivered in order. */
  orderingKey: string;
  /** The organizations whose subscriptions may hear of it. */
  organizationIds: readonly string[];
  /**
   * Every organization's subscriptions may hear of it (a change to the public sociale kaart);
   * `organizationIds` then names the organization the change is about.
   */
  everyOrganization?: boolean;
  data?: Record<string, unknown>;
}

/**
 * Writes the event and one pending delivery per live subscription (active, verified, asking for
 * this type) of the organizations concerned (or of every organization), in the caller's transaction: the event exists exactly
 * when the change committed (the transactional outbox). Returns the event's id and sequence.
 */
export async function recordWebhookEvent(db: Database, input: WebhookEventInput) {
  const [counter] = await db
    .insert(webhookSequences)
    .values({ orderingKey: input.orderingKey, last: 1 })
    .onConflictDoUpdate({ target: webhookSequences.orderingKey, set: { last: sql`${webhookSequences.last} + 1` } })
    .returning({ last: webhookSequences.last });
  const sequence = counter?.last ?? 1;
  const organizationIds = [...new Set(input.organizationIds)];
  const [event] = await db
    .insert(webhookEvents)
    .values({
      type: input.type,
      time: input.time,
      resourcePath: input.resourcePath,
      orderingKey: input.orderingKey,
      sequence,
      organizationIds,
      everyOrganization: input.everyOrganization ?? false,
      data: input.data ?? {},
    })
    .returning({ id: webhookEvents.id });
  if (!event) throw new Error("webhook event not written");
  if (organizationIds.length > 0 || input.everyOrganization) {
    const subscriptions = await db
      .select({ id: webhookSubscriptions.id })
      .from(webhookSubscriptions)
      .where(
        and(
          input.everyOrganization ? undefined : inArray(webhookSubscriptions.organizationId, organizationIds),
          eq(webhookSubscriptions.active, true),
          isNotNull(webhookSubscriptions.verifiedAt),
          arrayContains(webhookSubscriptions.eventTypes, [input.type]),
        ),
      );
    if (subscriptions.length > 0) {
      await db.insert(webhookDeliveries).values(
        subscriptions.map((s) => ({
          eventId: event.id,
          subscriptionId: s.id,
          orderingKey: input.orderingKey,
          sequence,
          nextAttemptAt: input.time,
          createdAt: input.time,
        })),
      );
    }
  }
  return { id: event.id, sequence };
}
