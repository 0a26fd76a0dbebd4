import type { NotificationSettings } from "@schakel/core";
import { notificationSettings } from "@schakel/db";
import { forbidden } from "../../lib/problem";
import { requireActor, type ServiceContext } from "../context";
import { getNotificationSettings, isActiveAdmin } from "./get-notification-settings";

/** Sets the actor's own choices: a mail per event or a daily digest; admins also whether to hear of every new referral. */
export async function updateNotificationSettings(ctx: ServiceContext, input: NotificationSettings) {
  const actor = requireActor(ctx);
  if (input.allReferrals && !(await isActiveAdmin(ctx.db, actor.userId))) {
    throw forbidden("Alleen een beheerder kan kiezen voor een bericht bij elke nieuwe verwijzing.");
  }
  const now = ctx.clock.now();
  await ctx.db
    .insert(notificationSettings)
    .values({ userId: actor.userId, mailMode: input.mailMode, allReferrals: input.allReferrals, updatedAt: now })
    .onConflictDoUpdate({
      target: notificationSettings.userId,
      set: { mailMode: input.mailMode, allReferrals: input.allReferrals, updatedAt: now },
    });
  return getNotificationSettings(ctx);
}
