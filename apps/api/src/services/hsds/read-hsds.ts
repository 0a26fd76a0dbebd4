import { foldText, queryTerms, synonymsOf } from "@schakel/core";
import { type Database, fromMultirange, municipalities, organizations, services } from "@schakel/db";
import { and, asc, count, eq, gte, inArray, type SQL, sql } from "drizzle-orm";
import { notFound } from "../../lib/problem";
import type { HsdsPageQuery, HsdsServiceQuery, HsdsTaxonomyTermQuery } from "../../schemas/hsds";
import { schakelTaxonomy, taxonomyTermById, taxonomyTerms } from "./taxonomy";
import { fullService, organizationPhones, organizationSummary, type ServiceRow, serviceBasic, serviceSummary } from "./to-hsds";

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

function pageOfList<T>(all: T[], query: { page: number; perPage: number }) {
  const start = (query.page - 1) * query.perPage;
  return hsdsPage(all.slice(start, start + query.perPage), all.length, query);
}

const organizationColumns = {
  id: organizations.id,
  name: organizations.name,
  description: organizations.description,
  email: organizations.email,
  website: organizations.website,
  phone: organizations.phone,
};

const serviceColumns = {
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

const toServiceRow = (r: SelectedService): ServiceRow => ({ ...r, postcodeRanges: fromMultirange(r.postcodeRanges) });

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

function serviceFilters(query: HsdsServiceQuery): SQL[] | null {
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

/**
 * GET /hsds/services: the sociale kaart's services in every status (HSDS carries the status, and
 * a consumer syncing with modified_after must learn of closures), by name, a page at a time.
 */
export async function listHsdsServices(db: Database, query: HsdsServiceQuery) {
  const filters = serviceFilters(query);
  if (!filters) return hsdsPage([], 0, query);
  const where = and(...filters);
  const [counted] = await db.select({ total: count() }).from(services).where(where);
  const rows = await db
    .select({ service: serviceColumns, organization: organizationColumns })
    .from(services)
    .innerJoin(organizations, eq(organizations.id, services.organizationId))
    .where(where)
    .orderBy(asc(services.name), asc(services.id))
    .limit(query.perPage)
    .offset((query.page - 1) * query.perPage);
  return hsdsPage(
    rows.map((r) => serviceSummary(toServiceRow(r.service), r.organization)),
    counted?.total ?? 0,
    query,
  );
}

/** GET /hsds/services/{id}: one service with everything HSDS nests in it; 404 when unknown. */
export async function getHsdsService(db: Database, serviceId: string) {
  const [row] = await db
    .select({ service: serviceColumns, organization: organizationColumns })
    .from(services)
    .innerJoin(organizations, eq(organizations.id, services.organizationId))
    .where(eq(services.id, serviceId));
  if (!row) throw notFound("Deze dienst bestaat niet.");
  const service = toServiceRow(row.service);
  const names =
    service.municipalityCodes.length > 0
      ? await db
          .select({ code: municipalities.code, name: municipalities.name })
          .from(municipalities)
          .where(inArray(municipalities.code, service.municipalityCodes))
      : [];
  return fullService(service, row.organization, new Map(names.map((m) => [m.code, m.name])));
}

/** GET /hsds/organizations: every organization in the network, by name. */
export async function listHsdsOrganizations(db: Database, query: HsdsPageQuery) {
  const folded = query.search ? foldText(query.search.trim()) : "";
  const where = folded
    ? sql`(schakel_fold(${organizations.name}) like ${`%${folded}%`} or schakel_fold(${organizations.description}) like ${`%${folded}%`})`
    : undefined;
  const [counted] = await db.select({ total: count() }).from(organizations).where(where);
  const rows = await db
    .select(organizationColumns)
    .from(organizations)
    .where(where)
    .orderBy(asc(organizations.name), asc(organizations.id))
    .limit(query.perPage)
    .offset((query.page - 1) * query.perPage);
  return hsdsPage(rows.map(organizationSummary), counted?.total ?? 0, query);
}

/** GET /hsds/organizations/{id}: the organization with its phone and its services; 404 when unknown. */
export async function getHsdsOrganization(db: Database, organizationId: string) {
  const [org] = await db.select(organizationColumns).from(organizations).where(eq(organizations.id, organizationId));
  if (!org) throw notFound("Deze organisatie bestaat niet.");
  const rows = await db
    .select(serviceColumns)
    .from(services)
    .where(eq(services.organizationId, org.id))
    .orderBy(asc(services.name), asc(services.id));
  return {
    ...organizationSummary(org),
    phones: organizationPhones(org),
    services: rows.map((r) => serviceBasic(toServiceRow(r))),
  };
}

const matches = (search: string | undefined, ...texts: string[]) =>
  !search || texts.some((t) => foldText(t).includes(foldText(search.trim())));

/** GET /hsds/taxonomies: Schakel has one, its life domains. */
export function listHsdsTaxonomies(query: HsdsPageQuery) {
  const all = [schakelTaxonomy].filter((t) => matches(query.search, t.name, t.description));
  return pageOfList(all, query);
}

export function getHsdsTaxonomy(taxonomyId: string) {
  if (taxonomyId.toLowerCase() !== schakelTaxonomy.id) throw notFound("Deze taxonomie bestaat niet.");
  return schakelTaxonomy;
}

/** GET /hsds/taxonomy-terms: the life domains. */
export function listHsdsTaxonomyTerms(query: HsdsTaxonomyTermQuery) {
  const all = taxonomyTerms.filter(
    (t) =>
      (!query.taxonomyId || query.taxonomyId.toLowerCase() === t.taxonomy_id) &&
      matches(query.search, t.code, t.name, t.description),
  );
  return pageOfList(all, query);
}

export function getHsdsTaxonomyTerm(termId: string) {
  const term = taxonomyTermById(termId);
  if (!term) throw notFound("Deze term bestaat niet.");
  return term;
}
