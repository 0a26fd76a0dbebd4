import { notifications } from "@schakel/db";
import { and, desc, eq, isNull, lt, or, type SQL } from "drizzle-orm";
import { instantUuidCursor } from "../../lib/cursor";
import { requireActor, type ServiceContext } from "../context";
import { selectNotifications, toNotification, unreadCount } from "./notification-view";

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
  const rows = await selectNotifications(ctx.db, and(...filters))
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
