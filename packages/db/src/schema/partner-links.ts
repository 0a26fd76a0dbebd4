import { sql } from "drizzle-orm";
import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { referralStatus, referrals } from "./referrals";
import { users } from "./users";

/**
 * Partner-light (ADR 0029): the links mailed to a receiver without an account. One referral per
 * link; only the SHA-256 of the token is stored. A link holds the referral's version when it was
 * issued: any later move makes it stale. It can make one move (then `usedAt`), and is revoked
 * when a fresh one is sent.
 */
export const partnerLinks = pgTable(
  "partner_links",
  {
    id: uuid().primaryKey().defaultRandom(),
    referralId: uuid()
      .notNull()
      .references(() => referrals.id, { onDelete: "cascade" }),
    tokenHash: text().notNull(),
    /** The referral's version when the link was issued: it works only while the referral is still there. */
    referralVersion: integer().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    /** When a move was made with it (one move per link). */
    usedAt: timestamp({ withTimezone: true }),
    usedFor: referralStatus(),
    revokedAt: timestamp({ withTimezone: true }),
    /** The sending worker who asked for a fresh link (null: Schakel issued it with a move). */
    issuedByUserId: uuid().references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    uniqueIndex("partner_links_token_hash_idx").on(t.tokenHash),
    index("partner_links_referral_id_idx").on(t.referralId).where(sql`${t.revokedAt} is null`),
  ],
);
