import { mailModes, notificationKinds } from "@schakel/core";
import { sql } from "drizzle-orm";
import { boolean, date, index, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { referrals } from "./referrals";
import { users } from "./users";

// In-app notifications for staff, and how each person wants to hear of them by mail.

export const notificationKind = pgEnum("notification_kind", notificationKinds);

export const mailMode = pgEnum("mail_mode", mailModes);

export const notifications = pgTable(
  "notifications",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    referralId: uuid().references(() => referrals.id, { onDelete: "cascade" }),
    /** What it is about: the digest counts per kind. */
    kind: notificationKind().notNull().default("referral_moved"),
    /** About an urgent referral: mailed at once, whatever the person chose. */
    urgent: boolean().notNull().default(false),
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

/** A person's choices; without a row the defaults hold (core DEFAULT_MAIL_MODE, not all referrals). */
export const notificationSettings = pgTable("notification_settings", {
  userId: uuid()
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  mailMode: mailMode().notNull().default("digest"),
  /** An admin who wants to hear of every new referral to their organization. */
  allReferrals: boolean().notNull().default(false),
  /** When they last opened their start page: "what changed since your last visit". */
  overviewSeenAt: timestamp({ withTimezone: true }),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * One digest per person per working day: the scheduler that inserts the row sends it, a second
 * one (or a rerun) finds it there. `coveredUntil` is where the next digest's "since" starts.
 */
export const digestRuns = pgTable(
  "digest_runs",
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    day: date({ mode: "string" }).notNull(),
    coveredUntil: timestamp({ withTimezone: true }).notNull(),
    sentAt: timestamp({ withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.day] })],
);
