import { previousSecretExpiresAt } from "@schakel/core";
import { webhookSubscriptions } from "@schakel/db";
import { eq } from "drizzle-orm";
import { recordAccess } from "../access-log";
import { requireActor, type ServiceContext, withTransaction } from "../context";
import { subscriptionForAdmin, toSubscription } from "./subscription-view";
import { generateWebhookSecret } from "./verify-callback";

/**
 * A new signing secret, shown once in this answer. The one it replaces keeps signing (every
 * delivery carries both signatures) for 24 hours, so the receiver can switch without losing an
 * event; a second rotation within that time drops the oldest one at once.
 */
export async function rotateSecret(ctx: ServiceContext, input: { subscriptionId: string }) {
  const actor = requireActor(ctx);
  const secret = generateWebhookSecret();
  return withTransaction(ctx, async (tx) => {
    const row = await subscriptionForAdmin(tx, actor.userId, input.subscriptionId, { lock: true });
    const now = ctx.clock.now();
    const [updated] = await tx
      .update(webhookSubscriptions)
      .set({ secret, previousSecret: row.secret, previousSecretExpiresAt: previousSecretExpiresAt(now), updatedAt: now })
      .where(eq(webhookSubscriptions.id, row.id))
      .returning();
    if (!updated) throw new Error("webhook subscription vanished under its lock");
    await recordAccess(tx, {
      at: now,
      actorUserId: actor.userId,
      actorOrganizationId: row.organizationId,
      action: "webhook-subscription.rotate-secret",
      subjectType: "webhook-subscription",
      subjectId: row.id,
      organizationId: row.organizationId,
    });
    return { subscription: toSubscription(updated, now), secret };
  });
}
