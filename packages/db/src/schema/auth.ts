import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
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
    /**
     * A half-session: the password was right but the second factor is still to come. It signs
     * nobody in; it only lets the browser send the code, for 5 minutes (ADR 0023).
     */
    awaitingSecondFactor: boolean().notNull().default(false),
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

/** A user's TOTP second factor (RFC 6238, 30-second steps, 6 digits, SHA-1 as authenticator apps expect). */
export const totpFactors = pgTable("totp_factors", {
  userId: uuid()
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  /** Base32 shared secret; shown once while enrolling, never returned by the API after that. */
  secret: text().notNull(),
  /** Null while enrolling: the factor counts only after a first code confirmed it. */
  confirmedAt: timestamp({ withTimezone: true }),
  /** The last 30-second step a code was accepted for: a code for it or an earlier step is a replay. */
  lastUsedStep: bigint({ mode: "number" }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** One-time recovery codes for when the authenticator is lost; only their SHA-256 is stored. */
export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text().notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("recovery_codes_user_id_code_hash_idx").on(t.userId, t.codeHash)],
);

/** Password reset links: single use, 30 minutes; only the SHA-256 of the token is stored. */
export const passwordResets = pgTable(
  "password_resets",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("password_resets_token_hash_idx").on(t.tokenHash),
    index("password_resets_user_id_idx").on(t.userId).where(sql`${t.usedAt} is null`),
  ],
);
