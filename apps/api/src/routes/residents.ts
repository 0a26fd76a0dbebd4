import { createRoute } from "@hono/zod-openapi";
import { createRouter, json } from "../lib/openapi";
import { problemResponses } from "../lib/problem";
import { requireSession } from "../middleware/session";
import { CompleteResidentExportSchema, ResidentErasureSchema, ResidentExportSchema } from "../schemas/resident-privacy";
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
import { createCompleteResidentExport } from "../services/privacy/create-complete-resident-export";
import { eraseResident } from "../services/privacy/erase-resident";
import { exportResident } from "../services/privacy/export-resident";
import { createResident } from "../services/residents/create-resident";
import { getResident } from "../services/residents/get-resident";
import { listConsents } from "../services/residents/list-consents";
import { recordConsent } from "../services/residents/record-consent";
import { withdrawConsent } from "../services/residents/withdraw-consent";

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
  responses: { 201: json(ConsentSchema, "The consent"), ...problemResponses(400, 401, 403, 404, 415, 422) },
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

const exportResponse = json(ResidentExportSchema, "The resident's inzage export, as a JSON file");
const exportDownload = {
  ...exportResponse,
  headers: {
    ...exportResponse.headers,
    "Content-Disposition": {
      description: "Download as inzage-<residentId>.json (inzage-volledig-<residentId>.json for the complete export)",
      schema: { type: "string" as const, example: 'attachment; filename="inzage-1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f.json"' },
    },
  },
};

const exportResidentRoute = createRoute({
  operationId: "exportResident",
  method: "get",
  path: "/residents/{residentId}/export",
  tags: ["Residents", "Privacy"],
  summary: "What your side holds about a resident (a caseworker's inzage export)",
  description:
    "For caseworkers of the organization that recorded the resident: the resident record, the consents and each referral as the sender sees it — status, outcome, notes and contact attempts only as far as the resident's feedback level allows. For caseworkers of a receiving organization: the referrals it received, with only the consented data while the consent holds. The access log about the resident, as far as that side may see it. Everyone else 404. The complete AVG art. 15 answer is an admin's (POST /residents/{residentId}/complete-exports). Sent as a file download; the export itself is logged.",
  security,
  middleware: [requireSession()] as const,
  request: { params: ResidentParamsSchema },
  responses: { 200: exportDownload, ...problemResponses(400, 401, 404) },
});

const createCompleteResidentExportRoute = createRoute({
  operationId: "createCompleteResidentExport",
  method: "post",
  path: "/residents/{residentId}/complete-exports",
  tags: ["Residents", "Privacy"],
  summary: "Everything the organization holds about a resident (inzage, AVG art. 15; admins, with a reason)",
  description:
    "For admins of the organization that recorded the resident: every stored row about the resident — the record, all consents (also withdrawn), all referrals with their events, contact attempts and driegesprek, whatever the feedback level — and the whole access log about them (when, which organization, what). The reason is required and kept in the access log with the export. Workers get 403, other organizations 404. Sent as a file download; nothing is stored but the log entry.",
  security,
  middleware: [requireSession()] as const,
  request: { params: ResidentParamsSchema, body: body(CompleteResidentExportSchema) },
  responses: { 200: exportDownload, ...problemResponses(400, 401, 403, 404, 415) },
});

const eraseResidentRoute = createRoute({
  operationId: "eraseResident",
  method: "post",
  path: "/residents/{residentId}/erasure",
  tags: ["Residents", "Privacy"],
  summary: "Erase a resident's personal data (AVG art. 17; admins of the recording organization)",
  description:
    "Anonymizes the resident (name becomes 'Geanonimiseerd', other personal fields emptied) and clears the free text about them on consents, referrals, events, contact attempts and driegesprek; statuses and dates stay for the anonymous figures, the access log stays as it is. Consents still in force are withdrawn. Refused (409) while a referral is still open. Workers get 403, other organizations 404.",
  security,
  middleware: [requireSession()] as const,
  request: { params: ResidentParamsSchema },
  responses: { 200: json(ResidentErasureSchema, "Erased"), ...problemResponses(400, 401, 403, 404, 409) },
});

export const residentsRoutes = createRouter()
  .openapi(createResidentRoute, async (c) => c.json(await createResident(c.var.ctx, { resident: c.req.valid("json") }), 201))
  .openapi(getResidentRoute, async (c) =>
    c.json(await getResident(c.var.ctx, { residentId: c.req.valid("param").residentId }), 200),
  )
  .openapi(recordConsentRoute, async (c) => {
    const consent = await recordConsent(c.var.ctx, {
      residentId: c.req.valid("param").residentId,
      consent: c.req.valid("json"),
    });
    return c.json(consent, 201);
  })
  .openapi(listConsentsRoute, async (c) =>
    c.json(await listConsents(c.var.ctx, { residentId: c.req.valid("param").residentId }), 200),
  )
  .openapi(withdrawConsentRoute, async (c) => {
    const consent = await withdrawConsent(c.var.ctx, {
      consentId: c.req.valid("param").consentId,
      reason: c.req.valid("json").reason,
    });
    return c.json(consent, 200);
  })
  .openapi(exportResidentRoute, async (c) => {
    const { residentId } = c.req.valid("param");
    const file = await exportResident(c.var.ctx, { residentId });
    return c.json(file, 200, { "Content-Disposition": `attachment; filename="inzage-${residentId}.json"` });
  })
  .openapi(createCompleteResidentExportRoute, async (c) => {
    const { residentId } = c.req.valid("param");
    const file = await createCompleteResidentExport(c.var.ctx, { residentId, reason: c.req.valid("json").reason });
    return c.json(file, 200, { "Content-Disposition": `attachment; filename="inzage-volledig-${residentId}.json"` });
  })
  .openapi(eraseResidentRoute, async (c) =>
    c.json(await eraseResident(c.var.ctx, { residentId: c.req.valid("param").residentId }), 200),
  );
