import { contactAttemptChannels, contactAttemptResults, driegesprekStates } from "@schakel/core";
import { sql } from "drizzle-orm";
import { bigint, index, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { timestamps } from "./_columns";
import { organizations } from "./organizations";
import { referralStatus, referrals } from "./referrals";
import { users } from "./users";

// What happens on a referral besides its status: the timeline, contact attempts, the driegesprek.

export const contactAttemptChannel = pgEnum("contact_attempt_channel", contactAttemptChannels);

export const contactAttemptResult = pgEnum("contact_attempt_result", contactAttemptResults);

export const driegesprekState = pgEnum("driegesprek_state", driegesprekStates);

/** Everything that happened on a referral, visible to both sides: moves, messages, attempts, driegesprek. */
export const referralEvents = pgTable(
  "referral_events",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    referralId: uuid()
      .notNull()
      .references(() => referrals.id, { onDelete: "cascade" }),
    at: timestamp({ withTimezone: true }).notNull(),
    actorUserId: uuid().references(() => users.id, { onDelete: "set null" }),
    actorOrganizationId: uuid().references(() => organizations.id, { onDelete: "set null" }),
    /** status_changed, message, contact_attempt, driegesprek_proposed, … */
    type: text().notNull(),
    fromStatus: referralStatus(),
    toStatus: referralStatus(),
    note: text(),
    details: jsonb().$type<Record<string, unknown>>(),
  },
  (t) => [index("referral_events_referral_id_at_idx").on(t.referralId, t.at)],
);

export const contactAttempts = pgTable(
  "contact_attempts",
  {
    id: uuid().primaryKey().defaultRandom(),
    referralId: uuid()
      .notNull()
      .references(() => referrals.id, { onDelete: "cascade" }),
    channel: contactAttemptChannel().notNull(),
    result: contactAttemptResult().notNull(),
    note: text(),
    at: timestamp({ withTimezone: true }).notNull(),
    byUserId: uuid().references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [index("contact_attempts_referral_id_idx").on(t.referralId)],
);

export const driegesprekken = pgTable("driegesprekken", {
  referralId: uuid()
    .primaryKey()
    .references(() => referrals.id, { onDelete: "cascade" }),
  state: driegesprekState().notNull().default("proposed"),
  proposedMoments: timestamp({ withTimezone: true }).array().notNull().default(sql`'{}'`),
  confirmedAt: timestamp({ withTimezone: true }),
  place: text(),
  videoLink: text(),
  ...timestamps,
});
