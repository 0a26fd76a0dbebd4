import { foldText, queryTerms, synonymsOf } from "@schakel/core";
import { fromMultirange, organizations, services } from "@schakel/db";
import { eq, gte, type SQL, sql } from "drizzle-orm";
import type { HsdsServiceQuery } from "../../schemas/hsds";
import { schakelTaxonomy, taxonomyTermById } from "./taxonomy";
import type { ServiceRow } from "./to-hsds";

export const HSDS_VERSION = "3.0";

export const HSDS_PROFILE = "https://openreferral.org/specification/3.0";

/** GET /hsds: which HSDS this is and where its OpenAPI document lives. */
export function hsdsApiMeta(openapiUrl: string) {
  return { version: HSDS_VERSION, profile: HSDS_PROFILE, openapi_url: openapiUrl };
}

/** HSDS's paging envelope around one page of items. */
export function hsdsPage<T>(contents: T[], total: number, query: { page: number; perPage: number }) {
  const totalPages = Math.ceil(total / query.perPage);
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: query.page,
    size: contents.length,
    first_page: query.page === 1,
    last_page: query.page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

export function pageOfList<T>(all: T[], query: { page: number; perPage: number }) {
  const start = (query.page - 1) * query.perPage;
  return hsdsPage(all.slice(start, start + query.perPage), all.length, query);
}

export const organizationColumns = {
  id: organizations.id,
  name: organizations.name,
  description: organizations.description,
  email: organizations.email,
  website: organizations.website,
  phone: organizations.phone,
};

export const serviceColumns = {
  id: services.id,
  organizationId: services.organizationId,
  name: services.name,
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
  warmHandover: services.warmHandover,
  status: services.status,
  lastVerifiedAt: services.lastVerifiedAt,
};

type SelectedService = Omit<ServiceRow, "postcodeRanges"> & { postcodeRanges: string };

export const toServiceRow = (r: SelectedService): ServiceRow => ({ ...r, postcodeRanges: fromMultirange(r.postcodeRanges) });

const lexeme = (word: string) => `'${word.replace(/[^\p{L}\p{N}]/gu, "")}'`;

/**
 * `(a:* | synonym) & (b:*)`: every word, as typed as a prefix, or one of its synonyms as a whole
 * (stemmed) word, as the sociale kaart search does (ADR 0008). No typo correction here.
 */
function textQuery(search: string): string | null {
  const terms = queryTerms(search);
  if (terms.length === 0) return null;
  return terms.map((t) => `(${[`${lexeme(t)}:*`, ...synonymsOf(t).map(lexeme)].join(" | ")})`).join(" & ");
}

export function serviceFilters(query: HsdsServiceQuery): SQL[] | null {
  const filters: SQL[] = [];
  if (query.organizationId) filters.push(eq(services.organizationId, query.organizationId));
  if (query.taxonomyTermId) {
    const term = taxonomyTermById(query.taxonomyTermId);
    if (!term) return null; // not one of ours: no service has it
    filters.push(sql`${services.lifeDomains} @> array[${term.code}]::life_domain[]`);
  }
  if (query.taxonomyId && query.taxonomyId.toLowerCase() !== schakelTaxonomy.id) return null;
  if (query.modifiedAfter) filters.push(gte(services.lastVerifiedAt, new Date(query.modifiedAfter)));
  if (query.search) {
    const text = textQuery(query.search);
    if (text) filters.push(sql`${services.searchVector} @@ to_tsquery('schakel_nl', ${text})`);
  }
  return filters;
}

export const matches = (search: string | undefined, ...texts: string[]) =>
  !search || texts.some((t) => foldText(t).includes(foldText(search.trim())));
