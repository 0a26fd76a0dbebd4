import type { WebhookSubscriptionCreate } from "@schakel/core";
import { webhookSubscriptions } from "@schakel/db";
import { recordAccess } from "../access-log";
import { requireActor, type ServiceContext, withTransaction } from "../context";
import { requireWebhookAdmin, reread, toSubscription } from "./subscription-view";
import { checkCallbackAddress, generateWebhookSecret, testCallback } from "./verify-callback";

/**
 * An admin subscribes the organization's system. A refused address (not https, or inward) is a
 * 422 and nothing is stored. Otherwise the subscription is stored and its address gets a signed
 * test event: answered 2xx, it is live at once; if not, it is kept unverified (it gets no events)
 * and can be tested again. The secret is in this answer and in no other.
 */
export async function createSubscription(ctx: ServiceContext, input: WebhookSubscriptionCreate) {
  const actor = requireActor(ctx);
  await requireWebhookAdmin(ctx.db, actor.userId, input.organizationId);
  await checkCallbackAddress(input.url, ctx.config);
  const secret = generateWebhookSecret();
  const row = await withTransaction(ctx, async (tx) => {
    await requireWebhookAdmin(tx, actor.userId, input.organizationId);
    const now = ctx.clock.now();
    const [created] = await tx
      .insert(webhookSubscriptions)
      .values({
        organizationId: input.organizationId,
        description: input.description,
        url: input.url,
        eventTypes: input.eventTypes,
        secret,
        createdByUserId: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!created) throw new Error("webhook subscription insert returned nothing");
    await recordAccess(tx, {
      at: now,
      actorUserId: actor.userId,
      actorOrganizationId: input.organizationId,
      action: "webhook-subscription.create",
      subjectType: "webhook-subscription",
      subjectId: created.id,
      organizationId: input.organizationId,
      details: { eventTypes: input.eventTypes },
    });
    return created;
  });
  const test = await testCallback(ctx, row, actor.userId);
  return { subscription: toSubscription(await reread(ctx.db, row), ctx.clock.now()), secret, test };
}
