import { sql } from "drizzle-orm";
import { index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { organizations } from "./organizations";

/** What a mail is about: a notice on a referral, a daily digest, an invitation, or something else. */
export const mailKinds = ["referral-notice", "digest", "invitation", "password-reset", "other"] as const;
export type MailKind = (typeof mailKinds)[number];

/**
 * E-mails waiting to go out (a transactional outbox): written in the same transaction as the
 * change they tell of, delivered after it commits, retried with backoff until sent. Texts are
 * information-poor: no resident's name or details, only what happened and a link.
 */
export const mailOutbox = pgTable(
  "mail_outbox",
  {
    id: uuid().primaryKey().defaultRandom(),
    to: text().notNull(),
    /** The organization whose admins see the mail when it cannot be delivered (null: nobody's, e.g. a digest). */
    organizationId: uuid().references(() => organizations.id, { onDelete: "cascade" }),
    /** What the mail is (mailKinds), so an admin's list can say it without showing the text. */
    kind: text({ enum: mailKinds }).notNull().default("other"),
    subject: text().notNull(),
    text: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    /** Delivery attempts so far; after the last allowed one the mail stays unsent, with its error. */
    attempts: integer().notNull().default(0),
    /** Not before this instant: now for a new mail, later after a failure (and while one is being sent). */
    nextAttemptAt: timestamp({ withTimezone: true }).notNull(),
    sentAt: timestamp({ withTimezone: true }),
    lastError: text(),
  },
  (t) => [
    index("mail_outbox_next_attempt_at_idx").on(t.nextAttemptAt).where(sql`sent_at is null`),
    index("mail_outbox_organization_id_idx").on(t.organizationId).where(sql`sent_at is null`),
  ],
);
