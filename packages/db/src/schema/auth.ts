import { bigint, boolean, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
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
export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    accountKey: text().notNull(),
    address: text().notNull(),
    succeeded: boolean().notNull(),
    at: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index("login_attempts_account_key_at_idx").on(t.accountKey, t.at),
    index("login_attempts_address_at_idx").on(t.address, t.at),
  ],
);
