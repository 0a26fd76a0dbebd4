import { requireActor, type ServiceContext } from "../context";
import { subscriptionForAdmin, toSubscription } from "./subscription-view";

export async function getSubscription(ctx: ServiceContext, input: { subscriptionId: string }) {
  const actor = requireActor(ctx);
  return toSubscription(await subscriptionForAdmin(ctx.db, actor.userId, input.subscriptionId), ctx.clock.now());
}
