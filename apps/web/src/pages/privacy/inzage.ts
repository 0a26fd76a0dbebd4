import type { components } from "@schakel/api-client";
import {
  contactAttemptChannelLabels,
  contactAttemptResultLabels,
  dataCategoryLabels,
  driegesprekStateLabels,
  feedbackLevelLabels,
  lawfulBasisLabels,
  openStatuses,
  outcomeLabels,
  preferredChannelLabels,
  type ReferralStatus,
  referralStatusLabels,
  urgencyReasonLabels,
} from "@schakel/core";
import { formatDate, formatDateTime } from "../../lib/format";

export type ResidentExport = components["schemas"]["ResidentExport"];
type Row = Record<string, unknown>;

/**
 * A resident's complete inzage export (POST /residents/{id}/complete-exports) made readable: one group per kind of
 * data, each row a list of labelled values in Dutch. Nothing is left out: a column without a
 * Dutch label is shown by its name, and the downloaded file holds the export exactly as the API
 * sent it.
 */

export interface InzageField {
  key: string;
  label: string;
  value: string;
}

export interface InzageRecord {
  title: string;
  fields: InzageField[];
  /** Rows about this one (a referral's events, contact attempts, driegesprek). */
  groups: InzageGroup[];
}

export interface InzageGroup {
  key: string;
  title: string;
  records: InzageRecord[];
}

const fieldLabels: Readonly<Record<string, string>> = {
  id: "Nummer",
  name: "Naam",
  birthDate: "Geboortedatum",
  birthYear: "Geboortejaar",
  address: "Adres",
  postcode: "Postcode",
  phone: "Telefoon",
  email: "E-mail",
  preferredChannel: "Bereikbaar via",
  language: "Taal",
  organizationId: "Vastgelegd door",
  residentId: "Inwonernummer",
  consentId: "Toestemming (nummer)",
  referralId: "Verwijzing (nummer)",
  receivingOrganizationId: "Voor organisatie",
  senderOrganizationId: "Verwijzende organisatie",
  receiverOrganizationId: "Ontvangende organisatie",
  municipalOrganizationId: "Gemeente",
  providerOrganizationId: "Aanbieder",
  actorOrganizationId: "Door organisatie",
  serviceId: "Dienst",
  suggestedServiceId: "Voorgestelde dienst",
  previousReferralId: "Vorige verwijzing (nummer)",
  purpose: "Doel",
  dataCategories: "Gegevens",
  method: "Manier van toestemming geven",
  feedbackLevel: "Wat de verwijzer terug mag horen",
  lawfulBasis: "Grondslag",
  recordedAt: "Vastgelegd op",
  validUntil: "Geldig tot",
  withdrawnAt: "Ingetrokken op",
  withdrawalReason: "Reden van intrekken",
  status: "Status",
  request: "Hulpvraag",
  categoryNotes: "Toelichting per soort gegevens",
  urgency: "Spoed",
  urgencyReason: "Reden van spoed",
  safetyFlag: "Let op veiligheid",
  lifeDomains: "Levensgebieden",
  driegesprekWanted: "Driegesprek gewenst",
  declineReason: "Reden van afwijzen",
  outcome: "Uitkomst",
  outcomeNote: "Toelichting bij de uitkomst",
  moneyOutcomeCents: "Financieel resultaat (eurocent)",
  responseTargetDays: "Reactietermijn (werkdagen)",
  dueAt: "Reageren voor",
  lastMoveAt: "Laatste stap op",
  closedAt: "Afgesloten op",
  pausedFrom: "Gepauzeerd vanuit",
  version: "Versie",
  type: "Soort",
  fromStatus: "Van status",
  toStatus: "Naar status",
  note: "Toelichting",
  details: "Meer gegevens",
  at: "Op",
  channel: "Kanaal",
  result: "Resultaat",
  state: "Stand",
  proposedMoments: "Voorgestelde momenten",
  confirmedAt: "Afgesproken op",
  place: "Plaats",
  videoLink: "Videolink",
  anonymizedAt: "Gewist op",
  createdAt: "Aangemaakt op",
  updatedAt: "Gewijzigd op",
};

/** "Doel"; a column without a Dutch label by its own name. */
export function fieldLabel(key: string): string {
  return fieldLabels[key] ?? key;
}

const eventTypeLabels: Readonly<Record<string, string>> = {
  status_changed: "Status veranderd",
  message: "Bericht",
  contact_attempt: "Contactpoging",
  assigned: "Medewerker gekoppeld",
  driegesprek_proposed: "Driegesprek voorgesteld",
  driegesprek_confirmed: "Driegesprek gepland",
  driegesprek_held: "Driegesprek gehouden",
  driegesprek_not_held: "Driegesprek niet doorgegaan",
};

/** Values with a Dutch label from @schakel/core, per column. */
const valueLabels: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  status: referralStatusLabels,
  fromStatus: referralStatusLabels,
  toStatus: referralStatusLabels,
  pausedFrom: referralStatusLabels,
  dataCategories: dataCategoryLabels,
  feedbackLevel: feedbackLevelLabels,
  lawfulBasis: lawfulBasisLabels,
  outcome: outcomeLabels,
  preferredChannel: preferredChannelLabels,
  channel: contactAttemptChannelLabels,
  result: contactAttemptResultLabels,
  state: driegesprekStateLabels,
  urgencyReason: urgencyReasonLabels,
  type: eventTypeLabels,
  urgency: { normal: "Nee", urgent: "Ja" },
};

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface Names {
  organizations: ReadonlyMap<string, string>;
  services: ReadonlyMap<string, string>;
}

export function namesOf(data: Pick<ResidentExport, "organizations" | "services">): Names {
  return {
    organizations: new Map(data.organizations.map((o) => [o.id, o.name])),
    services: new Map(data.services.map((s) => [s.id, s.name])),
  };
}

/** One stored value in words: dates in Dutch, codes by their label, organisations and services by name. */
export function formatValue(key: string, value: unknown, names: Names): string {
  if (value === null || value === undefined || value === "") return "(leeg)";
  if (Array.isArray(value)) return value.length === 0 ? "(geen)" : value.map((v) => formatValue(key, v, names)).join(", ");
  if (typeof value === "boolean") return value ? "Ja" : "Nee";
  if (typeof value === "number") return String(value);
  if (typeof value === "string") {
    if (key === "organizationId" || key.endsWith("OrganizationId")) return names.organizations.get(value) ?? value;
    if (key === "serviceId" || key === "suggestedServiceId") return names.services.get(value) ?? value;
    const label = valueLabels[key]?.[value];
    if (label) return label;
    if (ISO_INSTANT.test(value)) return formatDateTime(value);
    if (ISO_DATE.test(value)) return formatDate(`${value}T12:00:00Z`);
    return value;
  }
  if (typeof value === "object") {
    const entries = Object.entries(value as Row);
    if (entries.length === 0) return "(geen)";
    return entries.map(([k, v]) => `${valueLabels.dataCategories?.[k] ?? fieldLabel(k)}: ${formatValue(k, v, names)}`).join("; ");
  }
  return String(value);
}

const groupTitles: Readonly<Record<string, string>> = {
  consents: "Toestemmingen",
  referrals: "Verwijzingen",
  referralEvents: "Verloop",
  contactAttempts: "Contactpogingen",
  driegesprekken: "Driegesprek",
};

const isRowList = (value: unknown): value is Row[] =>
  Array.isArray(value) && value.every((v) => typeof v === "object" && v !== null && !Array.isArray(v));

const when = (row: Row, key: string) => (typeof row[key] === "string" ? formatDate(row[key] as string) : null);

function recordTitle(groupKey: string, row: Row, index: number, names: Names): string {
  switch (groupKey) {
    case "consents": {
      const to = names.organizations.get(String(row.receivingOrganizationId)) ?? "een organisatie";
      return `Toestemming voor ${to}${when(row, "recordedAt") ? `, vastgelegd op ${when(row, "recordedAt")}` : ""}`;
    }
    case "referrals": {
      const to = names.services.get(String(row.serviceId)) ?? "een dienst";
      return `Verwijzing naar ${to}${when(row, "createdAt") ? ` van ${when(row, "createdAt")}` : ""}`;
    }
    case "referralEvents":
      return `${eventTypeLabels[String(row.type)] ?? String(row.type)}${typeof row.at === "string" ? ` op ${formatDateTime(row.at)}` : ""}`;
    case "contactAttempts":
      return `Contactpoging${typeof row.at === "string" ? ` op ${formatDateTime(row.at)}` : ""}`;
    case "driegesprekken":
      return "Driegesprek";
    default:
      return `${groupTitles[groupKey] ?? groupKey} ${index + 1}`;
  }
}

function toRecord(groupKey: string, row: Row, index: number, names: Names): InzageRecord {
  const fields: InzageField[] = [];
  const groups: InzageGroup[] = [];
  for (const [key, value] of Object.entries(row)) {
    if (isRowList(value) && value.length > 0) groups.push(toGroup(key, value, names));
    else if (isRowList(value) && groupTitles[key]) groups.push(toGroup(key, value, names));
    else fields.push({ key, label: fieldLabel(key), value: formatValue(key, value, names) });
  }
  return { title: recordTitle(groupKey, row, index, names), fields, groups };
}

function toGroup(key: string, rows: Row[], names: Names): InzageGroup {
  return { key, title: groupTitles[key] ?? key, records: rows.map((row, i) => toRecord(key, row, i, names)) };
}

/** The export's data as groups: the resident first, then every kind of record it holds. */
export function inzageGroups(data: ResidentExport): InzageGroup[] {
  const names = namesOf(data);
  const resident: InzageGroup = {
    key: "resident",
    title: "Gegevens van de inwoner",
    records: [{ ...toRecord("resident", data.resident, 0, names), title: "De inwoner" }],
  };
  const records = Object.entries(data.records).map(([key, rows]) => toGroup(key, rows as Row[], names));
  return [resident, ...records];
}

/** Referrals in the export that are still open: erasure is refused until they are closed or withdrawn. */
export function openReferrals(data: Pick<ResidentExport, "records">): number {
  const open: readonly string[] = openStatuses;
  return (data.records.referrals ?? []).filter((r) => open.includes(String((r as Row).status) as ReferralStatus)).length;
}

/** Whether the resident's personal data was already erased. */
export function isErased(data: Pick<ResidentExport, "resident">): boolean {
  return typeof data.resident.anonymizedAt === "string";
}

/** The download's file name: the resident's number, never their name (as the API's own Content-Disposition). */
export function inzageFileName(residentId: string): string {
  return `inzage-volledig-${residentId}.json`;
}

/** The export exactly as the API sent it, as a JSON file. */
export function inzageBlob(data: ResidentExport): Blob {
  return new Blob([`${JSON.stringify(data, null, 2)}\n`], { type: "application/json" });
}

/** What the rows cleared per table are called, for the result. */
const clearedLabels: Readonly<Record<string, [one: string, many: string]>> = {
  residents: ["inwoner", "inwoners"],
  consents: ["toestemming", "toestemmingen"],
  referrals: ["verwijzing", "verwijzingen"],
  referralEvents: ["stap in het verloop", "stappen in het verloop"],
  contactAttempts: ["contactpoging", "contactpogingen"],
  driegesprekken: ["driegesprek", "driegesprekken"],
  idempotencyKeys: ["technische sleutel", "technische sleutels"],
};

/** "1 inwoner, 2 toestemmingen en 7 stappen in het verloop" */
export function clearedText(cleared: Record<string, number>): string {
  const parts = Object.entries(cleared)
    .filter(([, n]) => n > 0)
    .map(([table, n]) => {
      const [one, many] = clearedLabels[table] ?? [table, table];
      return `${n} ${n === 1 ? one : many}`;
    });
  if (parts.length === 0) return "niets";
  return parts.length === 1 ? (parts[0] ?? "") : `${parts.slice(0, -1).join(", ")} en ${parts.at(-1)}`;
}
