import { sql } from "drizzle-orm";
import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { referrals } from "./referrals";
import { users } from "./users";

// In-app notifications for staff.

export const notifications = pgTable(
  "notifications",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    referralId: uuid().references(() => referrals.id, { onDelete: "cascade" }),
    /** Information-poor: what happened, never the resident's name or details. */
    text: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    readAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("notifications_user_id_created_at_idx").on(t.userId, t.createdAt),
    index("notifications_user_id_unread_idx").on(t.userId).where(sql`read_at is null`),
  ],
);
