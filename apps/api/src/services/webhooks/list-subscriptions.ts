import { webhookSubscriptions } from "@schakel/db";
import { asc, eq } from "drizzle-orm";
import { requireActor, type ServiceContext } from "../context";
import { requireWebhookAdmin, toSubscription } from "./subscription-view";

/** The organization's subscriptions, oldest first (an organization has a handful), for its admins. */
export async function listSubscriptions(ctx: ServiceContext, input: { organizationId: string }) {
  const actor = requireActor(ctx);
  await requireWebhookAdmin(ctx.db, actor.userId, input.organizationId);
  const rows = await ctx.db
    .select()
    .from(webhookSubscriptions)
    .where(eq(webhookSubscriptions.organizationId, input.organizationId))
    .orderBy(asc(webhookSubscriptions.createdAt), asc(webhookSubscriptions.id));
  const now = ctx.clock.now();
  return { data: rows.map((r) => toSubscription(r, now)) };
}
