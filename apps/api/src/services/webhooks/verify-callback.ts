import { randomBytes, randomUUID } from "node:crypto";
import { WEBHOOK_TEST_EVENT_TYPE } from "@schakel/core";
import { webhookSubscriptions } from "@schakel/db";
import { CloudEvent } from "cloudevents";
import { and, eq } from "drizzle-orm";
import { type AppConfig, eventSource, mailBaseUrl } from "../../config";
import { API_BASE } from "../../lib/openapi";
import { unprocessable } from "../../lib/problem";
import { recordAccess } from "../access-log";
import { type ServiceContext, withTransaction } from "../context";
import { type CallbackPolicy, CallbackRefused, checkCallbackHost, parseCallbackUrl } from "./callback-address";
import { CLOUD_EVENTS_CONTENT_TYPE, cloudEventBody } from "./cloud-event";
import { postWebhook } from "./send";
import { type SubscriptionRow, signingSecrets } from "./subscription-view";

export const callbackPolicy = (config: AppConfig): CallbackPolicy => ({ allowLocal: config.webhookAllowLocalUrls === true });

/** A new signing secret: `whsec_` and base64 of 32 random bytes, as the Standard Webhooks libraries take it. */
export const generateWebhookSecret = () => `whsec_${randomBytes(32).toString("base64")}`;

/**
 * Refuses (422 at body.url, with the reason in Dutch) an address webhooks may not go to: not
 * https, or a host that is, or resolves to, a loopback, private or link-local address — unless
 * WEBHOOK_ALLOW_LOCAL_URLS. The same check runs again at every delivery, on the address connected to.
 */
export async function checkCallbackAddress(raw: string, config: AppConfig) {
  const policy = callbackPolicy(config);
  try {
    await checkCallbackHost(parseCallbackUrl(raw, policy), policy);
  } catch (err) {
    if (err instanceof CallbackRefused) throw unprocessable("callback-refused", err.message, "body.url");
    throw err;
  }
}

export interface WebhookTest {
  ok: boolean;
  status: number | null;
  error: string | null;
}

/**
 * Sends the subscription's address a signed test event (type nl.schakel.webhook.test, no data but
 * the subscription's id) and, when it answers 2xx, marks the subscription verified — provided its
 * address is still the one tested. A failure leaves it unverified (it gets no events) and says why.
 * Runs outside any transaction: a receiver may take up to 10 seconds.
 */
export async function testCallback(ctx: ServiceContext, row: SubscriptionRow, actorUserId: string): Promise<WebhookTest> {
  const now = ctx.clock.now();
  const event = new CloudEvent(
    {
      specversion: "1.0",
      id: randomUUID(),
      source: eventSource(ctx.config),
      type: WEBHOOK_TEST_EVENT_TYPE,
      time: now.toISOString(),
      datacontenttype: "application/json",
      dataref: `${mailBaseUrl(ctx.config)}${API_BASE}/webhook-subscriptions/${row.id}`,
      data: { subscriptionId: row.id },
    },
    true,
  );
  const result = await postWebhook(
    row.url,
    { id: event.id, timestamp: now, body: cloudEventBody(event), contentType: CLOUD_EVENTS_CONTENT_TYPE },
    signingSecrets(row, now),
    callbackPolicy(ctx.config),
  );
  const test: WebhookTest = result.ok
    ? { ok: true, status: result.status, error: null }
    : { ok: false, status: result.status, error: result.error };
  const at = ctx.clock.now();
  await withTransaction(ctx, async (tx) => {
    if (test.ok) {
      await tx
        .update(webhookSubscriptions)
        .set({ verifiedAt: at, updatedAt: at })
        .where(and(eq(webhookSubscriptions.id, row.id), eq(webhookSubscriptions.url, row.url)));
    }
    await recordAccess(tx, {
      at,
      actorUserId,
      actorOrganizationId: row.organizationId,
      action: "webhook-subscription.test",
      subjectType: "webhook-subscription",
      subjectId: row.id,
      organizationId: row.organizationId,
      details: { ok: test.ok, status: test.status },
    });
  });
  return test;
}
