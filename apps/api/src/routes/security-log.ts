import { createRoute } from "@hono/zod-openapi";
import { createRouter, json } from "../lib/openapi";
import { problemResponses } from "../lib/problem";
import { requireSession } from "../middleware/session";
import { SecurityEventListSchema, SecurityLogQuerySchema } from "../schemas/security-log";
import { listSecurityEvents } from "../services/security-log/list-security-events";

const listSecurityEventsRoute = createRoute({
  operationId: "listSecurityEvents",
  method: "get",
  path: "/security-log",
  tags: ["Privacy"],
  summary: "The security log (network admins only)",
  description:
    "Refused requests (403/404 on a signed-in request, the CSRF check) and failed or throttled sign-ins across the network, newest first, cursor-paginated. Each event has its kind, the route template (never the concrete address), the status, the request id and a hash of the client address. Only network admins may read it; anyone else signed in gets 403. Events are kept for a year.",
  security: [{ cookieAuth: [] }],
  middleware: [requireSession()] as const,
  request: { query: SecurityLogQuerySchema },
  responses: { 200: json(SecurityEventListSchema, "A page of security events"), ...problemResponses(400, 401, 403) },
});

export const securityLogRoutes = createRouter().openapi(listSecurityEventsRoute, async (c) =>
  c.json(await listSecurityEvents(c.var.ctx, c.req.valid("query")), 200),
);
