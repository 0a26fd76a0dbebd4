import { createRoute, z } from "@hono/zod-openapi";
import { API_VERSION, createRouter, json, sessionOrToken } from "../lib/openapi";
import { problemResponses } from "../lib/problem";
import { requireSession } from "../middleware/session";
import { PageQuerySchema } from "../schemas/common";
import {
  ContactAttemptCreateSchema,
  ContactAttemptListSchema,
  ContactAttemptSchema,
  DriegesprekConfirmationSchema,
  DriegesprekOutcomeSchema,
  DriegesprekProposalSchema,
  DriegesprekSchema,
  ReferralEventListSchema,
  ReferralMessageCreateSchema,
  ReferralMessageListSchema,
  ReferralMessageSchema,
} from "../schemas/referral-activity";
import { ReferralParamsSchema } from "../schemas/referrals";
import { confirmDriegesprek } from "../services/referrals/confirm-driegesprek";
import { createContactAttempt } from "../services/referrals/create-contact-attempt";
import { createReferralMessage } from "../services/referrals/create-referral-message";
import { getDriegesprek } from "../services/referrals/get-driegesprek";
import { getDriegesprekCalendar } from "../services/referrals/get-driegesprek-calendar";
import { listContactAttempts } from "../services/referrals/list-contact-attempts";
import { listReferralEvents } from "../services/referrals/list-referral-events";
import { listReferralMessages } from "../services/referrals/list-referral-messages";
import { proposeDriegesprek } from "../services/referrals/propose-driegesprek";
import { recordDriegesprekOutcome } from "../services/referrals/record-driegesprek-outcome";

/**
 * What happens on a referral besides its status: the timeline both sides see, messages between
 * them, the receiver's contact attempts and the driegesprek (DESIGN.md "The referral, end to end").
 */

const tags = ["Referral activity"];
const body = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { "application/json": { schema } },
});

const listReferralEventsRoute = createRoute({
  operationId: "listReferralEvents",
  method: "get",
  path: "/referrals/{referralId}/events",
  tags,
  summary: "Everything that happened on a referral, oldest first",
  description:
    "Moves, messages, contact attempts and driegesprek changes, for both sides. Names of people are shown only to their own organization. The sender does not see outcome notes unless the resident chose feedback level outcome; a receiver that lost access to the resident does not see text written by people.",
  security: sessionOrToken("referrals:read"),
  middleware: [requireSession()] as const,
  request: { params: ReferralParamsSchema, query: PageQuerySchema },
  responses: { 200: json(ReferralEventListSchema, "The events"), ...problemResponses(400, 401, 403, 404) },
});

const listMessagesRoute = createRoute({
  operationId: "listReferralMessages",
  method: "get",
  path: "/referrals/{referralId}/messages",
  tags,
  summary: "Messages between the sending and the receiving organization, oldest first",
  description:
    "Messages may hold personal data: reading them is written to the access log. After consent is withdrawn the receiver sees that a message was sent, not what it says (textHidden consent_withdrawn).",
  security: sessionOrToken("referrals:read"),
  middleware: [requireSession()] as const,
  request: { params: ReferralParamsSchema, query: PageQuerySchema },
  responses: { 200: json(ReferralMessageListSchema, "The messages"), ...problemResponses(400, 401, 403, 404) },
});

const postMessageRoute = createRoute({
  operationId: "createReferralMessage",
  method: "post",
  path: "/referrals/{referralId}/messages",
  tags,
  summary: "Send the other side a message about the referral",
  description:
    "Either side, while the referral is open (409 once closed). The other side gets a notification that names the service, never the resident.",
  security: sessionOrToken("referrals:write"),
  middleware: [requireSession()] as const,
  request: { params: ReferralParamsSchema, body: body(ReferralMessageCreateSchema) },
  responses: {
    201: json(ReferralMessageSchema, "The message"),
    ...problemResponses(400, 401, 403, 404, 409, 415),
  },
});

const listContactAttemptsRoute = createRoute({
  operationId: "listContactAttempts",
  method: "get",
  path: "/referrals/{referralId}/contact-attempts",
  tags,
  summary: "The receiver's attempts to reach the resident, oldest first",
  description: "Both sides see them.",
  security: sessionOrToken("referrals:read"),
  middleware: [requireSession()] as const,
  request: { params: ReferralParamsSchema, query: PageQuerySchema },
  responses: { 200: json(ContactAttemptListSchema, "The contact attempts"), ...problemResponses(400, 401, 403, 404) },
});

const logContactAttemptRoute = createRoute({
  operationId: "createContactAttempt",
  method: "post",
  path: "/referrals/{referralId}/contact-attempts",
  tags,
  summary: "Log an attempt to reach the resident",
  description:
    "Only the receiving organization (403 for the sender), only on an open referral it has accepted (409 otherwise). `at` defaults to now and may not lie in the future. 'Niet bereikt' needs at least one attempt.",
  security: sessionOrToken("referrals:write"),
  middleware: [requireSession()] as const,
  request: { params: ReferralParamsSchema, body: body(ContactAttemptCreateSchema) },
  responses: {
    201: json(ContactAttemptSchema, "The contact attempt"),
    ...problemResponses(400, 401, 403, 404, 409, 415),
  },
});

const getDriegesprekRoute = createRoute({
  operationId: "getDriegesprek",
  method: "get",
  path: "/referrals/{referralId}/driegesprek",
  tags,
  summary: "The referral's driegesprek (three-way meeting)",
  description:
    "404 with type driegesprek-not-found when none was proposed. The place may say where the resident lives: reading it is logged, and a receiver that lost access to the resident no longer sees it.",
  security: sessionOrToken("referrals:read"),
  middleware: [requireSession()] as const,
  request: { params: ReferralParamsSchema },
  responses: { 200: json(DriegesprekSchema, "The driegesprek"), ...problemResponses(400, 401, 403, 404) },
});

const proposeDriegesprekRoute = createRoute({
  operationId: "proposeDriegesprek",
  method: "put",
  path: "/referrals/{referralId}/driegesprek",
  tags,
  summary: "Propose moments for the driegesprek",
  description:
    "Either side, on an open referral. Replaces earlier proposals; a confirmed time is dropped (re-planning). 409 once it was held.",
  security: sessionOrToken("referrals:write"),
  middleware: [requireSession()] as const,
  request: { params: ReferralParamsSchema, body: body(DriegesprekProposalSchema) },
  responses: {
    200: json(DriegesprekSchema, "The driegesprek, proposed"),
    ...problemResponses(400, 401, 403, 404, 409, 415),
  },
});

const confirmDriegesprekRoute = createRoute({
  operationId: "confirmDriegesprek",
  method: "post",
  path: "/referrals/{referralId}/driegesprek/confirmation",
  tags,
  summary: "Confirm the moment and the place or video link",
  description: "Either side, after moments were proposed. The moment lies in the future; a place or a video link is required.",
  security: sessionOrToken("referrals:write"),
  middleware: [requireSession()] as const,
  request: { params: ReferralParamsSchema, body: body(DriegesprekConfirmationSchema) },
  responses: {
    200: json(DriegesprekSchema, "The driegesprek, confirmed"),
    ...problemResponses(400, 401, 403, 404, 409, 415),
  },
});

const driegesprekOutcomeRoute = createRoute({
  operationId: "recordDriegesprekOutcome",
  method: "post",
  path: "/referrals/{referralId}/driegesprek/outcome",
  tags,
  summary: "Record whether the driegesprek took place",
  description: "Either side, once the confirmed moment has come (409 before).",
  security: sessionOrToken("referrals:write"),
  middleware: [requireSession()] as const,
  request: { params: ReferralParamsSchema, body: body(DriegesprekOutcomeSchema) },
  responses: {
    200: json(DriegesprekSchema, "The driegesprek, held or not held"),
    ...problemResponses(400, 401, 403, 404, 409, 415),
  },
});

const driegesprekCalendarRoute = createRoute({
  operationId: "getDriegesprekCalendar",
  method: "get",
  path: "/referrals/{referralId}/driegesprek.ics",
  tags,
  summary: "The confirmed driegesprek as an iCalendar file",
  description:
    "One VEVENT in UTC, an hour long, with a fixed title and the place or video link; never the resident's name or details. The UID is stable per referral, so importing it again updates the event. 404 when no driegesprek is confirmed or the referral is closed. Reading the place is logged.",
  security: sessionOrToken("referrals:read"),
  middleware: [requireSession()] as const,
  request: { params: ReferralParamsSchema },
  responses: {
    200: {
      description: "The calendar file",
      headers: {
        "API-Version": { description: "Full semver version of the API", schema: { type: "string", example: API_VERSION } },
        "Content-Disposition": {
          description: "Saves as driegesprek.ics",
          schema: { type: "string", example: 'attachment; filename="driegesprek.ics"' },
        },
      },
      content: {
        "text/calendar": {
          schema: z.string().openapi({
            description: "iCalendar (RFC 5545)",
            example: "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n…\r\nEND:VCALENDAR\r\n",
          }),
        },
      },
    },
    ...problemResponses(400, 401, 403, 404),
  },
});

export const referralActivityRoutes = createRouter()
  .openapi(listReferralEventsRoute, async (c) => {
    const { referralId } = c.req.valid("param");
    const page = await listReferralEvents(c.var.ctx, {
      referralId,
      ...c.req.valid("query"),
    });
    return c.json(page, 200);
  })
  .openapi(listMessagesRoute, async (c) => {
    const { referralId } = c.req.valid("param");
    const page = await listReferralMessages(c.var.ctx, { referralId, ...c.req.valid("query") });
    return c.json(page, 200);
  })
  .openapi(postMessageRoute, async (c) => {
    const message = await createReferralMessage(c.var.ctx, {
      referralId: c.req.valid("param").referralId,
      text: c.req.valid("json").text,
    });
    return c.json(message, 201);
  })
  .openapi(listContactAttemptsRoute, async (c) => {
    const { referralId } = c.req.valid("param");
    const page = await listContactAttempts(c.var.ctx, {
      referralId,
      ...c.req.valid("query"),
    });
    return c.json(page, 200);
  })
  .openapi(logContactAttemptRoute, async (c) => {
    const attempt = await createContactAttempt(c.var.ctx, {
      referralId: c.req.valid("param").referralId,
      attempt: c.req.valid("json"),
    });
    return c.json(attempt, 201);
  })
  .openapi(getDriegesprekRoute, async (c) => {
    const view = await getDriegesprek(c.var.ctx, {
      referralId: c.req.valid("param").referralId,
    });
    return c.json(view, 200);
  })
  .openapi(proposeDriegesprekRoute, async (c) => {
    const view = await proposeDriegesprek(c.var.ctx, {
      referralId: c.req.valid("param").referralId,
      moments: c.req.valid("json").moments,
    });
    return c.json(view, 200);
  })
  .openapi(confirmDriegesprekRoute, async (c) => {
    const view = await confirmDriegesprek(c.var.ctx, {
      referralId: c.req.valid("param").referralId,
      confirmation: c.req.valid("json"),
    });
    return c.json(view, 200);
  })
  .openapi(driegesprekOutcomeRoute, async (c) => {
    const view = await recordDriegesprekOutcome(c.var.ctx, {
      referralId: c.req.valid("param").referralId,
      outcome: c.req.valid("json"),
    });
    return c.json(view, 200);
  })
  .openapi(driegesprekCalendarRoute, async (c) => {
    const ics = await getDriegesprekCalendar(c.var.ctx, {
      referralId: c.req.valid("param").referralId,
    });
    return c.body(ics, 200, {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'attachment; filename="driegesprek.ics"',
    });
  });
