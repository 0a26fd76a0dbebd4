import { createRoute } from "@hono/zod-openapi";
import { createRouter, json, noContent } from "../lib/openapi";
import { problemResponses } from "../lib/problem";
import { requireSession } from "../middleware/session";
import {
  ClosingDayCreateSchema,
  ClosingDayListSchema,
  ClosingDayParamsSchema,
  ClosingDaySchema,
  OrganizationCreatedSchema,
  OrganizationCreateSchema,
  OrganizationListQuerySchema,
  OrganizationListSchema,
  OrganizationParamsSchema,
  OrganizationSchema,
  OrganizationSettingsSchema,
  OrganizationSettingsUpdateSchema,
} from "../schemas/organizations";
import { createClosingDay } from "../services/organizations/create-closing-day";
import { createOrganization } from "../services/organizations/create-organization";
import { deleteClosingDay } from "../services/organizations/delete-closing-day";
import { getOrganization } from "../services/organizations/get-organization";
import { getOrganizationSettings } from "../services/organizations/get-organization-settings";
import { listClosingDays } from "../services/organizations/list-closing-days";
import { listOrganizations } from "../services/organizations/list-organizations";
import { updateOrganizationSettings } from "../services/organizations/update-organization-settings";

const security = [{ cookieAuth: [] }];

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

const createOrganizationRoute = createRoute({
  operationId: "createOrganization",
  method: "post",
  path: "/organizations",
  tags: ["Organizations"],
  summary: "Add an organization to the network and invite its first admin (network admins only)",
  description:
    "For the network's admins (the gemeente's regie, ADR 0019); anyone else signed in gets 403, an organization's admin too. The first admin gets a one-time invitation link, valid 72 hours, through the mail outbox. A name whose slug is taken is 409, an unknown municipality 422.",
  security,
  middleware: [requireSession()] as const,
  request: { body: { required: true, content: { "application/json": { schema: OrganizationCreateSchema } } } },
  responses: {
    201: json(OrganizationCreatedSchema, "Added; the invitation is queued in the outbox"),
    ...problemResponses(400, 401, 403, 409, 415, 422),
  },
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

const getOrganizationSettingsRoute = createRoute({
  operationId: "getOrganizationSettings",
  method: "get",
  path: "/organizations/{organizationId}/settings",
  tags: ["Organizations"],
  summary: "The organization's settings (admins only)",
  description: "The intake address. Workers get 403, other organizations 404.",
  security,
  middleware: [requireSession()] as const,
  request: { params: OrganizationParamsSchema },
  responses: { 200: json(OrganizationSettingsSchema, "The settings"), ...problemResponses(400, 401, 403, 404) },
});

const updateOrganizationSettingsRoute = createRoute({
  operationId: "updateOrganizationSettings",
  method: "patch",
  path: "/organizations/{organizationId}/settings",
  tags: ["Organizations"],
  summary: "Set or clear the intake address; require a second factor of workers (admins only)",
  description:
    "New referrals that nobody has picked up yet are mailed to the intake address; without one, the organization's workers are told.",
  security,
  middleware: [requireSession()] as const,
  request: {
    params: OrganizationParamsSchema,
    body: { required: true, content: { "application/json": { schema: OrganizationSettingsUpdateSchema } } },
  },
  responses: { 200: json(OrganizationSettingsSchema, "The changed settings"), ...problemResponses(400, 401, 403, 404, 415) },
});

const listClosingDaysRoute = createRoute({
  operationId: "listClosingDays",
  method: "get",
  path: "/organizations/{organizationId}/closing-days",
  tags: ["Organizations"],
  summary: "The organization's closing days (admins only)",
  description:
    "Days besides the public holidays on which it is closed; they are no working days for the referrals it receives. Earliest first, past ones included.",
  security,
  middleware: [requireSession()] as const,
  request: { params: OrganizationParamsSchema },
  responses: { 200: json(ClosingDayListSchema, "Every closing day"), ...problemResponses(400, 401, 403, 404) },
});

const createClosingDayRoute = createRoute({
  operationId: "createClosingDay",
  method: "post",
  path: "/organizations/{organizationId}/closing-days",
  tags: ["Organizations"],
  summary: "Add a closing day (admins only)",
  description: "Today or a later day (Europe/Amsterdam); a past day is 422, a day already listed 409.",
  security,
  middleware: [requireSession()] as const,
  request: {
    params: OrganizationParamsSchema,
    body: { required: true, content: { "application/json": { schema: ClosingDayCreateSchema } } },
  },
  responses: { 201: json(ClosingDaySchema, "The closing day"), ...problemResponses(400, 401, 403, 404, 409, 415, 422) },
});

const deleteClosingDayRoute = createRoute({
  operationId: "deleteClosingDay",
  method: "delete",
  path: "/organizations/{organizationId}/closing-days/{day}",
  tags: ["Organizations"],
  summary: "Remove a closing day (admins only)",
  security,
  middleware: [requireSession()] as const,
  request: { params: ClosingDayParamsSchema },
  responses: { 204: noContent("Removed"), ...problemResponses(400, 401, 403, 404) },
});

export const organizationsRoutes = createRouter()
  .openapi(listOrganizationsRoute, async (c) => c.json(await listOrganizations(c.var.ctx.db, c.req.valid("query")), 200))
  .openapi(createOrganizationRoute, async (c) => c.json(await createOrganization(c.var.ctx, c.req.valid("json")), 201))
  .openapi(getOrganizationRoute, async (c) =>
    c.json(await getOrganization(c.var.ctx.db, c.req.valid("param").organizationId), 200),
  )
  .openapi(getOrganizationSettingsRoute, async (c) => c.json(await getOrganizationSettings(c.var.ctx, c.req.valid("param")), 200))
  .openapi(updateOrganizationSettingsRoute, async (c) =>
    c.json(
      await updateOrganizationSettings(c.var.ctx, {
        organizationId: c.req.valid("param").organizationId,
        changes: c.req.valid("json"),
      }),
      200,
    ),
  )
  .openapi(listClosingDaysRoute, async (c) => c.json(await listClosingDays(c.var.ctx, c.req.valid("param")), 200))
  .openapi(createClosingDayRoute, async (c) =>
    c.json(
      await createClosingDay(c.var.ctx, { organizationId: c.req.valid("param").organizationId, closingDay: c.req.valid("json") }),
      201,
    ),
  )
  .openapi(deleteClosingDayRoute, async (c) => {
    await deleteClosingDay(c.var.ctx, c.req.valid("param"));
    return c.body(null, 204);
  });
