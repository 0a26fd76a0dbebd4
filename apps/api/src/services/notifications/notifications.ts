import { notifications } from "@schakel/db";
import { and, count, desc, eq, isNull, lt, or, type SQL } from "drizzle-orm";
import { instantUuidCursor } from "../../lib/cursor";
import { notFound } from "../../lib/problem";
import { requireActor, type ServiceContext, withTransaction } from "../context";

type NotificationRow = typeof notifications.$inferSelect;

const toNotification = (n: NotificationRow) => ({
  id: n.id,
  referralId: n.referralId,
  text: n.text,
  createdAt: n.createdAt.toISOString(),
  readAt: n.readAt?.toISOString() ?? null,
});

const NOT_FOUND = "Deze melding bestaat niet.";

async function unreadCount(db: ServiceContext["db"], userId: string) {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** The actor's own notifications, newest first, with how many are unread. */
export async function listNotifications(ctx: ServiceContext, input: { unread?: boolean; cursor?: string; limit: number }) {
  const actor = requireActor(ctx);
  const filters: (SQL | undefined)[] = [eq(notifications.userId, actor.userId)];
  if (input.unread) filters.push(isNull(notifications.readAt));
  const after = instantUuidCursor.decode(input.cursor);
  if (after) {
    const [before, id] = after;
    filters.push(or(lt(notifications.createdAt, before), and(eq(notifications.createdAt, before), lt(notifications.id, id))));
  }
  const rows = await ctx.db
    .select()
    .from(notifications)
    .where(and(...filters))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    data: page.map(toNotification),
    meta: {
      nextCursor: rows.length > input.limit && last ? instantUuidCursor.encode([last.createdAt, last.id]) : null,
      unreadCount: await unreadCount(ctx.db, actor.userId),
    },
  };
}

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
    if (row.readAt) return toNotification(row);
    const [updated] = await tx.update(notifications).set({ readAt: now }).where(eq(notifications.id, row.id)).returning();
    if (!updated) throw notFound(NOT_FOUND);
    return toNotification(updated);
  });
}

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
