import { notifications, referrals, services } from "@schakel/db";
import { and, count, eq, isNull, type SQL } from "drizzle-orm";
import type { ServiceContext } from "../context";

/** A notification with what it is about: the referral's short reference and service (never the resident). */
export const notificationColumns = {
  id: notifications.id,
  referralId: notifications.referralId,
  kind: notifications.kind,
  urgent: notifications.urgent,
  text: notifications.text,
  createdAt: notifications.createdAt,
  readAt: notifications.readAt,
  reference: referrals.reference,
  serviceName: services.name,
};

/** The actor's notifications matching `where`, joined to their referral and its service. */
export function selectNotifications(db: ServiceContext["db"], where: SQL | undefined) {
  return db
    .select(notificationColumns)
    .from(notifications)
    .leftJoin(referrals, eq(referrals.id, notifications.referralId))
    .leftJoin(services, eq(services.id, referrals.serviceId))
    .where(where)
    .$dynamic();
}

type NotificationRow = {
  id: string;
  referralId: string | null;
  kind: (typeof notifications.$inferSelect)["kind"];
  urgent: boolean;
  text: string;
  createdAt: Date;
  readAt: Date | null;
  reference: number | null;
  serviceName: string | null;
};

export const toNotification = (n: NotificationRow) => ({
  id: n.id,
  referralId: n.referralId,
  kind: n.kind,
  urgent: n.urgent,
  referral:
    n.referralId && n.reference !== null ? { id: n.referralId, reference: n.reference, serviceName: n.serviceName ?? "" } : null,
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
