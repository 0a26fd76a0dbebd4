import { notifications } from "@schakel/db";
import { and, count, eq, isNull } from "drizzle-orm";
import type { ServiceContext } from "../context";

type NotificationRow = typeof notifications.$inferSelect;

export const toNotification = (n: NotificationRow) => ({
  id: n.id,
  referralId: n.referralId,
  text: n.text,
  createdAt: n.createdAt.toISOString(),
  readAt: n.readAt?.toISOString() ?? null,
});

export const NOT_FOUND = "Deze melding bestaat niet.";

export async function unreadCount(db: ServiceContext["db"], userId: string) {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}
