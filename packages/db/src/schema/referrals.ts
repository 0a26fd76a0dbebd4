import {
  consentMethods,
  contactAttemptChannels,
  contactAttemptResults,
  dataCategories,
  driegesprekStates,
  feedbackLevels,
  lawfulBases,
  outcomes,
  preferredChannels,
  referralStatuses,
  urgencies,
  urgencyReasons,
} from "@schakel/core";
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { timestamps } from "./_columns";
import { organizations } from "./organizations";
import { lifeDomain, services } from "./services";
import { users } from "./users";

export const dataCategory = pgEnum("data_category", dataCategories);
export const consentMethod = pgEnum("consent_method", consentMethods);
export const feedbackLevel = pgEnum("feedback_level", feedbackLevels);
export const lawfulBasis = pgEnum("lawful_basis", lawfulBases);
export const preferredChannel = pgEnum("preferred_channel", preferredChannels);
export const referralStatus = pgEnum("referral_status", referralStatuses);
export const urgency = pgEnum("urgency", urgencies);
export const urgencyReason = pgEnum("urgency_reason", urgencyReasons);
export const outcome = pgEnum("outcome", outcomes);
export const contactAttemptChannel = pgEnum("contact_attempt_channel", contactAttemptChannels);
export const contactAttemptResult = pgEnum("contact_attempt_result", contactAttemptResults);
export const driegesprekState = pgEnum("driegesprek_state", driegesprekStates);

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
  },
  (t) => [index("consents_resident_id_receiving_organization_id_idx").on(t.residentId, t.receivingOrganizationId)],
);

/** The gemeente's own debt help and the providers it contracts: between them the Wgs is a lawful basis. */
export const wgsContracts = pgTable(
  "wgs_contracts",
  {
    municipalOrganizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    providerOrganizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.municipalOrganizationId, t.providerOrganizationId] })],
);

export const referrals = pgTable(
  "referrals",
  {
    id: uuid().primaryKey().defaultRandom(),
    residentId: uuid()
      .notNull()
      .references(() => residents.id, { onDelete: "restrict" }),
    serviceId: uuid()
      .notNull()
      .references(() => services.id, { onDelete: "restrict" }),
    senderOrganizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    senderUserId: uuid().references(() => users.id, { onDelete: "set null" }),
    receiverOrganizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    assignedUserId: uuid().references(() => users.id, { onDelete: "set null" }),
    lawfulBasis: lawfulBasis().notNull(),
    consentId: uuid().references(() => consents.id, { onDelete: "restrict" }),
    /** What the receiver may see of the resident: within the consent, or all but health under the Wgs. */
    dataCategories: dataCategory().array().notNull(),
    /** The question for help, in the sender's words (personal data, category "request"). */
    request: text().notNull(),
    /** Short notes per data category (debts: "ongeveer € 2.500 bij de zorgverzekeraar"); shown only when consented. */
    categoryNotes: jsonb().$type<Partial<Record<"finances" | "debts" | "household" | "health", string>>>().notNull().default({}),
    lifeDomains: lifeDomain().array().notNull().default(sql`'{}'`),
    urgency: urgency().notNull().default("normal"),
    urgencyReason: urgencyReason(),
    preferredChannel: preferredChannel(),
    driegesprekWanted: boolean().notNull().default(false),
    /** Only: agree a visit with the sender first. Never the details. */
    safetyFlag: boolean().notNull().default(false),
    status: referralStatus().notNull().default("sent"),
    /** The status an on_hold referral returns to. */
    pausedFrom: referralStatus(),
    /** Bumped on every change; the ETag for If-Match. */
    version: integer().notNull().default(1),
    lastMoveAt: timestamp({ withTimezone: true }).notNull(),
    responseTargetDays: integer().notNull(),
    /**
     * When the referral becomes overdue if nobody moves it: the first instant after the deadline
     * day (core `responseDueAt`), set on create and on every move, so inbox and outbox can find
     * and sort overdue referrals with an index.
     */
    dueAt: timestamp({ withTimezone: true }).notNull(),
    declineReason: text(),
    suggestedServiceId: uuid().references(() => services.id, { onDelete: "set null" }),
    outcome: outcome(),
    moneyOutcomeCents: bigint({ mode: "number" }),
    outcomeNote: text(),
    /** When a closed referral is reopened, the new one points at the old. */
    previousReferralId: uuid(),
    closedAt: timestamp({ withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    // Inbox and outbox: one side's referrals in the asked statuses, overdue ones found by due_at;
    // urgency, last_move_at and id complete the sort key, so a page is ranked from the index alone
    // (an index-only scan) and only its 25 rows are read from the table. (Named for their use: the
    // column list is too long for an index name.)
    index("referrals_inbox_idx").on(t.receiverOrganizationId, t.status, t.dueAt, t.urgency, t.lastMoveAt, t.id),
    index("referrals_outbox_idx").on(t.senderOrganizationId, t.status, t.dueAt, t.urgency, t.lastMoveAt, t.id),
    // "Assigned to me" across organizations.
    index("referrals_assigned_user_id_status_idx").on(t.assignedUserId, t.status),
    index("referrals_resident_id_idx").on(t.residentId),
    // One open referral of a resident to a service at a time (the duplicate guard).
    uniqueIndex("referrals_resident_id_service_id_open_idx")
      .on(t.residentId, t.serviceId)
      .where(sql`status not in ('declined', 'completed', 'not_reached', 'withdrawn', 'expired')`),
  ],
);

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

/** Retried creates with the same Idempotency-Key return the first answer instead of a duplicate. */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    key: text().notNull(),
    /** SHA-256 of the request body: the same key with another body is a 422. */
    requestHash: text().notNull(),
    referralId: uuid().references(() => referrals.id, { onDelete: "cascade" }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);
