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
import { requireCaseworker } from "../membership";
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
};

/** What each action in the access log means, for the resident. */
const actionLabels: Record<string, string> = {
  "resident.create": "Uw gegevens vastgelegd",
  "resident.read": "Uw gegevens bekeken",
  "resident.export": "Inzage-export gemaakt",
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

/**
 * Everything Schakel holds about a resident (their right of access, AVG art. 15): the resident
 * record, every consent (also withdrawn), every referral with what happened on it, and who looked
 * at their data when, from which organization. Only for caseworkers of the organization that
 * recorded the resident; the export itself is logged first, so it lists itself.
 */
export async function exportResident(ctx: ServiceContext, input: { residentId: string }) {
  const actor = requireActor(ctx);
  const now = ctx.clock.now();
  return withTransaction(ctx, async (tx) => {
    const [resident] = await tx.select().from(residents).where(eq(residents.id, input.residentId));
    if (!resident) throw notFound(NOT_FOUND);
    await requireCaseworker(tx, actor.userId, resident.organizationId, NOT_FOUND);

    await logResidentAccess(tx, {
      at: now,
      userId: actor.userId,
      organizationId: resident.organizationId,
      action: "resident.export",
      residentId: resident.id,
      reason: "inzageverzoek (AVG art. 15)",
    });

    const referralIds = (await tx.select({ id: referrals.id }).from(referrals).where(eq(referrals.residentId, resident.id))).map(
      (r) => r.id,
    );
    const records: Record<string, Row[]> = {};
    const nested: { table: PgTable; column: AnyPgColumn }[] = [];
    const organizationIds = new Set<string>([resident.organizationId]);
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
      const rows = await rowsWhere(tx, table, eq(link.column, resident.id));
      collect(table, rows);
      records[jsonKey(table)] = rows.map((row) => exportRow(table, row));
    }
    const byReferral = new Map<string, Row>((records[jsonKey(referrals)] ?? []).map((r) => [r.id as string, r] as [string, Row]));
    for (const { table, column } of nested) {
      const rows = referralIds.length > 0 ? await rowsWhere(tx, table, inArray(column, referralIds)) : [];
      collect(table, rows);
      const key = Object.entries(getTableColumns(table)).find(([, c]) => c === column)?.[0] ?? "referralId";
      for (const referral of byReferral.values()) {
        referral[jsonKey(table)] = rows.filter((r) => r[key] === referral.id).map((row) => exportRow(table, row));
      }
    }

    const consentIds = (records[jsonKey(consents)] ?? []).map((c) => c.id as string);
    const subjects = [
      and(eq(accessLog.subjectType, "resident"), eq(accessLog.subjectId, resident.id)),
      referralIds.length > 0 ? and(eq(accessLog.subjectType, "referral"), inArray(accessLog.subjectId, referralIds)) : undefined,
      consentIds.length > 0 ? and(eq(accessLog.subjectType, "consent"), inArray(accessLog.subjectId, consentIds)) : undefined,
      // Entries about several residents at once (a list of referrals) name them in details.residentIds.
      and(
        eq(accessLog.subjectType, "resident"),
        isNull(accessLog.subjectId),
        sql`${accessLog.details} @> ${JSON.stringify({ residentIds: [resident.id] })}::jsonb`,
      ),
    ];
    const own = new Set([resident.id, ...referralIds, ...consentIds]);
    const log = await tx
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
    for (const entry of log) if (entry.organizationId) organizationIds.add(entry.organizationId);

    const names = async (table: typeof organizations | typeof services, ids: Set<string>) =>
      ids.size === 0
        ? []
        : tx
            .select({ id: table.id, name: table.name })
            .from(table)
            .where(inArray(table.id, [...ids]))
            .orderBy(asc(table.name));
    const organizationNames = await names(organizations, organizationIds);
    const organizationName = (id: string | null) => organizationNames.find((o) => o.id === id)?.name ?? "";

    return {
      residentId: resident.id,
      exportedAt: now.toISOString(),
      explanation:
        "Dit is alles wat Schakel over deze inwoner bewaart: de persoonsgegevens, alle toestemmingen (ook ingetrokken), alle verwijzingen met wat erop gebeurde, en wie de gegevens wanneer heeft ingezien of gewijzigd, vanuit welke organisatie. Namen van individuele medewerkers staan er niet in; de organisatie kan die in haar eigen toegangslogboek nagaan.",
      holder: { id: resident.organizationId, name: organizationName(resident.organizationId) },
      resident: exportRow(residents, resident),
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
  });
}

export type ResidentExport = Awaited<ReturnType<typeof exportResident>>;
