/**
 * Reads an HSDS 3.0 dataset in any of the shapes HSDS publishes: one organization or service,
 * an array of them, a page (`contents`), an object with `organizations` / `services` arrays, a
 * service_at_location (its service), or the tabular form (`organizations.csv`, `services.csv`, …
 * as arrays of rows). Returns the organizations and services found, each with where it was.
 */

export type HsdsRecord = Record<string, unknown>;

export interface DatasetEntry {
  /** Where the record sits in the input, JSONPath-style: `$.contents[2]`, `$.services[0]`. */
  at: string;
  record: HsdsRecord;
  /** The organization a service was nested in, when it was. */
  parentOrganizationId?: string;
  /** A copy nested in another record (a service's `organization`), used only when the dataset has no record of its own. */
  embedded: boolean;
}

export interface Dataset {
  organizations: DatasetEntry[];
  services: DatasetEntry[];
  /** HSDS records Schakel does not import (locations, taxonomies, …) and repeated ids. */
  skipped: { at: string; kind: string; reason: string }[];
  /** Values that are no HSDS organization or service. */
  unrecognised: { at: string; reason: string }[];
}

type Kind = "organization" | "service" | "service_at_location" | "location" | "taxonomy" | "taxonomy_term" | "api_meta";

export const isRecord = (v: unknown): v is HsdsRecord => typeof v === "object" && v !== null && !Array.isArray(v);

const skippedKinds: Partial<Record<Kind, string>> = {
  location: "een HSDS-locatie",
  taxonomy: "een HSDS-taxonomie",
  taxonomy_term: "een HSDS-taxonomieterm",
  api_meta: "de metagegevens van een HSDS-API",
};

/** What an unlabelled HSDS object is, by the fields only that kind has. */
function kindOf(r: HsdsRecord): Kind | null {
  if ("openapi_url" in r) return "api_meta";
  if (isRecord(r.service) && !("status" in r)) return "service_at_location";
  if (["status", "organization_id", "service_areas", "eligibility_description"].some((k) => k in r) || isRecord(r.organization)) {
    return "service";
  }
  if (["location_type", "latitude", "addresses"].some((k) => k in r)) return "location";
  if (["taxonomy_id", "term_uri", "taxonomy_detail", "parent_id"].some((k) => k in r)) return "taxonomy_term";
  if ("version" in r && !("services" in r)) return "taxonomy";
  if ("name" in r || Array.isArray(r.services)) return "organization";
  return null;
}

const child = (at: string, key: string | number) => (typeof key === "number" ? `${at}[${key}]` : `${at}.${key}`);

export function readDataset(input: unknown): Dataset {
  const dataset: Dataset = { organizations: [], services: [], skipped: [], unrecognised: [] };

  const visit = (value: unknown, at: string, forced?: "organization" | "service", parentOrganizationId?: string) => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        visit(item, child(at, i), forced, parentOrganizationId);
      });
      return;
    }
    if (!isRecord(value)) {
      dataset.unrecognised.push({ at, reason: "geen object" });
      return;
    }
    if (!forced) {
      if (Object.keys(value).some((k) => k.endsWith(".csv"))) return readTabular(value, at, visit);
      if (Array.isArray(value.contents)) return visit(value.contents, child(at, "contents"));
      if (!("name" in value) && (Array.isArray(value.organizations) || Array.isArray(value.services))) {
        if (Array.isArray(value.organizations)) visit(value.organizations, child(at, "organizations"), "organization");
        if (Array.isArray(value.services)) visit(value.services, child(at, "services"), "service");
        return;
      }
    }
    const kind = forced ?? kindOf(value);
    if (kind === "organization") {
      dataset.organizations.push({ at, record: value, embedded: false });
      if (Array.isArray(value.services)) {
        const orgId = typeof value.id === "string" ? value.id : undefined;
        visit(value.services, child(at, "services"), "service", orgId);
      }
    } else if (kind === "service") {
      dataset.services.push({ at, record: value, parentOrganizationId, embedded: false });
      if (isRecord(value.organization)) {
        dataset.organizations.push({ at: child(at, "organization"), record: value.organization, embedded: true });
      }
    } else if (kind === "service_at_location") {
      visit(value.service, child(at, "service"), "service");
    } else if (kind && skippedKinds[kind]) {
      dataset.skipped.push({ at, kind, reason: `${skippedKinds[kind]}; Schakel importeert alleen organisaties en diensten` });
    } else {
      dataset.unrecognised.push({
        at,
        reason: "geen HSDS-organisatie (id, name, description) of -dienst (id, name, status)",
      });
    }
  };

  visit(input, "$");
  dataset.organizations = firstOfEachId(dataset.organizations, "organization", dataset.skipped);
  dataset.services = firstOfEachId(dataset.services, "service", dataset.skipped);
  return dataset;
}

/**
 * One entry per id: the first record of its own wins; copies nested in other records count only
 * when there is none. Later records with the same id are reported as skipped.
 */
function firstOfEachId(entries: DatasetEntry[], kind: string, skipped: Dataset["skipped"]): DatasetEntry[] {
  const chosen = new Map<string, DatasetEntry>();
  const withoutId: DatasetEntry[] = [];
  for (const entry of entries) {
    const id = typeof entry.record.id === "string" ? entry.record.id.toLowerCase() : null;
    if (!id) {
      withoutId.push(entry);
      continue;
    }
    const first = chosen.get(id);
    if (!first || (first.embedded && !entry.embedded)) {
      chosen.set(id, entry);
    } else if (!entry.embedded) {
      skipped.push({ at: entry.at, kind, reason: `dezelfde id als ${first.at}; alleen dat record telt` });
    }
  }
  return [...chosen.values(), ...withoutId];
}

/** The tabular form: one array of rows per table, joined back into nested records. */
function readTabular(
  tables: HsdsRecord,
  at: string,
  visit: (value: unknown, at: string, forced?: "organization" | "service") => void,
) {
  const rows = (table: string) => (Array.isArray(tables[table]) ? tables[table].filter(isRecord) : []);
  const groupBy = (table: string, key: string) => {
    const groups = new Map<unknown, HsdsRecord[]>();
    for (const row of rows(table)) {
      if (row[key] == null) continue;
      groups.set(row[key], [...(groups.get(row[key]) ?? []), row]);
    }
    return (id: unknown) => groups.get(id) ?? [];
  };
  const terms = new Map(rows("taxonomy_terms.csv").map((t) => [t.id, t]));
  const phonesOf = groupBy("phones.csv", "service_id");
  const phonesOfContact = groupBy("phones.csv", "contact_id");
  const phonesOfOrganization = (id: unknown) =>
    rows("phones.csv").filter((p) => p.organization_id === id && p.service_id == null && p.contact_id == null);
  const contactsOf = groupBy("contacts.csv", "service_id");
  const languagesOf = groupBy("languages.csv", "service_id");
  const areasOf = groupBy("service_areas.csv", "service_id");
  const schedulesOf = groupBy("schedules.csv", "service_id");
  const costsOf = groupBy("cost_options.csv", "service_id");
  const attributesOf = groupBy("attributes.csv", "link_id");
  const locationsById = new Map(rows("locations.csv").map((l) => [l.id, l]));
  const addressesOf = groupBy("addresses.csv", "location_id");
  const placesOf = groupBy("service_at_location.csv", "service_id");

  const organizations = rows("organizations.csv").map((o) => ({ ...o, phones: phonesOfOrganization(o.id) }));
  const services = rows("services.csv").map((s) => ({
    ...s,
    phones: phonesOf(s.id),
    contacts: contactsOf(s.id).map((c) => ({ ...c, phones: phonesOfContact(c.id) })),
    languages: languagesOf(s.id),
    service_areas: areasOf(s.id),
    schedules: schedulesOf(s.id),
    cost_options: costsOf(s.id),
    attributes: attributesOf(s.id).map((a) => ({ ...a, taxonomy_term: terms.get(a.taxonomy_term_id) })),
    service_at_locations: placesOf(s.id).map((p) => {
      const location = locationsById.get(p.location_id);
      return { ...p, location: location ? { ...location, addresses: addressesOf(location.id) } : undefined };
    }),
  }));
  visit(organizations, child(at, "organizations.csv"), "organization");
  visit(services, child(at, "services.csv"), "service");
}
