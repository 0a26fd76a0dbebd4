import { createRoute } from "@hono/zod-openapi";
import { createRouter, json } from "../lib/openapi";
import { problemResponses } from "../lib/problem";
import {
  OrganizationListQuerySchema,
  OrganizationListSchema,
  OrganizationParamsSchema,
  OrganizationSchema,
} from "../schemas/organizations";
import { getOrganization } from "../services/organizations/get-organization";
import { listOrganizations } from "../services/organizations/list-organizations";

const listOrganizationsRoute = createRoute({
  operationId: "listOrganizations",
  method: "get",
  path: "/organizations",
  tags: ["Organizations"],
  summary: "The organizations in the network",
  description: "Public: the network is part of the sociale kaart. Sorted by name, cursor-paginated.",
  request: { query: OrganizationListQuerySchema },
  responses: { 200: json(OrganizationListSchema, "A page of organizations"), ...problemResponses(400) },
});

const getOrganizationRoute = createRoute({
  operationId: "getOrganization",
  method: "get",
  path: "/organizations/{organizationId}",
  tags: ["Organizations"],
  summary: "One organization",
  request: { params: OrganizationParamsSchema },
  responses: { 200: json(OrganizationSchema, "The organization"), ...problemResponses(400, 404) },
});

export const organizationsRoutes = createRouter()
  .openapi(listOrganizationsRoute, async (c) => c.json(await listOrganizations(c.var.ctx.db, c.req.valid("query")), 200))
  .openapi(getOrganizationRoute, async (c) =>
    c.json(await getOrganization(c.var.ctx.db, c.req.valid("param").organizationId), 200),
  );
