import { createRoute } from "@hono/zod-openapi";
import { createMiddleware } from "hono/factory";
import { mailBaseUrl } from "../config";
import type { AppEnv } from "../context";
import { API_BASE, createRouter, json } from "../lib/openapi";
import { problemResponses } from "../lib/problem";
import {
  HsdsApiMetaSchema,
  HsdsIdParamsSchema,
  HsdsOrganizationPageSchema,
  HsdsOrganizationSchema,
  HsdsPageQuerySchema,
  HsdsServicePageSchema,
  HsdsServiceQuerySchema,
  HsdsServiceSchema,
  HsdsTaxonomyPageSchema,
  HsdsTaxonomySchema,
  HsdsTaxonomyTermPageSchema,
  HsdsTaxonomyTermQuerySchema,
  HsdsTaxonomyTermSchema,
  hsdsQuerySpellings,
} from "../schemas/hsds";
import { getHsdsOrganization } from "../services/hsds/get-hsds-organization";
import { getHsdsService } from "../services/hsds/get-hsds-service";
import { getHsdsTaxonomy } from "../services/hsds/get-hsds-taxonomy";
import { getHsdsTaxonomyTerm } from "../services/hsds/get-hsds-taxonomy-term";
import { hsdsApiMeta } from "../services/hsds/hsds-page";
import { listHsdsOrganizations } from "../services/hsds/list-hsds-organizations";
import { listHsdsServices } from "../services/hsds/list-hsds-services";
import { listHsdsTaxonomies } from "../services/hsds/list-hsds-taxonomies";
import { listHsdsTaxonomyTerms } from "../services/hsds/list-hsds-taxonomy-terms";

const tags = ["HSDS (Open Referral)"];
const HSDS =
  "Public, read-only, HSDS 3.0 (Open Referral). Response properties use HSDS's snake_case names — an intended exception to Schakel's camelCase, so HSDS tools read them unchanged.";
const QUERY_NOTE =
  "Query parameters are documented in camelCase (NL API Design Rules); HSDS's spellings per_page, organization_id, taxonomy_term_id, taxonomy_id and modified_after are accepted too.";

/**
 * HSDS clients send snake_case query keys; our documented keys are camelCase. Rewrites the one
 * into the other before validation, so both work and 400s name the documented key.
 */
const acceptHsdsSpellings = createMiddleware<AppEnv>(async (c, next) => {
  const url = new URL(c.req.url);
  let renamed = false;
  for (const [hsds, ours] of Object.entries(hsdsQuerySpellings)) {
    const values = url.searchParams.getAll(hsds);
    if (values.length === 0) continue;
    url.searchParams.delete(hsds);
    for (const v of values) url.searchParams.append(ours, v);
    renamed = true;
  }
  if (renamed) c.req.raw = new Request(url, c.req.raw);
  await next();
});

const getHsdsRoute = createRoute({
  operationId: "getHsdsApiMeta",
  method: "get",
  path: "/hsds",
  tags,
  summary: "HSDS: which version this API speaks",
  description: `${HSDS} The HSDS root (GET /), here under /hsds.`,
  responses: { 200: json(HsdsApiMetaSchema, "The HSDS version, profile and OpenAPI document"), ...problemResponses(500) },
});

const listServicesRoute = createRoute({
  operationId: "listHsdsServices",
  method: "get",
  path: "/hsds/services",
  tags,
  summary: "HSDS: the services, a page at a time",
  description: `${HSDS} Services in every status (status says which), ordered by name. ${QUERY_NOTE}`,
  middleware: [acceptHsdsSpellings] as const,
  request: { query: HsdsServiceQuerySchema },
  responses: { 200: json(HsdsServicePageSchema, "A page of services"), ...problemResponses(400) },
});

const getServiceRoute = createRoute({
  operationId: "getHsdsService",
  method: "get",
  path: "/hsds/services/{id}",
  tags,
  summary: "HSDS: one service, fully nested",
  description: `${HSDS} With its organization, phones, e-mail addresses, opening hours, service areas, languages and life domains (attributes).`,
  request: { params: HsdsIdParamsSchema },
  responses: { 200: json(HsdsServiceSchema, "The service"), ...problemResponses(400, 404) },
});

const listOrganizationsRoute = createRoute({
  operationId: "listHsdsOrganizations",
  method: "get",
  path: "/hsds/organizations",
  tags,
  summary: "HSDS: the organizations, a page at a time",
  description: `${HSDS} Ordered by name. ${QUERY_NOTE}`,
  middleware: [acceptHsdsSpellings] as const,
  request: { query: HsdsPageQuerySchema },
  responses: { 200: json(HsdsOrganizationPageSchema, "A page of organizations"), ...problemResponses(400) },
});

const getOrganizationRoute = createRoute({
  operationId: "getHsdsOrganization",
  method: "get",
  path: "/hsds/organizations/{id}",
  tags,
  summary: "HSDS: one organization with its services",
  description: HSDS,
  request: { params: HsdsIdParamsSchema },
  responses: { 200: json(HsdsOrganizationSchema, "The organization"), ...problemResponses(400, 404) },
});

const listTaxonomiesRoute = createRoute({
  operationId: "listHsdsTaxonomies",
  method: "get",
  path: "/hsds/taxonomies",
  tags,
  summary: "HSDS: the taxonomies (Schakel's life domains)",
  description: `${HSDS} ${QUERY_NOTE}`,
  middleware: [acceptHsdsSpellings] as const,
  request: { query: HsdsPageQuerySchema },
  responses: { 200: json(HsdsTaxonomyPageSchema, "A page of taxonomies"), ...problemResponses(400) },
});

const getTaxonomyRoute = createRoute({
  operationId: "getHsdsTaxonomy",
  method: "get",
  path: "/hsds/taxonomies/{id}",
  tags,
  summary: "HSDS: one taxonomy",
  description: HSDS,
  request: { params: HsdsIdParamsSchema },
  responses: { 200: json(HsdsTaxonomySchema, "The taxonomy"), ...problemResponses(400, 404) },
});

// HSDS names these paths /taxonomy_terms; our paths are kebab-case (NL API Design Rules), so the
// documented path is /taxonomy-terms and the HSDS spelling is served too, left out of the document.
const TERMS_NOTE = "HSDS's path /hsds/taxonomy_terms answers the same.";

const listTaxonomyTermsRoute = createRoute({
  operationId: "listHsdsTaxonomyTerms",
  method: "get",
  path: "/hsds/taxonomy-terms",
  tags,
  summary: "HSDS: the taxonomy terms (the life domains)",
  description: `${HSDS} ${TERMS_NOTE} ${QUERY_NOTE}`,
  middleware: [acceptHsdsSpellings] as const,
  request: { query: HsdsTaxonomyTermQuerySchema },
  responses: { 200: json(HsdsTaxonomyTermPageSchema, "A page of taxonomy terms"), ...problemResponses(400) },
});

const getTaxonomyTermRoute = createRoute({
  operationId: "getHsdsTaxonomyTerm",
  method: "get",
  path: "/hsds/taxonomy-terms/{id}",
  tags,
  summary: "HSDS: one taxonomy term (a life domain)",
  description: `${HSDS} ${TERMS_NOTE}`,
  request: { params: HsdsIdParamsSchema },
  responses: { 200: json(HsdsTaxonomyTermSchema, "The taxonomy term"), ...problemResponses(400, 404) },
});

const listTaxonomyTermsHsdsPath = { ...listTaxonomyTermsRoute, path: "/hsds/taxonomy_terms", hide: true };
const getTaxonomyTermHsdsPath = { ...getTaxonomyTermRoute, path: "/hsds/taxonomy_terms/{id}", hide: true };

export const hsdsRoutes = createRouter()
  .openapi(getHsdsRoute, (c) => c.json(hsdsApiMeta(`${mailBaseUrl(c.var.deps.config)}${API_BASE}/openapi.json`), 200))
  .openapi(listServicesRoute, async (c) => c.json(await listHsdsServices(c.var.ctx.db, c.req.valid("query")), 200))
  .openapi(getServiceRoute, async (c) => c.json(await getHsdsService(c.var.ctx.db, c.req.valid("param").id), 200))
  .openapi(listOrganizationsRoute, async (c) => c.json(await listHsdsOrganizations(c.var.ctx.db, c.req.valid("query")), 200))
  .openapi(getOrganizationRoute, async (c) => c.json(await getHsdsOrganization(c.var.ctx.db, c.req.valid("param").id), 200))
  .openapi(listTaxonomiesRoute, (c) => c.json(listHsdsTaxonomies(c.req.valid("query")), 200))
  .openapi(getTaxonomyRoute, (c) => c.json(getHsdsTaxonomy(c.req.valid("param").id), 200))
  .openapi(listTaxonomyTermsRoute, (c) => c.json(listHsdsTaxonomyTerms(c.req.valid("query")), 200))
  .openapi(getTaxonomyTermRoute, (c) => c.json(getHsdsTaxonomyTerm(c.req.valid("param").id), 200))
  .openapi(listTaxonomyTermsHsdsPath, (c) => c.json(listHsdsTaxonomyTerms(c.req.valid("query")), 200))
  .openapi(getTaxonomyTermHsdsPath, (c) => c.json(getHsdsTaxonomyTerm(c.req.valid("param").id), 200));
