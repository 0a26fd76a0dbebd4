import { createRoute, z } from "@hono/zod-openapi";
import { API_VERSION, createRouter, json, sessionOrToken } from "../lib/openapi";
import { HttpProblem, problemResponses } from "../lib/problem";
import { requireSession } from "../middleware/session";
import {
  OverviewQuerySchema,
  OverviewSchema,
  OverviewVisitSchema,
  ReferralListQuerySchema,
  ReferralListSchema,
  ReferralUpdateSchema,
} from "../schemas/referral-lists";
import { ReferralCreateSchema, ReferralParamsSchema, ReferralSchema, ReferralTransitionSchema } from "../schemas/referrals";
import { createReferral } from "../services/referrals/create-referral";
import { getOverview } from "../services/referrals/get-overview";
import { getReferral } from "../services/referrals/get-referral";
import { getReferralFhir } from "../services/referrals/get-referral-fhir";
import { listReferrals } from "../services/referrals/list-referrals";
import { recordOverviewVisit } from "../services/referrals/record-overview-visit";
import { transitionReferral } from "../services/referrals/transition-referral";
import { updateReferral } from "../services/referrals/update-referral";

const security = [{ cookieAuth: [] }];
const etag = (version: number) => `"${version}"`;

const IdempotencyHeaderSchema = z.object({
  "idempotency-key": z
    .string()
    .min(8)
    .max(200)
    .optional()
    .openapi({
      param: { name: "idempotency-key", in: "header" },
      description: "Makes retries safe: the same key and body return the same referral",
      example: "c0a8012e-7f3b-4e1a-9d2c-5b6a7e8f9a0b",
    }),
});

const IfMatchHeaderSchema = z.object({
  "if-match": z
    .string()
    .optional()
    .openapi({
      param: { name: "if-match", in: "header" },
      description: "The ETag of the version you saw (required)",
      example: '"3"',
    }),
});

const createReferralRoute = createRoute({
  operationId: "createReferral",
  method: "post",
  path: "/referrals",
  tags: ["Referrals"],
  summary: "Refer a resident to a service",
  description:
    "Requires valid consent covering the receiver and the data categories (or the Wgs between municipal debt help and its contracted providers). A second open referral of the resident to the same service is refused (409, with `related`).",
  security,
  middleware: [requireSession()] as const,
  request: {
    headers: IdempotencyHeaderSchema,
    body: { required: true, content: { "application/json": { schema: ReferralCreateSchema } } },
  },
  responses: {
    201: json(ReferralSchema, "The referral (also for a replayed Idempotency-Key)", { etag: true }),
    ...problemResponses(400, 401, 403, 404, 409, 415, 422),
  },
});

const getReferralRoute = createRoute({
  operationId: "getReferral",
  method: "get",
  path: "/referrals/{referralId}",
  tags: ["Referrals"],
  summary: "One referral, as your side may see it",
  description: "Only the sending and receiving organizations see a referral. The receiver's first read marks it received.",
  security: sessionOrToken("referrals:read"),
  middleware: [requireSession()] as const,
  request: { params: ReferralParamsSchema },
  responses: { 200: json(ReferralSchema, "The referral", { etag: true }), ...problemResponses(400, 401, 403, 404) },
});

const FhirBundleSchema = z
  .object({
    resourceType: z.literal("Bundle"),
    id: z.string(),
    type: z.literal("collection"),
    timestamp: z.string(),
    entry: z.array(
      z.object({
        fullUrl: z.string().openapi({ example: "urn:uuid:3f2b8c1e-4d5a-4b6c-8e7f-9a0b1c2d3e4f" }),
        resource: z
          .object({ resourceType: z.enum(["Task", "ServiceRequest", "Consent"]), id: z.string() })
          .passthrough()
          .openapi({ description: "A FHIR R4 resource" }),
      }),
    ),
  })
  .openapi("FhirReferralBundle", {
    description:
      "A FHIR R4 Bundle (type collection): the Task (status from the lifecycle as your side sees it: for the sender within the resident's feedback level, `closed` as completed), the ServiceRequest and, when the referral rests on consent, the Consent. The resident is named only where your view names them.",
  });

const getReferralFhirRoute = createRoute({
  operationId: "getReferralFhir",
  method: "get",
  path: "/referrals/{referralId}/fhir",
  tags: ["Referrals"],
  summary: "One referral as a FHIR R4 Bundle, as your side may see it",
  description:
    "The same referral as GET /referrals/{referralId}, within what your side may see, as FHIR R4 (Task, ServiceRequest, Consent). Read and logged like that: the receiver's first read marks it received.",
  security: sessionOrToken("referrals:read"),
  middleware: [requireSession()] as const,
  request: { params: ReferralParamsSchema },
  responses: {
    200: {
      description: "The referral as a FHIR R4 Bundle",
      headers: {
        "API-Version": { description: "Full semver version of the API", schema: { type: "string", example: API_VERSION } },
      },
      content: { "application/fhir+json": { schema: FhirBundleSchema } },
    },
    ...problemResponses(400, 401, 404),
  },
});

const transitionReferralRoute = createRoute({
  operationId: "transitionReferral",
  method: "post",
  path: "/referrals/{referralId}/transitions",
  tags: ["Referrals"],
  summary: "Move a referral along its lifecycle",
  description:
    "Send If-Match with the ETag you saw; a stale one gets 412. Declining needs a reason, completing an outcome, not_reached a logged contact attempt.",
  security: sessionOrToken("referrals:write"),
  middleware: [requireSession()] as const,
  request: {
    params: ReferralParamsSchema,
    headers: IfMatchHeaderSchema,
    body: { required: true, content: { "application/json": { schema: ReferralTransitionSchema } } },
  },
  responses: {
    200: json(ReferralSchema, "The moved referral", { etag: true }),
    ...problemResponses(400, 401, 403, 404, 409, 412, 415, 422, 428),
  },
});

const listReferralsRoute = createRoute({
  operationId: "listReferrals",
  method: "get",
  path: "/referrals",
  tags: ["Referrals"],
  summary: "Inbox or outbox: your organizations' received or sent referrals",
  description:
    "Overdue first, then urgent, then the one waiting longest; cursor-paginated. Items are compact; the resident's name only for the sender and, while consent holds and contact details were shared, for the receiver. Pages that show names are written to the access log.",
  security: sessionOrToken("referrals:read"),
  middleware: [requireSession()] as const,
  request: { query: ReferralListQuerySchema },
  responses: { 200: json(ReferralListSchema, "A page of referrals"), ...problemResponses(400, 401, 403, 404) },
});

const updateReferralRoute = createRoute({
  operationId: "updateReferral",
  method: "patch",
  path: "/referrals/{referralId}",
  tags: ["Referrals"],
  summary: "Assign the receiver's worker (receiving organization only)",
  description:
    "Send If-Match with the ETag you saw; a stale one gets 412. The worker must be an active worker or admin of the receiving organization (else 422); null takes them off. The assigned worker is notified.",
  security: sessionOrToken("referrals:write"),
  middleware: [requireSession()] as const,
  request: {
    params: ReferralParamsSchema,
    headers: IfMatchHeaderSchema,
    body: { required: true, content: { "application/json": { schema: ReferralUpdateSchema } } },
  },
  responses: {
    200: json(ReferralSchema, "The updated referral", { etag: true }),
    ...problemResponses(400, 401, 403, 404, 409, 412, 415, 422, 428),
  },
});

const getOverviewRoute = createRoute({
  operationId: "getOverview",
  method: "get",
  path: "/me/overview",
  tags: ["Referrals"],
  summary: "Your start page: your organizations' sent referrals at a glance",
  description:
    "Counts of the outbox — all, open, overdue, declined with a suggested service, closed — and how many changed (as the sender is shown them, within each resident's feedback level) since your last visit (lastVisitAt). The items come from GET /referrals?box=outbox with the same filters (changedSince=lastVisitAt, overdue, suggestion, status). Reading does not mark the visit: PUT /me/overview-visit does.",
  security,
  middleware: [requireSession()] as const,
  request: { query: OverviewQuerySchema },
  responses: { 200: json(OverviewSchema, "The counts"), ...problemResponses(400, 401, 404) },
});

const recordOverviewVisitRoute = createRoute({
  operationId: "recordOverviewVisit",
  method: "put",
  path: "/me/overview-visit",
  tags: ["Referrals"],
  summary: "Mark your visit to the overview",
  description: "The next GET /me/overview counts what changed since now. Repeating it only moves the moment.",
  security,
  middleware: [requireSession()] as const,
  responses: { 200: json(OverviewVisitSchema, "The visit is recorded"), ...problemResponses(400, 401, 403) },
});

function expectedVersion(ifMatch: string | undefined): number {
  const match = ifMatch && /^(?:W\/)?"?(\d+)"?$/.exec(ifMatch.trim());
  if (!match?.[1]) {
    throw new HttpProblem(
      "if-match-required",
      "Stuur de versie mee die je zag (If-Match), zodat niemand ongemerkt andermans wijziging overschrijft.",
    );
  }
  return Number(match[1]);
}

export const referralsRoutes = createRouter()
  .openapi(getOverviewRoute, async (c) => c.json(await getOverview(c.var.ctx, c.req.valid("query")), 200))
  .openapi(recordOverviewVisitRoute, async (c) => c.json(await recordOverviewVisit(c.var.ctx), 200))
  .openapi(listReferralsRoute, async (c) => c.json(await listReferrals(c.var.ctx, c.req.valid("query")), 200))
  .openapi(createReferralRoute, async (c) => {
    const { view, replayed } = await createReferral(c.var.ctx, {
      referral: c.req.valid("json"),
      idempotencyKey: c.req.valid("header")["idempotency-key"],
    });
    c.header("ETag", etag(view.version));
    c.header("Location", `/api/v1/referrals/${view.id}`);
    if (replayed) c.header("Idempotent-Replayed", "true");
    return c.json(view, 201);
  })
  .openapi(getReferralRoute, async (c) => {
    const view = await getReferral(c.var.ctx, {
      referralId: c.req.valid("param").referralId,
    });
    c.header("ETag", etag(view.version));
    return c.json(view, 200);
  })
  .openapi(getReferralFhirRoute, async (c) => {
    const bundle = await getReferralFhir(c.var.ctx, { referralId: c.req.valid("param").referralId });
    // FHIR's own media type (FHIR R4 http.html#mime); the body is plain JSON.
    return c.json(bundle, 200, { "Content-Type": "application/fhir+json; charset=utf-8" });
  })
  .openapi(transitionReferralRoute, async (c) => {
    const view = await transitionReferral(c.var.ctx, {
      referralId: c.req.valid("param").referralId,
      expectedVersion: expectedVersion(c.req.valid("header")["if-match"]),
      transition: c.req.valid("json"),
    });
    c.header("ETag", etag(view.version));
    return c.json(view, 200);
  })
  .openapi(updateReferralRoute, async (c) => {
    const view = await updateReferral(c.var.ctx, {
      referralId: c.req.valid("param").referralId,
      expectedVersion: expectedVersion(c.req.valid("header")["if-match"]),
      assignedUserId: c.req.valid("json").assignedUserId,
    });
    c.header("ETag", etag(view.version));
    return c.json(view, 200);
  });
