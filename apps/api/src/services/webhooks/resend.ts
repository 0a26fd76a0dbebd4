import { webhookDeliveries, webhookEvents } from "@schakel/db";
import { and, eq } from "drizzle-orm";
import { conflict, notFound } from "../../lib/problem";
import { recordAccess } from "../access-log";
import { requireActor, type ServiceContext, withTransaction } from "../context";
import { deliveryColumns, toDelivery } from "./delivery-view";
import { type SubscriptionRow, subscriptionForAdmin } from "./subscription-view";

/**
 * "Opnieuw versturen": the delivery goes back in the dispatcher's queue, due now — `pending`,
 * `nextAttemptAt` now, no lease. Its `attempts` are kept (the log shows every try, and the
 * `webhook-id` stays the same, so a receiver that did get it drops the duplicate); the dispatcher
 * then works it as any pending delivery (retrying until 3 days after the event, so an older one gets
 * a single attempt; ADR 0032). A delivery still pending is already queued (409), and a
 * subscription that is off or unverified gets nothing, so it cannot resend (409).
 */
function requireLive(subscription: SubscriptionRow) {
  if (!subscription.active) throw conflict("Deze webhook staat uit. Zet hem eerst aan.");
  if (!subscription.verifiedAt) throw conflict("Dit adres is nog niet gecontroleerd. Test de webhook eerst.");
}

const requeue = (now: Date) => ({ status: "pending" as const, nextAttemptAt: now, leasedUntil: null });

/** Resends one delivery (failed or delivered). */
export async function resendDelivery(ctx: ServiceContext, input: { subscriptionId: string; deliveryId: string }) {
  const actor = requireActor(ctx);
  return withTransaction(ctx, async (tx) => {
    const subscription = await subscriptionForAdmin(tx, actor.userId, input.subscriptionId);
    const [delivery] = await tx
      .select({ id: webhookDeliveries.id, status: webhookDeliveries.status })
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.id, input.deliveryId), eq(webhookDeliveries.subscriptionId, subscription.id)))
      .for("update");
    if (!delivery) throw notFound("Deze verzending bestaat niet (meer).");
    if (delivery.status === "pending") throw conflict("Deze gebeurtenis staat al klaar om verstuurd te worden.");
    requireLive(subscription);
    const now = ctx.clock.now();
    await tx.update(webhookDeliveries).set(requeue(now)).where(eq(webhookDeliveries.id, delivery.id));
    await recordAccess(tx, {
      at: now,
      actorUserId: actor.userId,
      actorOrganizationId: subscription.organizationId,
      action: "webhook-delivery.resend",
      subjectType: "webhook-subscription",
      subjectId: subscription.id,
      organizationId: subscription.organizationId,
      details: { deliveryId: delivery.id, previousStatus: delivery.status },
    });
    const [row] = await tx
      .select(deliveryColumns)
      .from(webhookDeliveries)
      .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
      .where(eq(webhookDeliveries.id, delivery.id));
    if (!row) throw new Error("delivery vanished under its lock");
    return toDelivery(row);
  });
}

/** Resends every failed delivery of the subscription; says how many. */
export async function resendFailedDeliveries(ctx: ServiceContext, input: { subscriptionId: string }) {
  const actor = requireActor(ctx);
  return withTransaction(ctx, async (tx) => {
    const subscription = await subscriptionForAdmin(tx, actor.userId, input.subscriptionId, { lock: true });
    requireLive(subscription);
    const now = ctx.clock.now();
    const requeued = await tx
      .update(webhookDeliveries)
      .set(requeue(now))
      .where(and(eq(webhookDeliveries.subscriptionId, subscription.id), eq(webhookDeliveries.status, "failed")))
      .returning({ id: webhookDeliveries.id });
    await recordAccess(tx, {
      at: now,
      actorUserId: actor.userId,
      actorOrganizationId: subscription.organizationId,
      action: "webhook-delivery.resend-failed",
      subjectType: "webhook-subscription",
      subjectId: subscription.id,
      organizationId: subscription.organizationId,
      details: { count: requeued.length },
    });
    return { count: requeued.length };
  });
}
