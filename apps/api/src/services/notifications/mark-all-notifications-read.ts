import { notifications } from "@schakel/db";
import { and, eq, isNull } from "drizzle-orm";
import { requireActor, type ServiceContext } from "../context";

/** Marks all of the actor's unread notifications read. */
export async function markAllNotificationsRead(ctx: ServiceContext) {
  const actor = requireActor(ctx);
  const marked = await ctx.db
    .update(notifications)
    .set({ readAt: ctx.clock.now() })
    .where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return { marked: marked.length };
}
