import { foldText, type LifeDomain } from "@schakel/core";
import { type ContactChannel, type Database, fromMultirange, municipalities, organizations, services } from "@schakel/db";
import { eq } from "drizzle-orm";
import type { Clock } from "../../lib/clock";
import { ServiceUpdateSchema } from "../../schemas/services";
import { postcodeRangesValue, searchKeywords } from "../sociale-kaart/service-record";
import { serviceWebhook } from "../webhooks/referral-events";
import {
  type MunicipalityIndex,
  municipalityIndex,
  type OrganizationFields,
  organizationFromHsds,
  type ServiceFromHsds,
  serviceFromHsds,
} from "./from-hsds";
import { type DatasetEntry, readDataset } from "./read-dataset";
import { isUuid } from "./uuid-v5";

export interface ImportCounts {
  created: number;
  updated: number;
  rejected: number;
}

export interface ImportReport {
  organizations: ImportCounts;
  services: ImportCounts;
  /** Records not imported, with why. Nothing of them was written. */
  rejected: { kind: "organization" | "service" | "record"; at: string; id?: string; name?: string; reason: string }[];
  /** Records imported with something left out, cut short or assumed. */
  warnings: { kind: "organization" | "service"; at: string; id: string; message: string }[];
  /** HSDS records Schakel does not import (locations, taxonomies, …), and repeated ids. */
  skipped: { at: string; kind: string; reason: string }[];
}

/** A record that breaks a rule; rolls back its own transaction and lands in the report. */
class RecordRejected extends Error {}

/** Every life domain when HSDS names none of ours: the broadest money-help domain. */
export const DEFAULT_LIFE_DOMAINS: LifeDomain[] = ["financien"];

/** Our field names in validation messages, as the HSDS record spells them. */
const hsdsFieldNames: Record<string, string> = {
  name: "name",
  description: "description",
  lifeDomains: "attributes",
  ageMin: "minimum_age",
  ageMax: "maximum_age",
  eligibility: "eligibility_description",
  municipalityCodes: "service_areas",
  postcodeRanges: "service_areas",
  contactChannels: "phones/email/url/contacts",
  languages: "languages",
  cost: "fees_description",
  openingHours: "schedules",
  status: "status",
};

/**
 * Imports an HSDS 3.0 dataset (see readDataset for the shapes) into the sociale kaart. Records
 * are upserted by their HSDS id, which becomes Schakel's id, so importing again updates. Each
 * record is written in a transaction of its own (a savepoint when `db` already is one): a bad
 * record is rejected with its reason and never stops or half-writes the others.
 *
 * Mapping decisions:
 * - Organization: name, description, email, website (or uri), first phone. New ones get kind
 *   "overig" and slug `<name>-<first 8 of id>`; on update slug and kind stay (an admin may have
 *   set a better kind). Organizations have no area in HSDS; their services carry it.
 * - Service → its organization by organization_id, its nested organization, or the organization
 *   it is nested in. Unknown organization: rejected.
 * - description shorter than our 10 characters (or missing): `Dienst "<name>" van <organization>`,
 *   followed by the short text if there was one.
 * - status: HSDS "temporarily closed" is our temporarily_closed; missing or unknown: rejected.
 * - minimum_age / maximum_age: whole years within the bounds; a maximum above 120 means none.
 *   An inverted range is rejected (the same rule as the API's).
 * - fees_description (else fees, else cost_options) → cost; schedules → opening hours text.
 * - phones, email, url, contacts (e-mail and phones, with the person as note) and
 *   service_at_locations' addresses → contact routes. Routes HSDS has no field for (WhatsApp,
 *   home visits, walk-in, post) are kept on update.
 * - languages → ISO 639-1 codes (ISO 639-2/3 codes of common languages are converted);
 *   none usable: Dutch.
 * - service_areas → national ("Nederland"), municipality codes (a known municipality by name or
 *   CBS code, case and accents ignored) and postcode ranges. Areas that match none are added to
 *   eligibility as "Werkgebied: …" so people still read them, and the service is kept without an
 *   area: found by text, not by place, until an admin sets one.
 * - attributes whose taxonomy term is one of our life domains (our term ids, or a term whose code
 *   or name is a life domain's id or label) → lifeDomains; none: ["financien"] (on create).
 * - last_modified (when not in the future) → lastVerifiedAt, else now.
 * - Fields a record leaves out keep their value on update; Schakel's own fields (accepts
 *   referrals, response time, warm handover, bijstand and debt conditions) are never touched.
 * - Every service passes the same field rules as the API's (ServiceUpdateSchema); over-long free
 *   text is cut short with a warning instead.
 */
export async function importHsds(db: Database, dataset: unknown, options: { clock: Clock }): Promise<ImportReport> {
  const now = options.clock.now();
  const read = readDataset(dataset);
  const report: ImportReport = {
    organizations: { created: 0, updated: 0, rejected: 0 },
    services: { created: 0, updated: 0, rejected: 0 },
    rejected: read.unrecognised.map((u) => ({ kind: "record", at: u.at, reason: u.reason })),
    warnings: [],
    skipped: read.skipped,
  };
  const rejectedOrganizations = new Map<string, string>();

  for (const entry of read.organizations) {
    const mapped = organizationFromHsds(entry.record);
    const ref = refOf(entry);
    if (!mapped.ok) {
      reject(report, "organization", entry, mapped.reason);
      if (ref.id) rejectedOrganizations.set(ref.id.toLowerCase(), entry.at);
      continue;
    }
    try {
      const outcome = await db.transaction((tx) => upsertOrganization(tx as unknown as Database, mapped.value, now));
      report.organizations[outcome]++;
      for (const message of mapped.warnings)
        report.warnings.push({ kind: "organization", at: entry.at, id: mapped.value.id, message });
    } catch (err) {
      reject(report, "organization", entry, reasonOf(err));
      rejectedOrganizations.set(mapped.value.id, entry.at);
    }
  }

  const places = municipalityIndex(
    await db.select({ code: municipalities.code, name: municipalities.name }).from(municipalities),
  );
  for (const entry of read.services) {
    const mapped = serviceFromHsds(entry.record, places);
    if (!mapped.ok) {
      reject(report, "service", entry, mapped.reason);
      continue;
    }
    const organizationId = mapped.value.organizationId ?? entry.parentOrganizationId?.toLowerCase();
    if (!organizationId || !isUuid(organizationId)) {
      reject(report, "service", entry, "hoort bij geen organisatie (organization_id ontbreekt)");
      continue;
    }
    const warnings = [...mapped.warnings];
    try {
      const outcome = await db.transaction((tx) =>
        upsertService(
          tx as unknown as Database,
          { ...mapped.value, organizationId },
          { now, places, warnings, rejectedOrganizations },
        ),
      );
      report.services[outcome]++;
      for (const message of warnings) report.warnings.push({ kind: "service", at: entry.at, id: mapped.value.id, message });
    } catch (err) {
      reject(report, "service", entry, reasonOf(err));
    }
  }
  return report;
}

function refOf(entry: DatasetEntry) {
  const { id, name } = entry.record;
  return { id: typeof id === "string" ? id : undefined, name: typeof name === "string" ? name : undefined };
}

function reject(report: ImportReport, kind: "organization" | "service", entry: DatasetEntry, reason: string) {
  report[kind === "organization" ? "organizations" : "services"].rejected++;
  report.rejected.push({ kind, at: entry.at, ...refOf(entry), reason });
}

function reasonOf(err: unknown): string {
  if (err instanceof RecordRejected) return err.message;
  // Drivers wrap the database's error; its own message says which rule broke.
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
  return `de database weigerde het record: ${cause instanceof Error ? cause.message : String(cause)}`;
}

function slugBase(name: string): string {
  return (
    foldText(name)
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 40)
      .replace(/-+$/, "") || "organisatie"
  );
}

async function freeSlug(tx: Database, name: string, id: string): Promise<string> {
  for (const slug of [`${slugBase(name)}-${id.slice(0, 8)}`, `${slugBase(name)}-${id.replace(/-/g, "")}`]) {
    const [taken] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, slug));
    if (!taken) return slug;
  }
  throw new RecordRejected("geen vrije slug voor deze organisatie");
}

async function upsertOrganization(tx: Database, org: OrganizationFields, now: Date): Promise<"created" | "updated"> {
  const { id, ...fields } = org;
  const [existing] = await tx.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, id));
  if (!existing) {
    await tx.insert(organizations).values({
      id,
      slug: await freeSlug(tx, fields.name, id),
      kind: "overig",
      ...fields,
      description: fields.description ?? "",
      createdAt: now,
      updatedAt: now,
    });
    return "created";
  }
  await tx
    .update(organizations)
    .set({ ...fields, updatedAt: now })
    .where(eq(organizations.id, id));
  if (existing.name !== fields.name) {
    // The organization's name is one of the words its services are found by.
    const own = await tx
      .select({
        id: services.id,
        municipalityCodes: services.municipalityCodes,
        lifeDomains: services.lifeDomains,
        isNational: services.isNational,
      })
      .from(services)
      .where(eq(services.organizationId, id));
    for (const s of own) {
      await tx
        .update(services)
        .set({ searchKeywords: await searchKeywords(tx, { organizationId: id, ...s }) })
        .where(eq(services.id, s.id));
      // The service shows its organization's name: it changed with it.
      await serviceWebhook(tx, { id: s.id, organizationId: id }, "nl.schakel.service.changed", now);
    }
  }
  return "updated";
}

function fallbackDescription(name: string, organizationName: string, short: string | undefined): string {
  const base = `Dienst "${name}" van ${organizationName}`;
  return short ? `${base}: ${short}` : `${base}.`;
}

async function upsertService(
  tx: Database,
  input: ServiceFromHsds & { organizationId: string },
  context: { now: Date; places: MunicipalityIndex; warnings: string[]; rejectedOrganizations: Map<string, string> },
): Promise<"created" | "updated"> {
  const { now, warnings } = context;
  const [organization] = await tx
    .select({ name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, input.organizationId));
  if (!organization) {
    const rejectedAt = context.rejectedOrganizations.get(input.organizationId);
    throw new RecordRejected(
      rejectedAt
        ? `de organisatie ${input.organizationId} is afgewezen (zie ${rejectedAt})`
        : `onbekende organisatie ${input.organizationId} (niet in deze dataset en niet in Schakel)`,
    );
  }
  const [current] = await tx
    .select({
      description: services.description,
      lifeDomains: services.lifeDomains,
      ageMin: services.ageMin,
      ageMax: services.ageMax,
      eligibility: services.eligibility,
      isNational: services.isNational,
      municipalityCodes: services.municipalityCodes,
      postcodeRanges: services.postcodeRanges,
      contactChannels: services.contactChannels,
      languages: services.languages,
      cost: services.cost,
      openingHours: services.openingHours,
    })
    .from(services)
    .where(eq(services.id, input.id));

  let description = input.description ?? current?.description;
  if (description === undefined || description.length < 10) {
    description = fallbackDescription(input.name, organization.name, description || undefined);
    if (!current || input.description !== undefined) warnings.push("description ontbreekt of is korter dan 10 tekens; aangevuld");
  }
  let lifeDomains = input.lifeDomains ?? current?.lifeDomains;
  if (!lifeDomains) {
    lifeDomains = DEFAULT_LIFE_DOMAINS;
    warnings.push(
      `geen taxonomieterm die een leefgebied van Schakel is; leefgebied ${DEFAULT_LIFE_DOMAINS.join(", ")} aangenomen`,
    );
  }
  const area = input.area ??
    (current && { ...current, postcodeRanges: fromMultirange(current.postcodeRanges).map(([from, to]) => ({ from, to })) }) ?? {
      isNational: false,
      municipalityCodes: [],
      postcodeRanges: [],
    };
  if (!input.area && !current) warnings.push("geen werkgebied in Nederland; vindbaar op tekst, niet op plaats");

  // Routes HSDS speaks for are replaced; the others (WhatsApp, home visits, …) stay as they were.
  let contactChannels: ContactChannel[] = [
    ...input.channels,
    ...(current?.contactChannels ?? []).filter((c) => !input.channelKinds.has(c.kind)),
  ];
  if (contactChannels.length > 20) {
    warnings.push(`${contactChannels.length} contactroutes; de eerste 20 bewaard`);
    contactChannels = contactChannels.slice(0, 20);
  }

  const checked = ServiceUpdateSchema.safeParse({
    name: input.name,
    description,
    lifeDomains,
    ageMin: input.ageMin !== undefined ? input.ageMin : (current?.ageMin ?? null),
    ageMax: input.ageMax !== undefined ? input.ageMax : (current?.ageMax ?? null),
    eligibility: input.eligibility !== undefined ? input.eligibility : (current?.eligibility ?? null),
    isNational: area.isNational,
    municipalityCodes: area.municipalityCodes,
    postcodeRanges: area.postcodeRanges,
    contactChannels,
    languages: input.languages ?? current?.languages ?? ["nl"],
    cost: input.cost !== undefined ? input.cost : (current?.cost ?? null),
    openingHours: input.openingHours !== undefined ? input.openingHours : (current?.openingHours ?? null),
    status: input.status,
  });
  if (!checked.success) {
    throw new RecordRejected(
      checked.error.issues
        .map((i) => {
          const [field, ...rest] = i.path.map(String);
          const name = [field ? (hsdsFieldNames[field] ?? field) : undefined, ...rest].filter(Boolean).join(".");
          return name ? `${name}: ${i.message}` : i.message;
        })
        .join("; "),
    );
  }
  const { postcodeRanges = [], ...fields } = checked.data;
  const values = {
    ...fields,
    organizationId: input.organizationId,
    postcodeRanges: postcodeRangesValue(postcodeRanges),
    searchKeywords: await searchKeywords(tx, {
      organizationId: input.organizationId,
      municipalityCodes: area.municipalityCodes,
      lifeDomains,
      isNational: area.isNational,
    }),
    lastVerifiedAt: input.lastModified && input.lastModified <= now ? input.lastModified : now,
    updatedAt: now,
  };
  if (current) {
    await tx.update(services).set(values).where(eq(services.id, input.id));
    await serviceWebhook(tx, { id: input.id, organizationId: input.organizationId }, "nl.schakel.service.changed", now);
    return "updated";
  }
  await tx.insert(services).values({
    ...values,
    id: input.id,
    name: input.name,
    description,
    createdAt: now,
  });
  await serviceWebhook(tx, { id: input.id, organizationId: input.organizationId }, "nl.schakel.service.created", now);
  return "created";
}

/** The report as the CLI prints it, in Dutch. */
export function formatImportReport(report: ImportReport): string {
  const counts = (c: ImportCounts) => `${c.created} nieuw, ${c.updated} bijgewerkt, ${c.rejected} afgewezen`;
  const lines = [`Organisaties: ${counts(report.organizations)}`, `Diensten:     ${counts(report.services)}`];
  const label = (r: { at: string; id?: string; name?: string }) =>
    [r.at, r.id, r.name ? JSON.stringify(r.name) : undefined].filter(Boolean).join("  ");
  if (report.rejected.length > 0) {
    lines.push("", `Afgewezen (${report.rejected.length}):`);
    for (const r of report.rejected) lines.push(`  ${label(r)}`, `    → ${r.reason}`);
  }
  if (report.warnings.length > 0) {
    lines.push("", `Waarschuwingen (${report.warnings.length}):`);
    for (const w of report.warnings) lines.push(`  ${w.at}  ${w.id}: ${w.message}`);
  }
  if (report.skipped.length > 0) {
    lines.push("", `Overgeslagen (${report.skipped.length}):`);
    for (const s of report.skipped) lines.push(`  ${s.at}: ${s.reason}`);
  }
  return lines.join("\n");
}
