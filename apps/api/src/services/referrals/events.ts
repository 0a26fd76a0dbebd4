import { caseworkerRoles, type ReferralStatus } from "@schakel/core";
import { type Database, memberships, notifications, referralEvents } from "@schakel/db";
import { and, eq, inArray } from "drizzle-orm";

export async function recordEvent(
  db: Database,
  event: {
    referralId: string;
    at: Date;
    actorUserId: string | null;
    actorOrganizationId: string | null;
    type: string;
    fromStatus?: ReferralStatus | null;
    toStatus?: ReferralStatus | null;
    note?: string | null;
    details?: Record<string, unknown>;
  },
) {
  await db.insert(referralEvents).values(event);
}

/**
 * In-app notifications for an organization's caseworkers (or the given users). The text says what
 * happened, never who the resident is.
 */
export async function notify(
  db: Database,
  input: { organizationId?: string; userIds?: string[]; referralId: string; text: string; at: Date },
) {
  let userIds = input.userIds ?? [];
  if (input.organizationId) {
    const rows = await db
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(
        and(
          eq(memberships.organizationId, input.organizationId),
          eq(memberships.status, "active"),
          inArray(memberships.role, [...caseworkerRoles]),
        ),
      );
    userIds = [...new Set([...userIds, ...rows.map((r) => r.userId)])];
  }
  if (userIds.length === 0) return;
  await db
    .insert(notifications)
    .values(userIds.map((userId) => ({ userId, referralId: input.referralId, text: input.text, createdAt: input.at })));
}
