import { notifications } from "@schakel/db";
import { and, eq } from "drizzle-orm";
import { notFound } from "../../lib/problem";
import { requireActor, type ServiceContext, withTransaction } from "../context";
import { NOT_FOUND, selectNotifications, toNotification } from "./notification-view";

/** Marks one of the actor's notifications read (again: a no-op). Someone else's is 404. */
export async function markNotificationRead(ctx: ServiceContext, input: { notificationId: string }) {
  const actor = requireActor(ctx);
  const now = ctx.clock.now();
  return withTransaction(ctx, async (tx) => {
    const [row] = await tx
      .select()
      .from(notifications)
      .where(and(eq(notifications.id, input.notificationId), eq(notifications.userId, actor.userId)))
      .for("update");
    if (!row) throw notFound(NOT_FOUND);
    if (!row.readAt) await tx.update(notifications).set({ readAt: now }).where(eq(notifications.id, row.id));
    const [updated] = await selectNotifications(tx, eq(notifications.id, row.id));
    if (!updated) throw notFound(NOT_FOUND);
    return toNotification(updated);
  });
}
