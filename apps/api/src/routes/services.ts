import { createRoute } from "@hono/zod-openapi";
import { lifeDomainDescriptions, lifeDomainLabels, lifeDomains } from "@schakel/core";
import { createRouter, json, sessionOrToken } from "../lib/openapi";
import { problemResponses } from "../lib/problem";
import { requireSession } from "../middleware/session";
import {
  CategoryListSchema,
  ServiceCreateSchema,
  ServiceParamsSchema,
  ServiceResponsivenessSchema,
  ServiceSchema,
  ServiceSearchQuerySchema,
  ServiceSearchSchema,
  ServiceUpdateSchema,
} from "../schemas/services";
import { createService } from "../services/sociale-kaart/create-service";
import { getService } from "../services/sociale-kaart/get-service";
import { getServiceResponsiveness } from "../services/sociale-kaart/get-service-responsiveness";
import { searchServices } from "../services/sociale-kaart/search-services";
import { updateService } from "../services/sociale-kaart/update-service";

const searchServicesRoute = createRoute({
  operationId: "searchServices",
  method: "get",
  path: "/services",
  tags: ["Sociale kaart"],
  summary: "Search the sociale kaart",
  description:
    "Public. Dutch free text with stemming, accent folding, typo tolerance and synonyms; filters; ranked (name matches first, then relevance, then fresher listings); cursor-paginated, with the total and counts per life domain.",
  request: { query: ServiceSearchQuerySchema },
  responses: { 200: json(ServiceSearchSchema, "A page of matching services"), ...problemResponses(400) },
});

const getServiceRoute = createRoute({
  operationId: "getService",
  method: "get",
  path: "/services/{serviceId}",
  tags: ["Sociale kaart"],
  summary: "One service with its organization and all contact routes",
  request: { params: ServiceParamsSchema },
  responses: { 200: json(ServiceSchema, "The service"), ...problemResponses(400, 404) },
});

const getServiceResponsivenessRoute = createRoute({
  operationId: "getServiceResponsiveness",
  method: "get",
  path: "/services/{serviceId}/responsiveness",
  tags: ["Sociale kaart"],
  summary: "How the service answers referrals",
  description:
    "Public, like the sociale kaart: aggregates of the service's referrals of the last 12 months, never a resident or a referral. Median working days to the first response, share accepted, share answered within the response target; figures is null below minimumReferrals referrals.",
  request: { params: ServiceParamsSchema },
  responses: { 200: json(ServiceResponsivenessSchema, "The service's responsiveness"), ...problemResponses(400, 404) },
});

const createServiceRoute = createRoute({
  operationId: "createService",
  method: "post",
  path: "/services",
  tags: ["Sociale kaart"],
  summary: "Add a service (admins of its organization)",
  security: sessionOrToken("services:write"),
  middleware: [requireSession()] as const,
  request: { body: { required: true, content: { "application/json": { schema: ServiceCreateSchema } } } },
  responses: { 201: json(ServiceSchema, "The new service"), ...problemResponses(400, 401, 403, 404, 415) },
});

const updateServiceRoute = createRoute({
  operationId: "updateService",
  method: "patch",
  path: "/services/{serviceId}",
  tags: ["Sociale kaart"],
  summary: "Change or deactivate a service (admins of its organization)",
  description: "Every change stamps lastVerifiedAt. Deactivate with status inactive, temporarily_closed or defunct.",
  security: sessionOrToken("services:write"),
  middleware: [requireSession()] as const,
  request: {
    params: ServiceParamsSchema,
    body: { required: true, content: { "application/json": { schema: ServiceUpdateSchema } } },
  },
  responses: { 200: json(ServiceSchema, "The changed service"), ...problemResponses(400, 401, 403, 404, 415, 422) },
});

const listCategoriesRoute = createRoute({
  operationId: "listCategories",
  method: "get",
  path: "/categories",
  tags: ["Sociale kaart"],
  summary: "The life domains, with Dutch labels",
  responses: { 200: json(CategoryListSchema, "All life domains"), ...problemResponses(500) },
});

const categories = {
  data: lifeDomains.map((id) => ({ id, label: lifeDomainLabels[id], description: lifeDomainDescriptions[id] })),
};

export const servicesRoutes = createRouter()
  .openapi(searchServicesRoute, async (c) => c.json(await searchServices(c.var.ctx.db, c.req.valid("query")), 200))
  .openapi(getServiceRoute, async (c) => c.json(await getService(c.var.ctx.db, c.req.valid("param").serviceId), 200))
  .openapi(getServiceResponsivenessRoute, async (c) =>
    c.json(await getServiceResponsiveness(c.var.ctx, { serviceId: c.req.valid("param").serviceId }), 200),
  )
  .openapi(createServiceRoute, async (c) => {
    const service = await createService(c.var.ctx, { service: c.req.valid("json") });
    return c.json(service, 201);
  })
  .openapi(updateServiceRoute, async (c) => {
    const service = await updateService(c.var.ctx, {
      serviceId: c.req.valid("param").serviceId,
      changes: c.req.valid("json"),
    });
    return c.json(service, 200);
  })
  .openapi(listCategoriesRoute, (c) => c.json(categories, 200));
