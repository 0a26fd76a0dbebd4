import {
  accessLog,
  consents,
  contactAttempts,
  type Database,
  driegesprekken,
  organizations,
  referralEvents,
  referrals,
  residents,
  services,
  tableName,
} from "@schakel/db";
import { and, asc, eq, getTableColumns, inArray, isNull, or, type SQL, sql } from "drizzle-orm";
import { type AnyPgColumn, getTableConfig, type PgTable } from "drizzle-orm/pg-core";
import { notFound } from "../../lib/problem";
import { logResidentAccess } from "../access-log";
import { requireActor, type ServiceContext, withTransaction } from "../context";
import { activeOrganizationIds } from "../membership";
import type { ReferralRow, Side } from "../referrals/access";
import { attemptViews, seesContactAttempts } from "../referrals/contact-attempt-view";
import { currentDriegesprek, driegesprekView } from "../referrals/driegesprek-change";
import { viewerOf } from "../referrals/participants";
import { viewEvents } from "../referrals/timeline-view";
import { referralView } from "../referrals/view";
import { jsonKey, jsonValue, linkOf, staffColumnKeys } from "./tables";

/**
 * The tables whose rows about the resident the export contains: those with a resident_id at the
 * top level, those with a referral_id inside each referral. A test fails when a table with either
 * column is neither here nor in `notExported`, so a new table is never silently left out.
 */
export const exportedTables: PgTable[] = [consents, referrals, referralEvents, contactAttempts, driegesprekken];

/** Tables with a resident_id or referral_id that the export leaves out, and why. */
export const notExported: Record<string, string> = {
  notifications:
    "Meldingen in de inbox van medewerkers (‘verwijzing ontvangen’); ze noemen de inwoner niet en horen bij de medewerker.",
  idempotency_keys: "Technische sleutels tegen dubbel versturen; bevatten alleen een hash van het verzoek.",
  referral_escalations:
    "Wanneer Schakel herinnerde of de verwijzer inlichtte; dat staat ook in de tijdlijn van de verwijzing (referral_events), die wel in de export zit.",
  partner_links:
    "Links voor een organisatie zonder account (een hash en data); wat ermee gedaan is, staat in de tijdlijn (referral_events) en het toegangslogboek, die wel in de export zitten.",
};

/** What each action in the access log means, for the resident. */
const actionLabels: Record<string, string> = {
  "resident.create": "Uw gegevens vastgelegd",
  "resident.read": "Uw gegevens bekeken",
  "resident.export": "Export gemaakt van wat één organisatie over u ziet",
  "resident.export.complete": "Volledige inzage-export gemaakt (AVG art. 15)",
  "resident.erase": "Uw gegevens gewist",
  "resident.anonymise": "Uw gegevens gewist na de bewaartermijn",
  "consent.record": "Uw toestemming vastgelegd",
  "consent.withdraw": "Uw toestemming ingetrokken",
  "consent.list": "Uw toestemmingen bekeken",
  "referral.create": "Verwijzing verstuurd",
  "referral.read": "Verwijzing bekeken",
  "referral.transition": "Status van een verwijzing gewijzigd",
  "referral.list": "Uw naam gezien in een lijst met verwijzingen",
  "referral.events.read": "Verloop van een verwijzing bekeken",
  "referral.messages.read": "Berichten over een verwijzing gelezen",
  "referral.contact_attempts.read": "Contactpogingen bekeken",
  "referral.driegesprek.read": "Driegesprek bekeken",
  "referral.assign": "Een medewerker aan uw verwijzing gekoppeld",
  "referral.message.create": "Bericht over een verwijzing geschreven",
  "referral.contact_attempt.create": "Contactpoging vastgelegd",
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * An entry's details as the resident may see them: an entry about several residents at once (a
 * list) names them all, so ids in lists that are not this resident's own are left out.
 */
function ownDetails(details: Record<string, unknown> | null, own: Set<string>): Record<string, unknown> | null {
  if (!details) return null;
  return Object.fromEntries(
    Object.entries(details).map(([key, value]) => [
      key,
      Array.isArray(value) ? value.filter((v) => !(typeof v === "string" && UUID.test(v) && !own.has(v))) : value,
    ]),
  );
}

const NOT_FOUND = "Deze inwoner bestaat niet of is niet door jouw organisatie vastgelegd.";

type Row = Record<string, unknown>;

/** The row as JSON, without the columns that name a staff member (see docs/privacy.md, "Inzage"). */
function exportRow(table: PgTable, row: Row): Row {
  const staff = staffColumnKeys(table);
  return Object.fromEntries(
    Object.entries(row)
      .filter(([key]) => !staff.has(key))
      .map(([k, v]) => [k, jsonValue(v)]),
  );
}

/** The column to put rows in time order by, where the table has one. */
function timeColumn(table: PgTable): AnyPgColumn | undefined {
  const columns = getTableColumns(table) as Record<string, AnyPgColumn>;
  return columns.at ?? columns.recordedAt ?? columns.createdAt;
}

async function rowsWhere(db: Database, table: PgTable, where: SQL): Promise<Row[]> {
  const order = timeColumn(table);
  const query = db.select().from(table).where(where);
  return (await (order ? query.orderBy(asc(order)) : query)) as Row[];
}

/** Ids in the rows' columns that point at organizations or services, to name them in the export. */
function referencedIds(table: PgTable, rows: Row[], target: PgTable, into: Set<string>) {
  const columns = getTableColumns(table) as Record<string, AnyPgColumn>;
  for (const fk of getTableConfig(table).foreignKeys) {
    const reference = fk.reference();
    if (reference.foreignTable !== target) continue;
    for (const column of reference.columns) {
      const key = Object.keys(columns).find((k) => columns[k] === column);
      if (!key) continue;
      for (const row of rows) if (typeof row[key] === "string") into.add(row[key] as string);
    }
  }
}

/** Actions of the other side's people a sender's export shows (without details): reads, which reveal no step. */
const otherSideReads = new Set([
  "resident.read",
  "referral.read",
  "referral.list",
  "referral.events.read",
  "referral.messages.read",
  "referral.driegesprek.read",
]);

type Scope = { kind: "complete"; reason: string } | { kind: "side"; side: Side; organizationIds: Set<string> };

const explanations = {
  complete:
    "Dit is alles wat Schakel over deze inwoner bewaart: de persoonsgegevens, alle toestemmingen (ook ingetrokken), alle verwijzingen met wat erop gebeurde, en wie de gegevens wanneer heeft ingezien of gewijzigd, vanuit welke organisatie. Namen van individuele medewerkers staan er niet in; de organisatie kan die in haar eigen toegangslogboek nagaan.",
  sender:
    "Dit is wat de verwijzende organisatie in Schakel over deze inwoner ziet: de persoonsgegevens, de toestemmingen en de verwijzingen zoals de verwijzer ze ziet — van de voortgang alleen wat de inwoner koos om terug te laten horen. Een beheerder van de organisatie kan het volledige overzicht maken (AVG art. 15). Namen van individuele medewerkers staan er niet in.",
  receiver:
    "Dit is wat de ontvangende organisatie via Schakel over deze inwoner ziet: de verwijzingen die zij ontving, met alleen de gegevens waarvoor de inwoner toestemming gaf en zolang die toestemming geldt. Namen van individuele medewerkers staan er niet in.",
};

/** The access-log entries about the resident: about them, their referrals, their consents, or a list naming them. */
async function accessLogAbout(db: Database, residentId: string, referralIds: string[], consentIds: string[]) {
  const subjects = [
    and(eq(accessLog.subjectType, "resident"), eq(accessLog.subjectId, residentId)),
    referralIds.length > 0 ? and(eq(accessLog.subjectType, "referral"), inArray(accessLog.subjectId, referralIds)) : undefined,
    consentIds.length > 0 ? and(eq(accessLog.subjectType, "consent"), inArray(accessLog.subjectId, consentIds)) : undefined,
    // Entries about several residents at once (a list of referrals) name them in details.residentIds.
    and(
      eq(accessLog.subjectType, "resident"),
      isNull(accessLog.subjectId),
      sql`${accessLog.details} @> ${JSON.stringify({ residentIds: [residentId] })}::jsonb`,
    ),
  ];
  return db
    .select({
      at: accessLog.at,
      action: accessLog.action,
      organizationId: accessLog.actorOrganizationId,
      reason: accessLog.reason,
      details: accessLog.details,
    })
    .from(accessLog)
    .where(or(...subjects))
    .orderBy(asc(accessLog.at), asc(accessLog.id));
}

type LogEntry = Awaited<ReturnType<typeof accessLogAbout>>[number];

/**
 * The log as the scope may see it: complete, everything; a side, its own organization's entries,
 * and — for the sender, who answers for the record — Schakel's own and the other side's reads,
 * without their details. The other side's steps (a move, a contact attempt) are left out: the
 * referral itself shows them as far as the resident's feedback level allows.
 */
function logFor(scope: Scope, log: LogEntry[]): LogEntry[] {
  if (scope.kind === "complete") return log;
  return log.flatMap((entry) => {
    if (entry.organizationId && scope.organizationIds.has(entry.organizationId)) return [entry];
    if (scope.side === "receiver") return [];
    if (entry.organizationId === null || otherSideReads.has(entry.action)) return [{ ...entry, details: null }];
    return [];
  });
}

/** Drops the person from "who did it": the export names organizations, never staff members. */
const withoutPerson = <T extends { user: unknown }>(actor: T): T => ({ ...actor, user: null });

/**
 * One referral as the side sees it, from the same views the referral's own pages use
 * (referralView, viewEvents, attemptViews, driegesprekView): the sender's status, outcome, notes
 * and contact attempts within the resident's feedback level, the receiver's data within the consent.
 */
async function referralAsSideSees(db: Database, row: ReferralRow, side: Side, userId: string, now: Date): Promise<Row> {
  const view = await referralView(db, row, side, now);
  const viewer = await viewerOf(db, row, new Set([side]), { userId, apiTokenId: null }, now);
  const eventRows = await db
    .select()
    .from(referralEvents)
    .where(eq(referralEvents.referralId, row.id))
    .orderBy(asc(referralEvents.at), asc(referralEvents.id));
  const events = await viewEvents(db, row, viewer, eventRows);
  const attemptRows = seesContactAttempts(viewer)
    ? await db
        .select()
        .from(contactAttempts)
        .where(eq(contactAttempts.referralId, row.id))
        .orderBy(asc(contactAttempts.at), asc(contactAttempts.id))
    : [];
  const attempts = await attemptViews(db, row, viewer, attemptRows);
  const driegesprek = await currentDriegesprek(db, row.id);
  return {
    ...view,
    referringWorker: null,
    assignedUserId: null,
    [jsonKey(referralEvents)]: events.map((e) => ({ ...e, actor: withoutPerson(e.actor) })),
    [jsonKey(contactAttempts)]: attempts.map((a) => ({ ...a, by: withoutPerson(a.by) })),
    [jsonKey(driegesprekken)]: driegesprek ? [driegesprekView(driegesprek, row, viewer)] : [],
  };
}

/** The rows of exportedTables about the resident, raw: what the organization holds as controller. */
async function completeRecords(db: Database, residentId: string, referralIds: string[]) {
  const records: Record<string, Row[]> = {};
  const nested: { table: PgTable; column: AnyPgColumn }[] = [];
  const organizationIds = new Set<string>();
  const serviceIds = new Set<string>();
  const collect = (table: PgTable, rows: Row[]) => {
    referencedIds(table, rows, organizations, organizationIds);
    referencedIds(table, rows, services, serviceIds);
  };
  for (const table of exportedTables) {
    const link = linkOf(table);
    if (!link) throw new Error(`${tableName(table)} is exported but has no resident_id or referral_id`);
    if (link.by === "referral") {
      nested.push({ table, column: link.column });
      continue;
    }
    const rows = await rowsWhere(db, table, eq(link.column, residentId));
    collect(table, rows);
    records[jsonKey(table)] = rows.map((row) => exportRow(table, row));
  }
  const byReferral = new Map<string, Row>((records[jsonKey(referrals)] ?? []).map((r) => [r.id as string, r] as [string, Row]));
  for (const { table, column } of nested) {
    const rows = referralIds.length > 0 ? await rowsWhere(db, table, inArray(column, referralIds)) : [];
    collect(table, rows);
    const key = Object.entries(getTableColumns(table)).find(([, c]) => c === column)?.[0] ?? "referralId";
    for (const referral of byReferral.values()) {
      referral[jsonKey(table)] = rows.filter((r) => r[key] === referral.id).map((row) => exportRow(table, row));
    }
  }
  return { records, organizationIds, serviceIds };
}

type ResidentRow = typeof residents.$inferSelect;

/**
 * A resident's inzage export for a scope: `complete` (an admin of the recording organization,
 * with a reason: every row the organization holds, AVG art. 15) or one `side` (a caseworker: what
 * their side of the referrals may see). The export is logged first, so it lists itself.
 */
export async function residentExport(
  db: Database,
  input: { userId: string; resident: ResidentRow; scope: Scope; referrals: ReferralRow[]; holderId: string; now: Date },
) {
  const { resident, scope, now } = input;
  await logResidentAccess(db, {
    at: now,
    userId: input.userId,
    organizationId: input.holderId,
    action: scope.kind === "complete" ? "resident.export.complete" : "resident.export",
    residentId: resident.id,
    ...(scope.kind === "complete" ? { reason: scope.reason } : {}),
    details: scope.kind === "complete" ? { scope: "complete" } : { scope: "side", side: scope.side },
  });

  const referralIds = input.referrals.map((r) => r.id);
  const organizationIds = new Set<string>([input.holderId]);
  const serviceIds = new Set<string>();
  let records: Record<string, Row[]>;
  if (scope.kind === "complete") {
    const complete = await completeRecords(db, resident.id, referralIds);
    records = complete.records;
    for (const id of complete.organizationIds) organizationIds.add(id);
    for (const id of complete.serviceIds) serviceIds.add(id);
  } else {
    const views: Row[] = [];
    for (const row of input.referrals) {
      views.push(await referralAsSideSees(db, row, scope.side, input.userId, now));
      organizationIds.add(row.senderOrganizationId).add(row.receiverOrganizationId);
      serviceIds.add(row.serviceId);
      if (row.suggestedServiceId) serviceIds.add(row.suggestedServiceId);
    }
    // The sender recorded the consents; the receiver sees of them only what each referral shows.
    const consentRows = scope.side === "sender" ? await rowsWhere(db, consents, eq(consents.residentId, resident.id)) : [];
    records = { [jsonKey(consents)]: consentRows.map((row) => exportRow(consents, row)), [jsonKey(referrals)]: views };
  }

  const consentIds = (records[jsonKey(consents)] ?? []).map((c) => c.id as string);
  const log = logFor(scope, await accessLogAbout(db, resident.id, referralIds, consentIds));
  for (const entry of log) if (entry.organizationId) organizationIds.add(entry.organizationId);
  const own = new Set([resident.id, ...referralIds, ...consentIds]);

  const names = async (table: typeof organizations | typeof services, ids: Set<string>) =>
    ids.size === 0
      ? []
      : db
          .select({ id: table.id, name: table.name })
          .from(table)
          .where(inArray(table.id, [...ids]))
          .orderBy(asc(table.name));
  const organizationNames = await names(organizations, organizationIds);
  const organizationName = (id: string | null) => organizationNames.find((o) => o.id === id)?.name ?? "";

  return {
    residentId: resident.id,
    exportedAt: now.toISOString(),
    scope: scope.kind,
    side: scope.kind === "side" ? scope.side : null,
    explanation: explanations[scope.kind === "complete" ? "complete" : scope.side],
    holder: { id: input.holderId, name: organizationName(input.holderId) },
    // The receiver holds the resident only as each referral shows them (resident, within the consent).
    resident: scope.kind === "side" && scope.side === "receiver" ? { id: resident.id } : exportRow(residents, resident),
    records,
    organizations: organizationNames,
    services: await names(services, serviceIds),
    accessLog: log.map((entry) => ({
      at: entry.at.toISOString(),
      action: entry.action,
      description: actionLabels[entry.action] ?? entry.action,
      organization: entry.organizationId ? { id: entry.organizationId, name: organizationName(entry.organizationId) } : null,
      reason: entry.reason,
      details: ownDetails(entry.details, own),
    })),
    notIncluded: Object.entries(notExported).map(([table, reason]) => ({ table, reason })),
  };
}

export type ResidentExport = Awaited<ReturnType<typeof residentExport>>;

/**
 * A caseworker's export of a resident: what their side may see (their right to see it, not the
 * resident's full AVG art. 15 answer, which is createCompleteResidentExport). The sender — the
 * organization that recorded the resident — sees the record, the consents and each referral as
 * the sender sees it; a receiver sees the referrals it received, within the consent. Everyone else
 * (other organizations, coordinators) gets 404.
 */
export async function exportResident(ctx: ServiceContext, input: { residentId: string }) {
  const actor = requireActor(ctx);
  const now = ctx.clock.now();
  return withTransaction(ctx, async (tx) => {
    const [resident] = await tx.select().from(residents).where(eq(residents.id, input.residentId));
    if (!resident) throw notFound(NOT_FOUND);
    const own = await activeOrganizationIds(tx, actor.userId);
    const all = await tx
      .select()
      .from(referrals)
      .where(eq(referrals.residentId, resident.id))
      .orderBy(asc(referrals.createdAt), asc(referrals.id));
    if (own.has(resident.organizationId)) {
      const sent = all.filter((r) => own.has(r.senderOrganizationId));
      const scope: Scope = { kind: "side", side: "sender", organizationIds: new Set([resident.organizationId]) };
      return residentExport(tx, {
        userId: actor.userId,
        resident,
        scope,
        referrals: sent,
        holderId: resident.organizationId,
        now,
      });
    }
    const received = all.filter((r) => own.has(r.receiverOrganizationId));
    const receiverId = received[0]?.receiverOrganizationId;
    if (!receiverId) throw notFound(NOT_FOUND);
    const mine = received.filter((r) => r.receiverOrganizationId === receiverId);
    const scope: Scope = { kind: "side", side: "receiver", organizationIds: new Set([receiverId]) };
    return residentExport(tx, { userId: actor.userId, resident, scope, referrals: mine, holderId: receiverId, now });
  });
}
