import { requireActor, type ServiceContext } from "../context";
import { reread, subscriptionForAdmin, toSubscription } from "./subscription-view";
import { testCallback } from "./verify-callback";

/**
 * Sends the signed test event again ("test opnieuw"): a 2xx makes an unverified subscription
 * live. A failed test of a live subscription leaves it live: events keep being queued for it and
 * retried (taking it off would drop the events of that time). The address is checked as at every
 * delivery, after DNS resolution: a refused one is a failed test with the reason.
 */
export async function testSubscription(ctx: ServiceContext, input: { subscriptionId: string }) {
  const actor = requireActor(ctx);
  const row = await subscriptionForAdmin(ctx.db, actor.userId, input.subscriptionId);
  const test = await testCallback(ctx, row, actor.userId);
  return { subscription: toSubscription(await reread(ctx.db, row), ctx.clock.now()), test };
}
