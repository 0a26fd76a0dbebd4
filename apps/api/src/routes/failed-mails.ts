import { createRoute } from "@hono/zod-openapi";
import { createRouter, json } from "../lib/openapi";
import { problemResponses } from "../lib/problem";
import { requireSession } from "../middleware/session";
import { FailedMailListSchema, FailedMailParamsSchema, FailedMailRetrySchema } from "../schemas/failed-mails";
import { OrganizationParamsSchema } from "../schemas/organizations";
import { listFailedMails } from "../services/notifications/list-failed-mails";
import { retryFailedMail } from "../services/notifications/retry-failed-mail";

const security = [{ cookieAuth: [] }];

const listFailedMailsRoute = createRoute({
  operationId: "listFailedMails",
  method: "get",
  path: "/organizations/{organizationId}/failed-mails",
  tags: ["Organizations"],
  summary: "Mails to the organization that could not be delivered (admins only)",
  description: "Mails Schakel gave up on after retrying for about two days: recipient, kind, time and attempts — never the text.",
  security,
  middleware: [requireSession()] as const,
  request: { params: OrganizationParamsSchema },
  responses: { 200: json(FailedMailListSchema, "Undelivered mails"), ...problemResponses(400, 401, 403, 404) },
});

const retryFailedMailRoute = createRoute({
  operationId: "retryFailedMail",
  method: "post",
  path: "/organizations/{organizationId}/failed-mails/{mailId}/retries",
  tags: ["Organizations"],
  summary: "Try to deliver an undelivered mail once more (admins only)",
  description: "One attempt, now. Sent, the mail leaves the list; failed, it stays on it.",
  security,
  middleware: [requireSession()] as const,
  request: { params: FailedMailParamsSchema },
  responses: { 200: json(FailedMailRetrySchema, "The outcome of the attempt"), ...problemResponses(400, 401, 403, 404) },
});

export const failedMailsRoutes = createRouter()
  .openapi(listFailedMailsRoute, async (c) => c.json(await listFailedMails(c.var.ctx, c.req.valid("param")), 200))
  .openapi(retryFailedMailRoute, async (c) => c.json(await retryFailedMail(c.var.ctx, c.req.valid("param")), 200));
