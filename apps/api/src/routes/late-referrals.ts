import { createRoute } from "@hono/zod-openapi";
import { createRouter, json } from "../lib/openapi";
import { problemResponses } from "../lib/problem";
import { requireSession } from "../middleware/session";
import { LateReferralListQuerySchema, LateReferralListSchema } from "../schemas/late-referrals";
import { listLateReferrals } from "../services/referrals/list-late-referrals";

const listLateReferralsRoute = createRoute({
  operationId: "listLateReferrals",
  method: "get",
  path: "/late-referrals",
  tags: ["Referrals"],
  summary: 'The coordinator\'s "Te laat" list: open referrals whose sender was told the receiver is late',
  description:
    "For network coordinators (a coordinator membership in any organization): the whole network, longest late first. A reference, the service, both organizations, a masked status and how long it is late — never the resident, no free text. Others get 403.",
  security: [{ cookieAuth: [] }],
  middleware: [requireSession()] as const,
  request: { query: LateReferralListQuerySchema },
  responses: { 200: json(LateReferralListSchema, "A page of late referrals"), ...problemResponses(400, 401, 403) },
});

export const lateReferralsRoutes = createRouter().openapi(listLateReferralsRoute, async (c) =>
  c.json(await listLateReferrals(c.var.ctx, c.req.valid("query")), 200),
);
