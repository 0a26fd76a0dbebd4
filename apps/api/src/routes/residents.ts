import { createRoute } from "@hono/zod-openapi";
import { createRouter, json } from "../lib/openapi";
import { problemResponses } from "../lib/problem";
import { serviceContext } from "../lib/request";
import { actorOf, requireSession } from "../middleware/session";
import {
  ConsentCreateSchema,
  ConsentListSchema,
  ConsentParamsSchema,
  ConsentSchema,
  ConsentWithdrawalSchema,
  ResidentCreateSchema,
  ResidentParamsSchema,
  ResidentSchema,
} from "../schemas/residents";
import { withdrawReferralsForConsent } from "../services/referrals/move";
import { createResident, getResident, listConsents, recordConsent, withdrawConsent } from "../services/residents/residents";

const security = [{ cookieAuth: [] }];
const body = <T>(schema: T) => ({ required: true, content: { "application/json": { schema } } });

const createResidentRoute = createRoute({
  operationId: "createResident",
  method: "post",
  path: "/residents",
  tags: ["Residents"],
  summary: "Record a resident (sending organization)",
  description: "Minimal data only; there is no BSN. Writes the access log.",
  security,
  middleware: [requireSession()] as const,
  request: { body: body(ResidentCreateSchema) },
  responses: { 201: json(ResidentSchema, "The resident"), ...problemResponses(400, 401, 403, 404, 415) },
});

const getResidentRoute = createRoute({
  operationId: "getResident",
  method: "get",
  path: "/residents/{residentId}",
  tags: ["Residents"],
  summary: "A resident (caseworkers of the organization that recorded them)",
  security,
  middleware: [requireSession()] as const,
  request: { params: ResidentParamsSchema },
  responses: { 200: json(ResidentSchema, "The resident"), ...problemResponses(400, 401, 404) },
});

const recordConsentRoute = createRoute({
  operationId: "recordConsent",
  method: "post",
  path: "/residents/{residentId}/consents",
  tags: ["Residents"],
  summary: "Record the resident's consent for one receiving organization",
  security,
  middleware: [requireSession()] as const,
  request: { params: ResidentParamsSchema, body: body(ConsentCreateSchema) },
  responses: { 201: json(ConsentSchema, "The consent"), ...problemResponses(400, 401, 403, 404, 415) },
});

const listConsentsRoute = createRoute({
  operationId: "listConsents",
  method: "get",
  path: "/residents/{residentId}/consents",
  tags: ["Residents"],
  summary: "The resident's consents, newest first",
  security,
  middleware: [requireSession()] as const,
  request: { params: ResidentParamsSchema },
  responses: { 200: json(ConsentListSchema, "The consents"), ...problemResponses(400, 401, 404) },
});

const withdrawConsentRoute = createRoute({
  operationId: "withdrawConsent",
  method: "post",
  path: "/consents/{consentId}/withdrawal",
  tags: ["Residents"],
  summary: "The resident withdraws consent",
  description:
    "From now on the receiver no longer sees the resident's data; open referrals resting on this consent are withdrawn.",
  security,
  middleware: [requireSession()] as const,
  request: { params: ConsentParamsSchema, body: body(ConsentWithdrawalSchema) },
  responses: { 200: json(ConsentSchema, "The withdrawn consent"), ...problemResponses(400, 401, 403, 404, 415) },
});

export const residentsRoutes = createRouter()
  .openapi(createResidentRoute, async (c) =>
    c.json(await createResident(serviceContext(c), { actorUserId: actorOf(c).userId, resident: c.req.valid("json") }), 201),
  )
  .openapi(getResidentRoute, async (c) =>
    c.json(
      await getResident(serviceContext(c), { actorUserId: actorOf(c).userId, residentId: c.req.valid("param").residentId }),
      200,
    ),
  )
  .openapi(recordConsentRoute, async (c) => {
    const consent = await recordConsent(serviceContext(c), {
      actorUserId: actorOf(c).userId,
      residentId: c.req.valid("param").residentId,
      consent: c.req.valid("json"),
    });
    return c.json(consent, 201);
  })
  .openapi(listConsentsRoute, async (c) =>
    c.json(
      await listConsents(serviceContext(c), { actorUserId: actorOf(c).userId, residentId: c.req.valid("param").residentId }),
      200,
    ),
  )
  .openapi(withdrawConsentRoute, async (c) => {
    const consent = await withdrawConsent(
      serviceContext(c),
      { actorUserId: actorOf(c).userId, consentId: c.req.valid("param").consentId, reason: c.req.valid("json").reason },
      withdrawReferralsForConsent,
    );
    return c.json(consent, 200);
  });
