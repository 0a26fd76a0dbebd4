import { notificationSettings } from "@schakel/db";
import { requireActor, type ServiceContext } from "../context";

/**
 * Marks the actor's visit to their overview: the next one shows what changed since now. Only
 * this column is touched; the person's mail choices stay as they are (or at their defaults).
 */
export async function recordOverviewVisit(ctx: ServiceContext) {
  const actor = requireActor(ctx);
  const now = ctx.clock.now();
  await ctx.db
    .insert(notificationSettings)
    .values({ userId: actor.userId, overviewSeenAt: now, updatedAt: now })
    .onConflictDoUpdate({ target: notificationSettings.userId, set: { overviewSeenAt: now } });
  return { lastVisitAt: now.toISOString() };
}
