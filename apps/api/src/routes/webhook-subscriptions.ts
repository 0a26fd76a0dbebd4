import { createRoute } from "@hono/zod-openapi";
import { createRouter, json, noContent } from "../lib/openapi";
import { problemResponses } from "../lib/problem";
import { requireSession } from "../middleware/session";
import {
  WebhookDeliveryListQuerySchema,
  WebhookDeliveryListSchema,
  WebhookDeliveryParamsSchema,
  WebhookDeliverySchema,
  WebhookResendResultSchema,
  WebhookSecretRotatedSchema,
  WebhookSubscriptionCreatedSchema,
  WebhookSubscriptionCreateSchema,
  WebhookSubscriptionListQuerySchema,
  WebhookSubscriptionListSchema,
  WebhookSubscriptionParamsSchema,
  WebhookSubscriptionSchema,
  WebhookSubscriptionTestedSchema,
  WebhookSubscriptionUpdatedSchema,
  WebhookSubscriptionUpdateSchema,
} from "../schemas/webhook-subscriptions";
import { createSubscription } from "../services/webhooks/create-subscription";
import { deleteSubscription } from "../services/webhooks/delete-subscription";
import { getSubscription } from "../services/webhooks/get-subscription";
import { listDeliveries } from "../services/webhooks/list-deliveries";
import { listSubscriptions } from "../services/webhooks/list-subscriptions";
import { resendDelivery, resendFailedDeliveries } from "../services/webhooks/resend";
import { rotateSecret } from "../services/webhooks/rotate-secret";
import { testSubscription } from "../services/webhooks/test-subscription";
import { updateSubscription } from "../services/webhooks/update-subscription";

const security = [{ cookieAuth: [] }];
const tags = ["Webhooks"];
const admins =
  "For the organization's active admins, signed in: a worker gets 403, anyone outside the organization 404, as for an id that does not exist.";
const testExplained =
  "The test event is a CloudEvent of type `nl.schakel.webhook.test` whose data holds only the subscription's id, signed like every delivery (Standard Webhooks: `webhook-id`, `webhook-timestamp`, `webhook-signature`); the address must answer it with 2xx within 10 seconds.";

const createSubscriptionRoute = createRoute({
  operationId: "createWebhookSubscription",
  method: "post",
  path: "/webhook-subscriptions",
  tags,
  summary: "Subscribe your system to events (admins only)",
  description: `The address must be https:// on the public internet (checked after DNS resolution, and again at every delivery); a refused address is 422 \`callback-refused\` and nothing is stored. Otherwise the subscription is stored and its address gets a signed test event. ${testExplained} Answered 2xx, the subscription is live at once (\`state\` live); if not, it is kept unverified — it gets no events — and \`test\` says why; test it again with POST …/tests. The signing \`secret\` is in this answer only. ${admins} Written to the organization's access log.`,
  security,
  middleware: [requireSession()] as const,
  request: { body: { required: true, content: { "application/json": { schema: WebhookSubscriptionCreateSchema } } } },
  responses: {
    201: json(WebhookSubscriptionCreatedSchema, "Stored, with the secret (shown once) and how the test went"),
    ...problemResponses(400, 401, 403, 404, 415, 422),
  },
});

const listSubscriptionsRoute = createRoute({
  operationId: "listWebhookSubscriptions",
  method: "get",
  path: "/webhook-subscriptions",
  tags,
  summary: "Your organization's webhook subscriptions (admins only)",
  description: `Oldest first; never a secret. ${admins}`,
  security,
  middleware: [requireSession()] as const,
  request: { query: WebhookSubscriptionListQuerySchema },
  responses: { 200: json(WebhookSubscriptionListSchema, "The subscriptions"), ...problemResponses(400, 401, 403, 404) },
});

const getSubscriptionRoute = createRoute({
  operationId: "getWebhookSubscription",
  method: "get",
  path: "/webhook-subscriptions/{subscriptionId}",
  tags,
  summary: "One webhook subscription (admins only)",
  description: `Never its secret. ${admins}`,
  security,
  middleware: [requireSession()] as const,
  request: { params: WebhookSubscriptionParamsSchema },
  responses: { 200: json(WebhookSubscriptionSchema, "The subscription"), ...problemResponses(400, 401, 403, 404) },
});

const updateSubscriptionRoute = createRoute({
  operationId: "updateWebhookSubscription",
  method: "patch",
  path: "/webhook-subscriptions/{subscriptionId}",
  tags,
  summary: "Change a webhook subscription, or switch it off or on (admins only)",
  description: `A new \`url\` is checked as on creation (422 when refused; nothing changes), makes the subscription unverified and gets the test event at once: only a 2xx makes it live again (\`test\` says how it went). Switched off (\`active\` false), it gets no events; switched on, it is live again if its address was verified. ${admins} Written to the access log.`,
  security,
  middleware: [requireSession()] as const,
  request: {
    params: WebhookSubscriptionParamsSchema,
    body: { required: true, content: { "application/json": { schema: WebhookSubscriptionUpdateSchema } } },
  },
  responses: {
    200: json(WebhookSubscriptionUpdatedSchema, "The changed subscription"),
    ...problemResponses(400, 401, 403, 404, 415, 422),
  },
});

const deleteSubscriptionRoute = createRoute({
  operationId: "deleteWebhookSubscription",
  method: "delete",
  path: "/webhook-subscriptions/{subscriptionId}",
  tags,
  summary: "Remove a webhook subscription and its delivery log (admins only)",
  description: `What was still waiting for it is not sent. ${admins} Written to the access log.`,
  security,
  middleware: [requireSession()] as const,
  request: { params: WebhookSubscriptionParamsSchema },
  responses: { 204: noContent("Removed"), ...problemResponses(400, 401, 403, 404) },
});

const rotateSecretRoute = createRoute({
  operationId: "rotateWebhookSecret",
  method: "post",
  path: "/webhook-subscriptions/{subscriptionId}/secret-rotations",
  tags,
  summary: "A new signing secret (admins only)",
  description: `The new secret is in this answer only. For 24 hours (\`previousSecretExpiresAt\`) every delivery is signed with the new and the previous secret (two \`v1,…\` signatures in \`webhook-signature\`), so the receiver can switch over without missing an event; a second rotation within that time drops the oldest secret at once. ${admins} Written to the access log.`,
  security,
  middleware: [requireSession()] as const,
  request: { params: WebhookSubscriptionParamsSchema },
  responses: {
    201: json(WebhookSecretRotatedSchema, "The new secret (shown once)"),
    ...problemResponses(400, 401, 403, 404),
  },
});

const testSubscriptionRoute = createRoute({
  operationId: "testWebhookSubscription",
  method: "post",
  path: "/webhook-subscriptions/{subscriptionId}/tests",
  tags,
  summary: "Send the signed test event again (admins only)",
  description: `${testExplained} A 2xx makes an unverified subscription live. A failed test leaves a live subscription live (its deliveries are retried on their own) and says why (the status code, a timeout, a refused address). ${admins} Written to the access log.`,
  security,
  middleware: [requireSession()] as const,
  request: { params: WebhookSubscriptionParamsSchema },
  responses: {
    200: json(WebhookSubscriptionTestedSchema, "How the test went, and the subscription after it"),
    ...problemResponses(400, 401, 403, 404),
  },
});

const listDeliveriesRoute = createRoute({
  operationId: "listWebhookDeliveries",
  method: "get",
  path: "/webhook-subscriptions/{subscriptionId}/deliveries",
  tags,
  summary: "A subscription's delivery log (admins only)",
  description: `Newest first, cursor-paginated, optionally of one status: per event its type, time and resource, and how sending went (attempts, the last response code and error, when it was last tried and delivered). ${admins}`,
  security,
  middleware: [requireSession()] as const,
  request: { params: WebhookSubscriptionParamsSchema, query: WebhookDeliveryListQuerySchema },
  responses: { 200: json(WebhookDeliveryListSchema, "A page of deliveries"), ...problemResponses(400, 401, 403, 404) },
});

const resendDeliveryRoute = createRoute({
  operationId: "resendWebhookDelivery",
  method: "post",
  path: "/webhook-subscriptions/{subscriptionId}/deliveries/{deliveryId}/resends",
  tags,
  summary: "Send one delivery again (admins only)",
  description: `Puts a failed (or delivered) delivery back in the queue, due now; the dispatcher sends it with the same \`webhook-id\`, so a receiver that already had it can drop it. Its attempts are kept, and retries still end 3 days after the event: an older delivery gets one attempt. A delivery still pending is already queued (409); a subscription that is off or unverified cannot resend (409). ${admins} Written to the access log.`,
  security,
  middleware: [requireSession()] as const,
  request: { params: WebhookDeliveryParamsSchema },
  responses: { 200: json(WebhookDeliverySchema, "The delivery, pending again"), ...problemResponses(400, 401, 403, 404, 409) },
});

const resendFailedRoute = createRoute({
  operationId: "resendFailedWebhookDeliveries",
  method: "post",
  path: "/webhook-subscriptions/{subscriptionId}/failed-delivery-resends",
  tags,
  summary: "Send every failed delivery again (admins only)",
  description: `Puts all of the subscription's failed deliveries back in the queue, due now (as for one delivery), and says how many. A subscription that is off or unverified cannot resend (409). ${admins} Written to the access log.`,
  security,
  middleware: [requireSession()] as const,
  request: { params: WebhookSubscriptionParamsSchema },
  responses: { 200: json(WebhookResendResultSchema, "How many were queued again"), ...problemResponses(400, 401, 403, 404, 409) },
});

export const webhookSubscriptionsRoutes = createRouter()
  .openapi(createSubscriptionRoute, async (c) => c.json(await createSubscription(c.var.ctx, c.req.valid("json")), 201))
  .openapi(listSubscriptionsRoute, async (c) => c.json(await listSubscriptions(c.var.ctx, c.req.valid("query")), 200))
  .openapi(getSubscriptionRoute, async (c) => c.json(await getSubscription(c.var.ctx, c.req.valid("param")), 200))
  .openapi(updateSubscriptionRoute, async (c) =>
    c.json(await updateSubscription(c.var.ctx, { ...c.req.valid("param"), changes: c.req.valid("json") }), 200),
  )
  .openapi(deleteSubscriptionRoute, async (c) => {
    await deleteSubscription(c.var.ctx, c.req.valid("param"));
    return c.body(null, 204);
  })
  .openapi(rotateSecretRoute, async (c) => c.json(await rotateSecret(c.var.ctx, c.req.valid("param")), 201))
  .openapi(testSubscriptionRoute, async (c) => c.json(await testSubscription(c.var.ctx, c.req.valid("param")), 200))
  .openapi(listDeliveriesRoute, async (c) =>
    c.json(await listDeliveries(c.var.ctx, { ...c.req.valid("param"), ...c.req.valid("query") }), 200),
  )
  .openapi(resendDeliveryRoute, async (c) => c.json(await resendDelivery(c.var.ctx, c.req.valid("param")), 200))
  .openapi(resendFailedRoute, async (c) => c.json(await resendFailedDeliveries(c.var.ctx, c.req.valid("param")), 200));
