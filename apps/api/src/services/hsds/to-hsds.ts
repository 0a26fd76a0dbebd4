import type { LifeDomain, ServiceStatus } from "@schakel/core";
import type { ContactChannel } from "@schakel/db";
import type {
  HsdsOrganizationSummary,
  HsdsService,
  HsdsServiceBasic,
  HsdsServiceSummary,
  hsdsServiceStatuses,
} from "../../schemas/hsds";
import { hsdsId, taxonomyTermById, taxonomyTermId } from "./taxonomy";

/** A service as read for HSDS: its own columns, its organization's, and its municipalities' names. */
export interface ServiceRow {
  id: string;
  organizationId: string;
  name: string;
  description: string;
  lifeDomains: LifeDomain[];
  ageMin: number | null;
  ageMax: number | null;
  eligibility: string | null;
  isNational: boolean;
  municipalityCodes: string[];
  postcodeRanges: [number, number][];
  contactChannels: ContactChannel[];
  languages: string[];
  cost: string | null;
  openingHours: string | null;
  warmHandover: string | null;
  status: ServiceStatus;
  lastVerifiedAt: Date;
}

export interface OrganizationRow {
  id: string;
  name: string;
  description: string;
  email: string | null;
  website: string | null;
  phone: string | null;
}

const statusToHsds: Record<ServiceStatus, (typeof hsdsServiceStatuses)[number]> = {
  active: "active",
  inactive: "inactive",
  temporarily_closed: "temporarily closed",
  defunct: "defunct",
};

// The e-mail check of JSON Schema's "email" format (ajv-formats), so what we serve validates.
const EMAIL =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;

/** The address when it is one; HSDS types email strictly, and free text would not validate. */
export function validEmail(value: string | null | undefined): string | undefined {
  const v = value?.trim();
  return v && EMAIL.test(v) ? v : undefined;
}

/** An absolute http(s) URL ("www.x.nl" gets https://), normalised; undefined when it is no URL. */
export function validUrl(value: string | null | undefined): string | undefined {
  const v = value?.trim();
  if (!v || /\s/.test(v)) return undefined;
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(v) ? v : `https://${v}`;
  try {
    const url = new URL(withScheme);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : undefined;
  } catch {
    return undefined;
  }
}

const languageNames = new Intl.DisplayNames(["nl"], { type: "language" });

/** Contact routes HSDS has no field for; they go into application_process. */
const otherChannelLabels: Partial<Record<ContactChannel["kind"], string>> = {
  huisbezoek: "Huisbezoek",
  inloop: "Inloop",
  adres: "Adres",
  brief: "Per post",
};

function applicationProcess(row: ServiceRow): string | undefined {
  const lines = row.contactChannels.flatMap((ch) => {
    const label = otherChannelLabels[ch.kind];
    if (!label) return [];
    const detail = [ch.value, ch.note].filter(Boolean).join(" — ");
    return [detail ? `${label}: ${detail}` : label];
  });
  if (row.warmHandover) lines.unshift(`Warme overdracht: ${row.warmHandover}`);
  return lines.length > 0 ? lines.join("\n") : undefined;
}

export function organizationSummary(org: OrganizationRow): HsdsOrganizationSummary {
  return {
    id: org.id,
    name: org.name,
    description: org.description,
    email: validEmail(org.email),
    website: validUrl(org.website),
  };
}

export function serviceBasic(row: ServiceRow): HsdsServiceBasic {
  const emails = row.contactChannels.filter((c) => c.kind === "email").map((c) => validEmail(c.value));
  const websites = row.contactChannels.filter((c) => c.kind === "website").map((c) => validUrl(c.value));
  return {
    id: row.id,
    organization_id: row.organizationId,
    name: row.name,
    description: row.description,
    url: websites.find(Boolean),
    email: emails.find(Boolean),
    status: statusToHsds[row.status],
    application_process: applicationProcess(row),
    fees_description: row.cost ?? undefined,
    eligibility_description: row.eligibility ?? undefined,
    minimum_age: row.ageMin ?? undefined,
    maximum_age: row.ageMax ?? undefined,
    last_modified: row.lastVerifiedAt.toISOString(),
  };
}

export function serviceSummary(row: ServiceRow, org: OrganizationRow): HsdsServiceSummary {
  return { ...serviceBasic(row), organization: organizationSummary(org) };
}

/** The whole service in HSDS shape. Nested objects get ids derived from the service and what they are. */
export function fullService(row: ServiceRow, org: OrganizationRow, municipalityNames: Map<string, string>): HsdsService {
  const basic = serviceBasic(row);
  const sid = row.id;
  const phones = row.contactChannels.flatMap((ch, i) =>
    (ch.kind === "telefoon" || ch.kind === "whatsapp") && ch.value
      ? [
          {
            id: hsdsId("phone", sid, String(i)),
            service_id: sid,
            number: ch.value,
            type: ch.kind === "whatsapp" ? ("text" as const) : ("voice" as const),
            description: [ch.kind === "whatsapp" ? "WhatsApp" : undefined, ch.note].filter(Boolean).join(": ") || undefined,
          },
        ]
      : [],
  );
  // The first valid e-mail address is the service's email; the others are contacts.
  const contacts = row.contactChannels.flatMap((ch, i) => {
    const email = ch.kind === "email" ? validEmail(ch.value) : undefined;
    return email && email !== basic.email
      ? [{ id: hsdsId("contact", sid, String(i)), service_id: sid, email, title: ch.note || undefined }]
      : [];
  });
  const areas = [
    ...(row.isNational
      ? [{ id: hsdsId("service_area", sid, "NL"), name: "Nederland", description: "Landelijk: in heel Nederland" }]
      : []),
    ...row.municipalityCodes.map((code) => {
      const name = municipalityNames.get(code) ?? code;
      return {
        id: hsdsId("service_area", sid, code),
        name,
        description: `Gemeente ${name} (CBS-code ${code})`,
        uri: `https://identifier.overheid.nl/tooi/id/gemeente/${code.toLowerCase()}`,
      };
    }),
    ...row.postcodeRanges.map(([from, to]) => ({
      id: hsdsId("service_area", sid, `${from}-${to}`),
      name: from === to ? `Postcode ${from}` : `Postcodes ${from}–${to}`,
      description: from === to ? `Het postcodegebied ${from}` : `De postcodegebieden ${from} tot en met ${to}`,
    })),
  ];
  return {
    ...basic,
    organization: organizationSummary(org),
    phones,
    contacts,
    schedules: row.openingHours ? [{ id: hsdsId("schedule", sid), service_id: sid, description: row.openingHours }] : [],
    service_areas: areas.map((a) => ({ ...a, service_id: sid, extent_type: "text" as const })),
    languages: row.languages.map((code) => ({
      id: hsdsId("language", sid, code),
      service_id: sid,
      code,
      name: languageNames.of(code) ?? code,
    })),
    attributes: row.lifeDomains.flatMap((domain) => {
      const term = taxonomyTermById(taxonomyTermId(domain));
      return term
        ? [
            {
              id: hsdsId("attribute", sid, domain),
              link_id: sid,
              link_entity: "service" as const,
              taxonomy_term_id: term.id,
              taxonomy_term: term,
            },
          ]
        : [];
    }),
  };
}

export function organizationPhones(org: OrganizationRow) {
  return org.phone ? [{ id: hsdsId("phone", org.id), organization_id: org.id, number: org.phone, type: "voice" as const }] : [];
}
