import type { WebhookSubscriptionUpdate } from "@schakel/core";
import { webhookSubscriptions } from "@schakel/db";
import { eq } from "drizzle-orm";
import { recordAccess } from "../access-log";
import { requireActor, type ServiceContext, withTransaction } from "../context";
import { reread, subscriptionForAdmin, toSubscription } from "./subscription-view";
import { checkCallbackAddress, testCallback, type WebhookTest } from "./verify-callback";

/**
 * Changes the name, the events, switches it off or on, or moves it to a new address. A new
 * address is checked (422 when refused, nothing changes), makes the subscription unverified and
 * gets the test event at once; only a 2xx makes it live again. Switching on does not verify.
 */
export async function updateSubscription(
  ctx: ServiceContext,
  input: { subscriptionId: string; changes: WebhookSubscriptionUpdate },
) {
  const actor = requireActor(ctx);
  const before = await subscriptionForAdmin(ctx.db, actor.userId, input.subscriptionId);
  const urlChanged = input.changes.url !== undefined && input.changes.url !== before.url;
  if (urlChanged && input.changes.url) await checkCallbackAddress(input.changes.url, ctx.config);
  const row = await withTransaction(ctx, async (tx) => {
    await subscriptionForAdmin(tx, actor.userId, input.subscriptionId, { lock: true });
    const now = ctx.clock.now();
    const { description, url, eventTypes, active } = input.changes;
    const [updated] = await tx
      .update(webhookSubscriptions)
      .set({
        description,
        url,
        eventTypes,
        active,
        ...(urlChanged ? { verifiedAt: null } : {}),
        updatedAt: now,
      })
      .where(eq(webhookSubscriptions.id, input.subscriptionId))
      .returning();
    if (!updated) throw new Error("webhook subscription vanished under its lock");
    await recordAccess(tx, {
      at: now,
      actorUserId: actor.userId,
      actorOrganizationId: updated.organizationId,
      action: "webhook-subscription.update",
      subjectType: "webhook-subscription",
      subjectId: updated.id,
      organizationId: updated.organizationId,
      details: {
        changed: Object.keys(input.changes).filter((k) => input.changes[k as keyof WebhookSubscriptionUpdate] !== undefined),
      },
    });
    return updated;
  });
  let test: WebhookTest | null = null;
  if (urlChanged) test = await testCallback(ctx, row, actor.userId);
  return { subscription: toSubscription(test ? await reread(ctx.db, row) : row, ctx.clock.now()), test };
}
