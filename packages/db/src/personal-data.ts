/**
 * Which columns hold personal data, for every table in the schema. docs/privacy.md describes them
 * for a privacy officer; a test (apps/api/src/privacy-docs.test.ts) fails when a column is not
 * classified here or a personal-data column is not described there. Erasure of a resident clears
 * exactly the columns classified `resident`, to the value given here.
 */
import { is } from "drizzle-orm";
import { toSnakeCase } from "drizzle-orm/casing";
import { type AnyPgColumn, getTableConfig, PgTable } from "drizzle-orm/pg-core";
import * as schema from "./schema/index";

export type PersonalDataKind =
  /** Identifies or describes a resident (contact details, free text about them): cleared when the resident is anonymised. */
  | "resident"
  /** A fact about a resident (status, date, category): personal data only while the resident can be identified; kept for anonymous figures. */
  | "residentFact"
  /** Personal data of a staff member: account, sign-in, what they did. */
  | "staff"
  /** An internal id or a link to another row: personal data only through the row it points to. */
  | "reference"
  /** Not personal data: organisations, services, technical values. */
  | "none";

export type ColumnClass = { kind: Exclude<PersonalDataKind, "resident"> } | { kind: "resident"; erasedTo: unknown };

const resident = (erasedTo: unknown): ColumnClass => ({ kind: "resident", erasedTo });
const fact: ColumnClass = { kind: "residentFact" };
const staff: ColumnClass = { kind: "staff" };
const ref: ColumnClass = { kind: "reference" };
const none: ColumnClass = { kind: "none" };

/** What anonymisation writes into a resident's name (the row stays for the status history). */
export const ANONYMIZED_NAME = "Geanonimiseerd";

type ColumnsOf<T extends PgTable> = { [K in keyof T["_"]["columns"]]: ColumnClass };

/** Every column of the table, by its TypeScript key; TypeScript refuses a missing one. */
function classify<T extends PgTable>(table: T, columns: ColumnsOf<T>) {
  return { table: table as PgTable, columns: columns as Record<string, ColumnClass> };
}

export const personalData = [
  classify(schema.residents, {
    id: ref,
    organizationId: ref,
    name: resident(ANONYMIZED_NAME),
    birthDate: resident(null),
    birthYear: resident(null),
    address: resident(null),
    postcode: resident(null),
    phone: resident(null),
    email: resident(null),
    preferredChannel: resident(null),
    // Not nullable: ISO 639-2 "und" (undetermined) says the language is no longer known.
    language: resident("und"),
    createdByUserId: ref,
    anonymizedAt: fact,
    createdAt: fact,
    updatedAt: fact,
  }),
  classify(schema.consents, {
    id: ref,
    residentId: ref,
    receivingOrganizationId: ref,
    purpose: resident(""),
    dataCategories: fact,
    method: fact,
    feedbackLevel: fact,
    recordedByUserId: ref,
    recordedAt: fact,
    validUntil: fact,
    withdrawnAt: fact,
    withdrawnByUserId: ref,
    withdrawalReason: resident(null),
    expiryWarnedAt: fact,
  }),
  classify(schema.referrals, {
    id: ref,
    reference: ref,
    residentId: ref,
    serviceId: ref,
    senderOrganizationId: ref,
    senderUserId: ref,
    receiverOrganizationId: ref,
    assignedUserId: ref,
    lawfulBasis: fact,
    consentId: ref,
    dataCategories: fact,
    request: resident(""),
    categoryNotes: resident({}),
    lifeDomains: fact,
    urgency: fact,
    urgencyReason: fact,
    preferredChannel: resident(null),
    reachableViaSender: fact,
    driegesprekWanted: fact,
    safetyFlag: fact,
    status: fact,
    pausedFrom: fact,
    version: none,
    senderVersion: none,
    lastMoveAt: fact,
    responseTargetDays: none,
    dueAt: fact,
    escalationRung: fact,
    escalationAt: fact,
    lateSince: fact,
    firstResponseAt: fact,
    declineReason: resident(null),
    suggestedServiceId: ref,
    outcome: fact,
    moneyOutcomeCents: fact,
    outcomeNote: resident(null),
    previousReferralId: ref,
    closedAt: fact,
    expiryReason: fact,
    anonymizedAt: fact,
    createdAt: fact,
    updatedAt: fact,
  }),
  classify(schema.referralEscalations, { referralId: ref, since: fact, status: fact, rung: fact, at: fact }),
  classify(schema.referralEvents, {
    id: ref,
    referralId: ref,
    at: fact,
    actorUserId: ref,
    actorOrganizationId: ref,
    type: fact,
    fromStatus: fact,
    toStatus: fact,
    // Message bodies and notes: free text, may say anything about the resident.
    note: resident(null),
    // Structured facts only (driegesprek state and moments, attempt channel and result); free text goes in `note`.
    details: fact,
  }),
  classify(schema.contactAttempts, {
    id: ref,
    referralId: ref,
    channel: fact,
    result: fact,
    note: resident(null),
    at: fact,
    byUserId: ref,
  }),
  classify(schema.driegesprekken, {
    referralId: ref,
    state: fact,
    proposedMoments: fact,
    confirmedAt: fact,
    place: resident(null),
    videoLink: resident(null),
    createdAt: fact,
    updatedAt: fact,
  }),
  classify(schema.notifications, {
    id: ref,
    userId: ref,
    referralId: ref,
    kind: none,
    urgent: none,
    // Information-poor by design: what happened and to which service, never who the resident is.
    text: none,
    createdAt: staff,
    readAt: staff,
  }),
  classify(schema.notificationSettings, {
    userId: ref,
    mailMode: staff,
    allReferrals: staff,
    overviewSeenAt: staff,
    updatedAt: staff,
  }),
  classify(schema.digestRuns, { userId: ref, day: staff, coveredUntil: staff, sentAt: staff }),
  classify(schema.idempotencyKeys, {
    userId: ref,
    key: none,
    // SHA-256 of a request that held the resident's question: cleared with the rest.
    requestHash: resident(""),
    referralId: ref,
    createdAt: none,
  }),
  classify(schema.wgsContracts, { municipalOrganizationId: ref, providerOrganizationId: ref }),
  classify(schema.users, {
    id: ref,
    email: staff,
    name: staff,
    passwordHash: staff,
    createdAt: staff,
    updatedAt: staff,
  }),
  classify(schema.memberships, {
    id: ref,
    userId: ref,
    organizationId: ref,
    role: staff,
    status: staff,
    invitedByUserId: ref,
    invitedName: staff,
    deactivatedAt: staff,
    createdAt: staff,
    updatedAt: staff,
  }),
  classify(schema.invitations, {
    id: ref,
    membershipId: ref,
    tokenHash: staff,
    expiresAt: staff,
    usedAt: staff,
    createdAt: staff,
  }),
  classify(schema.networkAdmins, { userId: ref, grantedByUserId: ref, createdAt: staff }),
  classify(schema.sessions, {
    id: staff,
    userId: ref,
    expiresAt: staff,
    absoluteExpiresAt: staff,
    awaitingSecondFactor: staff,
    createdAt: staff,
  }),
  classify(schema.totpFactors, { userId: ref, secret: staff, confirmedAt: staff, lastUsedStep: staff, createdAt: staff }),
  classify(schema.recoveryCodes, { id: ref, userId: ref, codeHash: staff, usedAt: staff, createdAt: staff }),
  // Partner-light links (ADR 0029): a hash and dates about a referral, no resident's data.
  classify(schema.partnerLinks, {
    id: ref,
    referralId: ref,
    tokenHash: none,
    referralVersion: none,
    createdAt: fact,
    expiresAt: none,
    usedAt: fact,
    usedFor: fact,
    revokedAt: none,
    issuedByUserId: ref,
  }),
  classify(schema.passwordResets, { id: ref, userId: ref, tokenHash: staff, expiresAt: staff, usedAt: staff, createdAt: staff }),
  classify(schema.loginThrottles, { key: staff, attempts: staff, budget: staff, nextAt: staff, lastAt: staff, admitted: staff }),
  classify(schema.accessLog, {
    id: ref,
    at: staff,
    actorUserId: ref,
    actorOrganizationId: ref,
    actorApiTokenId: ref,
    action: staff,
    subjectType: none,
    subjectId: ref,
    organizationId: ref,
    reason: staff,
    details: staff,
  }),
  classify(schema.securityEvents, {
    id: ref,
    at: staff,
    kind: staff,
    userId: ref,
    organizationId: ref,
    method: none,
    route: none,
    status: none,
    requestId: ref,
    addressHash: staff,
  }),
  classify(schema.mailOutbox, {
    id: ref,
    to: staff,
    organizationId: ref,
    kind: none,
    subject: none,
    // Information-poor by design (no resident's name or details), but addressed to a staff member.
    text: staff,
    createdAt: none,
    attempts: none,
    nextAttemptAt: none,
    sentAt: none,
    lastError: staff,
  }),
  classify(schema.organizations, {
    id: ref,
    slug: none,
    name: none,
    kind: none,
    description: none,
    website: none,
    email: none,
    phone: none,
    municipalityCodes: none,
    isNational: none,
    isMunicipalDebtHelp: none,
    // A shared intake mailbox of the organization, not a person's address.
    intakeEmail: none,
    partnerLight: none,
    requireWorkerSecondFactor: none,
    createdAt: none,
    updatedAt: none,
  }),
  // An organization's system, not a person: only who created it points to one (ADR 0028).
  classify(schema.apiTokens, {
    id: ref,
    organizationId: ref,
    name: none,
    scopes: none,
    tokenHash: none,
    prefix: none,
    createdByUserId: ref,
    createdAt: none,
    expiresAt: none,
    revokedAt: none,
    lastUsedAt: none,
  }),
  classify(schema.organizationClosingDays, { organizationId: ref, day: none, label: none }),
  classify(schema.schedulerJobs, {
    name: none,
    nextRunAt: none,
    lastStartedAt: none,
    lastFinishedAt: none,
    lastDurationMs: none,
    lastSummary: none,
    lastError: none,
  }),
  classify(schema.municipalities, { code: none, name: none, postcodeRanges: none }),
  classify(schema.services, {
    id: ref,
    organizationId: ref,
    name: none,
    description: none,
    lifeDomains: none,
    ageMin: none,
    ageMax: none,
    eligibility: none,
    requiresBijstand: none,
    debtMin: none,
    debtMax: none,
    isNational: none,
    municipalityCodes: none,
    areaCodes: none,
    postcodeRanges: none,
    contactChannels: none,
    languages: none,
    cost: none,
    openingHours: none,
    warmHandover: none,
    acceptsReferrals: none,
    partnerLight: none,
    responseTargetDays: none,
    escalation: none,
    status: none,
    lastVerifiedAt: none,
    searchKeywords: none,
    nameVector: none,
    searchVector: none,
    createdAt: none,
    updatedAt: none,
  }),
  classify(schema.searchTerms, { term: none }),
  // Webhooks (issue 10): an organisation's system, and events that never hold personal data.
  classify(schema.webhookSubscriptions, {
    id: ref,
    organizationId: ref,
    description: none,
    url: none,
    eventTypes: none,
    active: none,
    secret: none,
    previousSecret: none,
    previousSecretExpiresAt: none,
    verifiedAt: none,
    failureNoticeAt: none,
    createdByUserId: ref,
    createdAt: none,
    updatedAt: none,
  }),
  classify(schema.webhookEvents, {
    id: ref,
    type: none,
    time: none,
    resourcePath: ref,
    orderingKey: ref,
    sequence: none,
    organizationIds: ref,
    everyOrganization: none,
    data: none,
  }),
  classify(schema.webhookDeliveries, {
    id: ref,
    eventId: ref,
    subscriptionId: ref,
    orderingKey: ref,
    sequence: none,
    status: none,
    attempts: none,
    nextAttemptAt: none,
    leasedUntil: none,
    lastAttemptAt: none,
    lastResponseStatus: none,
    lastError: none,
    deliveredAt: none,
    createdAt: none,
    seq: none,
  }),
  classify(schema.webhookSequences, { orderingKey: ref, last: none }),
];

/** Every table the schema exports. */
export function schemaTables(): PgTable[] {
  return (Object.values(schema) as unknown[]).filter((value): value is PgTable => is(value, PgTable));
}

export const tableName = (table: PgTable) => getTableConfig(table).name;

/** The column's name in SQL (the schema is written in camelCase and mapped to snake_case). */
export function columnName(column: AnyPgColumn): string {
  return column.keyAsName ? toSnakeCase(column.name) : column.name;
}

/** The classification of the table's columns (by TypeScript key), or undefined when it has none. */
export function classificationOf(table: PgTable): Record<string, ColumnClass> | undefined {
  return personalData.find((entry) => entry.table === table)?.columns;
}
