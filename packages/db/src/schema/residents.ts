import { consentMethods, dataCategories, feedbackLevels, preferredChannels } from "@schakel/core";
import { sql } from "drizzle-orm";
import { date, index, pgEnum, pgTable, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { timestamps } from "./_columns";
import { organizations } from "./organizations";
import { users } from "./users";

// Residents and their consents: the personal data a referral rests on (docs/privacy.md).

export const dataCategory = pgEnum("data_category", dataCategories);

export const consentMethod = pgEnum("consent_method", consentMethods);

export const feedbackLevel = pgEnum("feedback_level", feedbackLevels);

export const preferredChannel = pgEnum("preferred_channel", preferredChannels);

/**
 * A resident, recorded by the organization that refers them, with as little as will do.
 * Personal data: see docs/privacy.md. There is deliberately no BSN.
 */
export const residents = pgTable(
  "residents",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** The sending organization that recorded the resident and answers for the record. */
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    name: text().notNull(),
    birthDate: date({ mode: "string" }),
    /** When only the year is known or needed (data minimisation). */
    birthYear: smallint(),
    address: text(),
    postcode: text(),
    phone: text(),
    email: text(),
    preferredChannel: preferredChannel(),
    language: text().notNull().default("nl"),
    createdByUserId: uuid().references(() => users.id, { onDelete: "set null" }),
    /** Set when the personal data was removed (retention or erasure); the row stays for the status history. */
    anonymizedAt: timestamp({ withTimezone: true }),
    ...timestamps,
  },
  (t) => [index("residents_organization_id_idx").on(t.organizationId)],
);

/** The resident's consent to share given categories with one receiving organization, for a purpose. */
export const consents = pgTable(
  "consents",
  {
    id: uuid().primaryKey().defaultRandom(),
    residentId: uuid()
      .notNull()
      .references(() => residents.id, { onDelete: "cascade" }),
    receivingOrganizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    purpose: text().notNull(),
    dataCategories: dataCategory().array().notNull(),
    method: consentMethod().notNull(),
    feedbackLevel: feedbackLevel().notNull(),
    recordedByUserId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    recordedAt: timestamp({ withTimezone: true }).notNull(),
    validUntil: timestamp({ withTimezone: true }).notNull(),
    withdrawnAt: timestamp({ withTimezone: true }),
    withdrawnByUserId: uuid().references(() => users.id, { onDelete: "restrict" }),
    withdrawalReason: text(),
    /** When the sender was told the consent runs out soon (once, 14 days before; core CONSENT_EXPIRY_WARNING_DAYS). */
    expiryWarnedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("consents_resident_id_receiving_organization_id_idx").on(t.residentId, t.receivingOrganizationId),
    // The scheduler's consent pass: consents not withdrawn, by the end of their validity.
    index("consents_valid_until_idx").on(t.validUntil).where(sql`withdrawn_at is null`),
  ],
);
