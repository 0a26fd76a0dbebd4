import { createRoute } from "@hono/zod-openapi";
import { createRouter, json } from "../lib/openapi";
import { problemResponses } from "../lib/problem";
import { requireSession } from "../middleware/session";
import { AccessLogListSchema, AccessLogQuerySchema } from "../schemas/access-log";
import { listAccessLog } from "../services/privacy/list-access-log";

const listAccessLogRoute = createRoute({
  operationId: "listAccessLog",
  method: "get",
  path: "/access-log",
  tags: ["Privacy"],
  summary: "The organization's access log (admins only)",
  description:
    "Every read or change of personal data the organization holds or received: who, on behalf of which organization, when, what and why. Newest first, cursor-paginated. Members who are not admins get 403, everyone else 404. Reading the log is itself logged.",
  security: [{ cookieAuth: [] }],
  middleware: [requireSession()] as const,
  request: { query: AccessLogQuerySchema },
  responses: { 200: json(AccessLogListSchema, "A page of log entries"), ...problemResponses(400, 401, 403, 404) },
});

export const accessLogRoutes = createRouter().openapi(listAccessLogRoute, async (c) =>
  c.json(await listAccessLog(c.var.ctx, c.req.valid("query")), 200),
);
