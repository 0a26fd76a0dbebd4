import type { WebhookDeliveryStatus } from "@schakel/db";
import { webhookDeliveries, webhookEvents } from "@schakel/db";
import { and, desc, eq, lt, type SQL } from "drizzle-orm";
import { cursorPart, defineCursor } from "../../lib/cursor";
import { requireActor, type ServiceContext } from "../context";
import { deliveryColumns, toDelivery } from "./delivery-view";
import { subscriptionForAdmin } from "./subscription-view";

/** Newest first: the order the deliveries were queued in. */
const deliveryCursor = defineCursor(cursorPart.serial);

/** A subscription's delivery log, newest first, keyset-paginated, optionally of one status. */
export async function listDeliveries(
  ctx: ServiceContext,
  input: { subscriptionId: string; status?: WebhookDeliveryStatus; cursor?: string; limit: number },
) {
  const actor = requireActor(ctx);
  const subscription = await subscriptionForAdmin(ctx.db, actor.userId, input.subscriptionId);
  const filters: (SQL | undefined)[] = [eq(webhookDeliveries.subscriptionId, subscription.id)];
  if (input.status) filters.push(eq(webhookDeliveries.status, input.status));
  const after = deliveryCursor.decode(input.cursor);
  if (after) filters.push(lt(webhookDeliveries.seq, after[0]));
  const rows = await ctx.db
    .select(deliveryColumns)
    .from(webhookDeliveries)
    .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
    .where(and(...filters))
    .orderBy(desc(webhookDeliveries.seq))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    data: page.map(toDelivery),
    meta: { nextCursor: rows.length > input.limit && last ? deliveryCursor.encode([last.seq]) : null },
  };
}
