import { DEFAULT_MAIL_MODE } from "@schakel/core";
import { type Database, memberships, notificationSettings } from "@schakel/db";
import { and, eq } from "drizzle-orm";
import { requireActor, type ServiceContext } from "../context";

/** Whether the user is an active admin somewhere: only admins may ask to hear of every new referral. */
export async function isActiveAdmin(db: Database, userId: string) {
  const [row] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.status, "active"), eq(memberships.role, "admin")))
    .limit(1);
  return Boolean(row);
}

/** The actor's own notification settings; without a row, the defaults (a digest, not every referral). */
export async function getNotificationSettings(ctx: ServiceContext) {
  const actor = requireActor(ctx);
  const [row] = await ctx.db.select().from(notificationSettings).where(eq(notificationSettings.userId, actor.userId));
  const admin = await isActiveAdmin(ctx.db, actor.userId);
  return {
    mailMode: row?.mailMode ?? DEFAULT_MAIL_MODE,
    allReferrals: admin && (row?.allReferrals ?? false),
    canChooseAllReferrals: admin,
  };
}
