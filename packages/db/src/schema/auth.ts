import { boolean, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

export const sessions = pgTable(
  "sessions",
  {
    /** SHA-256 (hex) of the session token; the token itself lives only in the cookie. */
    id: text().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** Idle expiry, moved forward on use. */
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    /** Absolute expiry, never moved. */
    absoluteExpiresAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("sessions_user_id_idx").on(t.userId)],
);

/** Sign-in attempts, kept for throttling per account and per client address. */
/**
 * Sign-in throttling (ADR 0022): one row per counter — an account and address together, or an
 * address alone — keyed by a SHA-256 of what it counts, so the table holds no e-mail address.
 * Each attempt is admitted and counted by one upsert before the password is checked.
 */
export const loginThrottles = pgTable("login_throttles", {
  /** "pair:" or "address:" followed by the SHA-256 (hex) of the normalised e-mail address and/or IP address. */
  key: text().primaryKey(),
  /** Attempts admitted (passwords checked) since the counter last started over. */
  attempts: integer().notNull(),
  /** Attempts admitted without delay; after that each one doubles the wait. */
  budget: integer().notNull(),
  /** No attempt is admitted before this instant. */
  nextAt: timestamp({ withTimezone: true }).notNull(),
  /** The last attempt, admitted or not; a counter quiet for the window starts over. */
  lastAt: timestamp({ withTimezone: true }).notNull(),
  /** Whether the latest attempt was admitted (what the upsert returns). */
  admitted: boolean().notNull(),
});
