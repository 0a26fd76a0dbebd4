import { webhookSubscriptions } from "@schakel/db";
import { eq } from "drizzle-orm";
import { recordAccess } from "../access-log";
import { requireActor, type ServiceContext, withTransaction } from "../context";
import { subscriptionForAdmin } from "./subscription-view";

/** Removes the subscription and its delivery log; events still pending for it are not sent. */
export async function deleteSubscription(ctx: ServiceContext, input: { subscriptionId: string }) {
  const actor = requireActor(ctx);
  await withTransaction(ctx, async (tx) => {
    const row = await subscriptionForAdmin(tx, actor.userId, input.subscriptionId, { lock: true });
    await tx.delete(webhookSubscriptions).where(eq(webhookSubscriptions.id, row.id));
    await recordAccess(tx, {
      at: ctx.clock.now(),
      actorUserId: actor.userId,
      actorOrganizationId: row.organizationId,
      action: "webhook-subscription.delete",
      subjectType: "webhook-subscription",
      subjectId: row.id,
      organizationId: row.organizationId,
    });
  });
}
