/**
 * HSDS 3.0 records → Schakel's fields. Pure: no database. A field HSDS leaves out stays
 * undefined, so re-importing a thinner record (a list item) never wipes what a fuller one set.
 * The mapping decisions are listed in docs at importHsds (import-hsds.ts).
 */
import { foldText, type LifeDomain, type ServiceStatus } from "@schakel/core";
import type { ContactChannel } from "@schakel/db";
import { type HsdsRecord, isRecord } from "./read-dataset";
import { lifeDomainOfTerm } from "./taxonomy";
import { validEmail, validUrl } from "./to-hsds";
import { isUuid } from "./uuid-v5";

export type Mapped<T> = { ok: true; value: T; warnings: string[] } | { ok: false; reason: string };

/** Municipalities by folded name and by CBS code, to recognise HSDS service areas. */
export interface MunicipalityIndex {
  codeByName: Map<string, string>;
  codes: Set<string>;
}

export function municipalityIndex(rows: { code: string; name: string }[]): MunicipalityIndex {
  return {
    codeByName: new Map(rows.map((m) => [foldText(m.name.trim()), m.code])),
    codes: new Set(rows.map((m) => m.code)),
  };
}

const text = (v: unknown): string | undefined => (typeof v === "string" && v.trim() ? v.trim() : undefined);
const has = (r: HsdsRecord, ...keys: string[]) => keys.some((k) => k in r && r[k] !== undefined);
const list = (v: unknown): HsdsRecord[] => (Array.isArray(v) ? v.filter(isRecord) : []);

/** Cuts text to `max` characters (ending in …) and says so. */
function fit(value: string | undefined, max: number, field: string, warnings: string[]): string | undefined {
  if (value === undefined || value.length <= max) return value;
  warnings.push(`${field} ingekort tot ${max} tekens`);
  return `${value.slice(0, max - 1).trimEnd()}…`;
}

/** "\"+44 1234 234567\"" → +44 1234 234567: some exports keep the CSV quotes. */
function phoneNumber(v: unknown): string | undefined {
  const s = typeof v === "number" ? String(v) : text(v);
  return s?.replace(/^["']+|["']+$/g, "").trim() || undefined;
}

export interface OrganizationFields {
  id: string;
  name: string;
  description?: string;
  email?: string | null;
  website?: string | null;
  phone?: string | null;
}

export function organizationFromHsds(r: HsdsRecord): Mapped<OrganizationFields> {
  if (!isUuid(r.id)) return { ok: false, reason: r.id == null ? "id ontbreekt" : `id ${JSON.stringify(r.id)} is geen UUID` };
  const name = text(r.name);
  if (!name) return { ok: false, reason: "name ontbreekt" };
  if (name.length > 200) return { ok: false, reason: "name is langer dan 200 tekens" };
  const warnings: string[] = [];
  const value: OrganizationFields = { id: r.id.toLowerCase(), name };
  if (has(r, "description")) value.description = fit(text(r.description), 4000, "description", warnings) ?? "";
  if (has(r, "email")) {
    value.email = validEmail(text(r.email)) ?? null;
    if (!value.email && text(r.email)) warnings.push(`email ${JSON.stringify(r.email)} is geen e-mailadres; weggelaten`);
  }
  if (has(r, "website", "uri")) {
    const raw = text(r.website) ?? text(r.uri);
    value.website = validUrl(raw) ?? null;
    if (!value.website && raw) warnings.push(`website ${JSON.stringify(raw)} is geen webadres; weggelaten`);
  }
  if (has(r, "phones"))
    value.phone =
      list(r.phones)
        .map((p) => phoneNumber(p.number))
        .find(Boolean) ?? null;
  return { ok: true, value, warnings };
}

const statusFromHsds: Record<string, ServiceStatus> = {
  active: "active",
  inactive: "inactive",
  defunct: "defunct",
  "temporarily closed": "temporarily_closed",
  temporarily_closed: "temporarily_closed",
};

/** ISO 639-2/3 codes HSDS data often carries, to the ISO 639-1 codes Schakel keeps. */
const twoLetterCode: Record<string, string> = {
  nld: "nl",
  dut: "nl",
  eng: "en",
  fry: "fy",
  pap: "pap",
  tur: "tr",
  ara: "ar",
  ary: "ar",
  pol: "pl",
  deu: "de",
  ger: "de",
  fra: "fr",
  fre: "fr",
  spa: "es",
  por: "pt",
  ita: "it",
  ron: "ro",
  rum: "ro",
  bul: "bg",
  ukr: "uk",
  rus: "ru",
  som: "so",
  tir: "ti",
  fas: "fa",
  per: "fa",
  prs: "fa",
  urd: "ur",
  zho: "zh",
  chi: "zh",
  srp: "sr",
  hrv: "hr",
  bos: "bs",
  amh: "am",
  hin: "hi",
};

const nationalNames = new Set(["nederland", "netherlands", "the netherlands", "landelijk", "heel nederland", "nl"]);

export interface Area {
  isNational: boolean;
  municipalityCodes: string[];
  postcodeRanges: { from: number; to: number }[];
}

/**
 * HSDS service areas → Schakel's area: "Nederland" (or Netherlands, landelijk) → national; a known
 * municipality by name ("Arnhem", "Gemeente Arnhem") or CBS code (GM0202, also in a TOOI uri) →
 * its code; "Postcodes 6811–6846" → a postcode range. What matches none is returned as text.
 */
export function areaFromHsds(areas: HsdsRecord[], municipalities: MunicipalityIndex) {
  const area: Area = { isNational: false, municipalityCodes: [], postcodeRanges: [] };
  const unknown: string[] = [];
  for (const a of areas) {
    const name = text(a.name) ?? text(a.description);
    if (!name) continue;
    const folded = foldText(name).replace(/^gemeente\s+/, "");
    const code =
      municipalities.codeByName.get(folded) ??
      [a.name, a.uri, a.description]
        .map((v) => (typeof v === "string" ? v.match(/\bgm(\d{4})\b/i)?.[1] : undefined))
        .map((digits) => (digits ? `GM${digits}` : undefined))
        .find((c) => c !== undefined && municipalities.codes.has(c));
    const postcodes = name.match(/^postcode(?:s|gebied(?:en)?)?\s+(\d{4})(?:\s*(?:[–-]|tot en met)\s*(\d{4}))?$/i);
    if (nationalNames.has(folded)) area.isNational = true;
    else if (code) area.municipalityCodes.push(code);
    else if (postcodes) area.postcodeRanges.push({ from: Number(postcodes[1]), to: Number(postcodes[2] ?? postcodes[1]) });
    else unknown.push(name);
  }
  area.municipalityCodes = [...new Set(area.municipalityCodes)];
  return { area, unknown };
}

/** The contact routes a record carries, and which kinds of route it speaks for. */
function channelsFromHsds(r: HsdsRecord) {
  const channels: ContactChannel[] = [];
  const add = (kind: ContactChannel["kind"], value: string | undefined, note?: string) => {
    if (!value) return;
    if (channels.some((c) => c.kind === kind && c.value === value)) return;
    channels.push(note ? { kind, value, note } : { kind, value });
  };
  const phoneNote = (p: HsdsRecord, who?: string) =>
    [who, text(p.description), p.extension != null ? `toestel ${String(p.extension)}` : undefined].filter(Boolean).join("; ") ||
    undefined;

  for (const p of list(r.phones)) {
    // Schakel's own export writes WhatsApp numbers as type "text", described "WhatsApp: …".
    const whatsapp = p.type === "text" && /^whatsapp\b/i.test(text(p.description) ?? "");
    if (whatsapp) add("whatsapp", phoneNumber(p.number), text(p.description)?.replace(/^whatsapp[:\s]*/i, "") || undefined);
    else add("telefoon", phoneNumber(p.number), phoneNote(p));
  }
  add("email", validEmail(text(r.email)));
  add("website", validUrl(text(r.url)));
  for (const c of list(r.contacts)) {
    const who = [text(c.name), text(c.title), text(c.department)].filter(Boolean).join(", ") || undefined;
    add("email", validEmail(text(c.email)), who);
    for (const p of list(c.phones)) add("telefoon", phoneNumber(p.number), phoneNote(p, who));
  }
  for (const place of list(r.service_at_locations)) {
    const location = isRecord(place.location) ? place.location : {};
    for (const a of list(location.addresses)) {
      const street = [text(a.address_1), text(a.address_2)].filter(Boolean).join(" ");
      const town = [text(a.postal_code), text(a.city)].filter(Boolean).join(" ");
      add("adres", [street, town].filter(Boolean).join(", ") || undefined, text(location.name));
    }
  }
  const speaksFor = new Set<ContactChannel["kind"]>();
  if (has(r, "phones", "contacts")) speaksFor.add("telefoon");
  if (has(r, "phones")) speaksFor.add("whatsapp");
  if (has(r, "email", "contacts")) speaksFor.add("email");
  if (has(r, "url")) speaksFor.add("website");
  if (has(r, "service_at_locations")) speaksFor.add("adres");
  return { channels, speaksFor };
}

function ageFromHsds(v: unknown, bound: "minimum" | "maximum", warnings: string[]): number | null | "invalid" {
  if (v === null || v === undefined || v === "") return null;
  const n = typeof v === "number" ? v : typeof v === "string" ? Number(v) : Number.NaN;
  if (!Number.isFinite(n)) return "invalid";
  if (bound === "maximum" && n > 120) {
    warnings.push(`maximum_age ${n} gelezen als: geen maximumleeftijd`);
    return null;
  }
  // Whole years that fall inside the HSDS bounds: 17.5 as a minimum means 18.
  return bound === "minimum" ? Math.ceil(n) : Math.floor(n);
}

function scheduleText(s: HsdsRecord): string | undefined {
  const description = text(s.description);
  if (description) return description;
  const hours = [text(s.opens_at), text(s.closes_at)].filter(Boolean).join("–");
  return [text(s.byday), hours, text(s.notes)].filter(Boolean).join(" ") || undefined;
}

function costFromHsds(r: HsdsRecord): string | undefined {
  const described = text(r.fees_description) ?? text(r.fees);
  if (described) return described;
  const options = list(r.cost_options).map((o) =>
    [
      typeof o.amount === "number" ? `${String(o.currency ?? "").toUpperCase()} ${o.amount}`.trim() : undefined,
      text(o.amount_description),
      text(o.option) ? `(${text(o.option)})` : undefined,
    ]
      .filter(Boolean)
      .join(" "),
  );
  return options.filter(Boolean).join("; ") || undefined;
}

/** What an HSDS service says, in Schakel's terms; undefined fields were not in the record. */
export interface ServiceFromHsds {
  id: string;
  organizationId?: string;
  name: string;
  description?: string;
  lifeDomains?: LifeDomain[];
  ageMin?: number | null;
  ageMax?: number | null;
  eligibility?: string | null;
  area?: Area;
  channels: ContactChannel[];
  channelKinds: Set<ContactChannel["kind"]>;
  languages?: string[];
  cost?: string | null;
  openingHours?: string | null;
  status: ServiceStatus;
  lastModified?: Date;
}

export function serviceFromHsds(r: HsdsRecord, municipalities: MunicipalityIndex): Mapped<ServiceFromHsds> {
  if (!isUuid(r.id)) return { ok: false, reason: r.id == null ? "id ontbreekt" : `id ${JSON.stringify(r.id)} is geen UUID` };
  const name = text(r.name);
  if (!name) return { ok: false, reason: "name ontbreekt" };
  const status = typeof r.status === "string" ? statusFromHsds[r.status.trim().toLowerCase()] : undefined;
  if (!status) {
    return {
      ok: false,
      reason:
        r.status == null
          ? "status ontbreekt"
          : `status ${JSON.stringify(r.status)} is geen HSDS-status (active, inactive, defunct, temporarily closed)`,
    };
  }
  const warnings: string[] = [];
  const value: ServiceFromHsds = { id: r.id.toLowerCase(), name, status, channels: [], channelKinds: new Set() };

  const organizationId = r.organization_id ?? (isRecord(r.organization) ? r.organization.id : undefined);
  if (organizationId !== undefined && organizationId !== null) {
    if (!isUuid(organizationId)) return { ok: false, reason: `organization_id ${JSON.stringify(organizationId)} is geen UUID` };
    value.organizationId = organizationId.toLowerCase();
  }

  if (has(r, "description")) value.description = fit(text(r.description), 4000, "description", warnings) ?? "";

  for (const [field, bound] of [
    ["minimum_age", "minimum"],
    ["maximum_age", "maximum"],
  ] as const) {
    if (!has(r, field)) continue;
    const age = ageFromHsds(r[field], bound, warnings);
    if (age === "invalid") return { ok: false, reason: `${field} ${JSON.stringify(r[field])} is geen getal` };
    value[bound === "minimum" ? "ageMin" : "ageMax"] = age;
  }

  let areaText: string | undefined;
  if (has(r, "service_areas")) {
    const { area, unknown } = areaFromHsds(list(r.service_areas), municipalities);
    const known = area.isNational || area.municipalityCodes.length > 0 || area.postcodeRanges.length > 0;
    if (known) value.area = area;
    if (unknown.length > 0) {
      areaText = `Werkgebied: ${unknown.join("; ")}`;
      warnings.push(
        `${unknown.length === 1 ? "werkgebied" : "werkgebieden"} ${unknown.map((u) => JSON.stringify(u.slice(0, 60))).join(", ")} niet herkend als Nederland, gemeente of postcodegebied; als tekst bij eligibility gezet`,
      );
    }
  }
  if (has(r, "eligibility_description") || areaText) {
    const eligibility = [text(r.eligibility_description), areaText].filter(Boolean).join("\n");
    value.eligibility = fit(eligibility, 2000, "eligibility_description", warnings) ?? null;
  }

  const { channels, speaksFor } = channelsFromHsds(r);
  const kept = channels.filter((c) => {
    if ((c.value ?? "").length <= 300) return true;
    warnings.push(`${c.kind} langer dan 300 tekens; weggelaten`);
    return false;
  });
  value.channels = kept.map((c) => (c.note ? { ...c, note: fit(c.note, 300, `notitie bij ${c.kind}`, warnings) } : c));
  value.channelKinds = speaksFor;

  if (has(r, "languages")) {
    const codes = list(r.languages).map((l) => {
      const code = text(l.code)?.toLowerCase();
      return code ? (twoLetterCode[code] ?? code) : undefined;
    });
    const valid = [...new Set(codes.filter((c): c is string => c !== undefined && /^[a-z]{2,3}$/.test(c)))];
    const invalid = list(r.languages).length - codes.filter((c) => c && /^[a-z]{2,3}$/.test(c)).length;
    if (invalid > 0) warnings.push(`${invalid} taal/talen zonder bruikbare ISO 639-code overgeslagen`);
    if (valid.length > 0) value.languages = valid;
  }

  if (has(r, "fees_description", "fees", "cost_options"))
    value.cost = fit(costFromHsds(r), 300, "fees_description", warnings) ?? null;

  if (has(r, "schedules")) {
    const hours = list(r.schedules)
      .map(scheduleText)
      .filter((s): s is string => s !== undefined);
    value.openingHours = fit([...new Set(hours)].join("; ") || undefined, 500, "schedules", warnings) ?? null;
  }

  if (has(r, "attributes")) {
    const domains = list(r.attributes)
      .map((a) => lifeDomainOfTerm(isRecord(a.taxonomy_term) ? a.taxonomy_term : { id: a.taxonomy_term_id }))
      .filter((d): d is LifeDomain => d !== null);
    if (domains.length > 0) value.lifeDomains = [...new Set(domains)];
  }

  if (typeof r.last_modified === "string" && !Number.isNaN(Date.parse(r.last_modified))) {
    value.lastModified = new Date(r.last_modified);
  }
  return { ok: true, value, warnings };
}
