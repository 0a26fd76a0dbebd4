import {
  escalationRungs,
  expiryReasons,
  lawfulBases,
  outcomes,
  referralStatuses,
  urgencies,
  urgencyReasons,
} from "@schakel/core";
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { timestamps } from "./_columns";
import { organizations } from "./organizations";
import { consents, dataCategory, preferredChannel, residents } from "./residents";
import { lifeDomain, services } from "./services";
import { users } from "./users";

// Referrals, the Wgs contracts that can be their lawful basis, and idempotent creates.

export const lawfulBasis = pgEnum("lawful_basis", lawfulBases);

export const referralStatus = pgEnum("referral_status", referralStatuses);

export const urgency = pgEnum("urgency", urgencies);

export const urgencyReason = pgEnum("urgency_reason", urgencyReasons);

export const outcome = pgEnum("outcome", outcomes);

export const escalationRung = pgEnum("escalation_rung", escalationRungs);

export const expiryReason = pgEnum("expiry_reason", expiryReasons);

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
    /** The short reference in mails, digests and lists (core formatReference: "V-1042"); says nothing about the resident. */
    reference: integer().notNull().generatedAlwaysAsIdentity(),
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
    /** The receiver reaches the resident through the referring worker (chosen when sending). */
    reachableViaSender: boolean().notNull().default(false),
    driegesprekWanted: boolean().notNull().default(false),
    /** Only: agree a visit with the sender first. Never the details. */
    safetyFlag: boolean().notNull().default(false),
    status: referralStatus().notNull().default("sent"),
    /** The status an on_hold referral returns to. */
    pausedFrom: referralStatus(),
    /** Bumped on every change; the ETag for If-Match. */
    version: integer().notNull().default(1),
    /**
     * The version the sender is shown: bumped only by a change the sender can see under the
     * resident's feedback level, so a hidden move (accepted under contact_only) leaves it as it was.
     */
    senderVersion: integer().notNull().default(1),
    lastMoveAt: timestamp({ withTimezone: true }).notNull(),
    responseTargetDays: integer().notNull(),
    /**
     * When the referral becomes overdue if nobody moves it: the first instant after the deadline
     * day (core `responseDueAt`), set on create and on every move, so inbox and outbox can find
     * and sort overdue referrals with an index.
     */
    dueAt: timestamp({ withTimezone: true }).notNull(),
    /** The next rung of the escalation ladder (core nextEscalation) and when it is due; null when none is left or the referral is closed. */
    escalationRung: escalationRung(),
    escalationAt: timestamp({ withTimezone: true }),
    /** Since when the sender was told the receiver is late (the coordinator's "Te laat" list); cleared by the next move. */
    lateSince: timestamp({ withTimezone: true }),
    /** The receiver's first move (accepted or declined): the responsiveness figures on the sociale kaart. */
    firstResponseAt: timestamp({ withTimezone: true }),
    declineReason: text(),
    suggestedServiceId: uuid().references(() => services.id, { onDelete: "set null" }),
    outcome: outcome(),
    moneyOutcomeCents: bigint({ mode: "number" }),
    outcomeNote: text(),
    /** When a closed referral is reopened, the new one points at the old. */
    previousReferralId: uuid(),
    closedAt: timestamp({ withTimezone: true }),
    /** Why Schakel moved it to expired: nobody responded in time, or the consent ran out. */
    expiryReason: expiryReason(),
    /** Set when retention removed the personal fields (request, notes, reasons); the facts stay for reports. */
    anonymizedAt: timestamp({ withTimezone: true }),
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
    uniqueIndex("referrals_reference_idx").on(t.reference),
    // The scheduler's ladder pass touches only due rows: the next rung, by its instant.
    index("referrals_escalation_at_idx").on(t.escalationAt).where(sql`escalation_at is not null`),
    // The coordinator's "Te laat" list.
    index("referrals_late_since_idx").on(t.lateSince).where(sql`late_since is not null`),
    // Retention: closed referrals by when they closed, not yet anonymised.
    index("referrals_closed_at_idx").on(t.closedAt).where(sql`anonymized_at is null and closed_at is not null`),
    // Responsiveness on the sociale kaart: a service's referrals of the last 12 months.
    index("referrals_service_id_created_at_idx").on(t.serviceId, t.createdAt),
    // One open referral of a resident to a service at a time (the duplicate guard).
    uniqueIndex("referrals_resident_id_service_id_open_idx")
      .on(t.residentId, t.serviceId)
      .where(sql`status not in ('declined', 'completed', 'not_reached', 'withdrawn', 'expired')`),
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
  (t) => [primaryKey({ columns: [t.userId, t.key] }), index("idempotency_keys_created_at_idx").on(t.createdAt)],
);

/**
 * Each rung of the escalation ladder fired, once per referral and move: the primary key makes a
 * second scheduler (or a rerun) that reaches the same rung a no-op.
 */
export const referralEscalations = pgTable(
  "referral_escalations",
  {
    referralId: uuid()
      .notNull()
      .references(() => referrals.id, { onDelete: "cascade" }),
    /** The referral's last move when the rung fired: together with the status, "this stay in this status". */
    since: timestamp({ withTimezone: true }).notNull(),
    status: referralStatus().notNull(),
    rung: escalationRung().notNull(),
    at: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.referralId, t.since, t.rung] })],
);
