// The example partner system against a real hub on a real port: a token alone works the inbox,
// and the webhook receiver verifies what the hub signs. (The hub's test harness is the only thing
// this test takes from apps/api; the example itself needs nothing but packages/api-client.)

import { once } from "node:events";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listen } from "../../../apps/api/src/server";
import { type RunningDispatcher, startWebhookDispatcher } from "../../../apps/api/src/services/webhooks/dispatcher";
import { createTestContext, type TestContext } from "../../../apps/api/src/test/harness";
import { ownTestDatabase } from "../../../apps/api/src/test/own-database";
import { referralWorld } from "../../../apps/api/src/test/referral-world";
import { accept, inbox, partnerClient, type ReceivedEvent, referralIdOf, SchakelError, webhookReceiver } from "./partner";

let t: TestContext;
let hub: Server;
let hubUrl: string;
let dispatcher: RunningDispatcher;
beforeAll(async () => {
  // Its own database on PostgreSQL: the dispatcher works every due delivery, and must not POST another file's.
  t = await createTestContext({ config: { webhookAllowLocalUrls: true }, db: (await ownTestDatabase()).handle });
  hub = await listen(t.app.fetch, { port: 0, hostname: "127.0.0.1" });
  hubUrl = `http://127.0.0.1:${(hub.address() as AddressInfo).port}`;
  dispatcher = startWebhookDispatcher(t.serviceContext(), { pollMs: 20 });
});
afterAll(async () => {
  await dispatcher.stop();
  hub.closeAllConnections();
  hub.close();
  await t.close();
});

async function tokenFor(admin: Awaited<ReturnType<TestContext["signedIn"]>>, organizationId: string, scopes: string[]) {
  const { data, response } = await admin.client.POST("/api-tokens", {
    body: { organizationId, name: "Zaaksysteem", scopes } as never,
  });
  if (!data) throw new Error(`token not created: ${response.status}`);
  return data.token;
}

describe("examples/partner-system", () => {
  it("lists the inbox and accepts a referral with a token alone; without referrals:write it may only read", async () => {
    const w = referralWorld(t);
    const n = await w.network();
    const { referral } = await w.refer(n);
    const token = await tokenFor(n.receiver.admin.browser, n.receiver.organization.id, ["referrals:read", "referrals:write"]);
    const client = partnerClient(hubUrl, token);

    const open = await inbox(client);
    expect(open.map((r) => r.id)).toContain(referral.id);
    const accepted = await accept(client, referral.id, "We bellen morgen.");
    expect(accepted.status).toBe("accepted");
    // The sender sees the receiver's answer.
    expect((await w.open(n.sender.worker.browser, referral.id)).status).toBe("accepted");

    const readOnly = partnerClient(
      hubUrl,
      await tokenFor(n.receiver.admin.browser, n.receiver.organization.id, ["referrals:read"]),
    );
    const { referral: second } = await w.refer(n);
    await expect(accept(readOnly, second.id)).rejects.toMatchObject({ status: 403 });
    await expect(inbox(partnerClient(hubUrl, "skl_not-a-token"))).rejects.toBeInstanceOf(SchakelError);
  });

  it("verifies the hub's test event once it has the secret, then hears of a new referral and its acceptance", async () => {
    const w = referralWorld(t);
    const n = await w.network();
    const received: ReceivedEvent[] = [];
    // The partner has no secret yet: the hub shows it only in the answer to the create.
    let secret = "whsec_dGhpcyBpcyBub3QgdGhlIHNlY3JldCB5ZXQhISE=";
    const receiver = webhookReceiver({ secret: () => secret, onEvent: (e) => void received.push(e) });
    receiver.listen(0, "127.0.0.1");
    await once(receiver, "listening");
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/schakel`;

    const { data: created } = await n.receiver.admin.browser.client.POST("/webhook-subscriptions", {
      body: {
        organizationId: n.receiver.organization.id,
        description: "Zaaksysteem",
        url,
        eventTypes: ["nl.schakel.referral.created", "nl.schakel.referral.status-changed"],
      },
    });
    if (!created) throw new Error("subscription not created");
    // Signed with a secret this receiver did not have yet: refused (401), so not live.
    expect(received).toHaveLength(0);
    expect(created.subscription.verifiedAt).toBeNull();

    secret = created.secret;
    const tested = await n.receiver.admin.browser.client.POST("/webhook-subscriptions/{subscriptionId}/tests", {
      params: { path: { subscriptionId: created.subscription.id } },
    });
    expect(tested.response.status).toBeLessThan(300);
    expect(received.map((r) => r.event.type)).toEqual(["nl.schakel.webhook.test"]);
    expect(referralIdOf(received[0]?.event as never)).toBeUndefined();

    // Live: a referral arrives and the partner's system accepts it with its token.
    const token = await tokenFor(n.receiver.admin.browser, n.receiver.organization.id, ["referrals:read", "referrals:write"]);
    const client = partnerClient(hubUrl, token);
    const { referral, resident } = await w.refer(n);
    await accept(client, referral.id);
    await expect.poll(() => received.length, { timeout: 5000 }).toBeGreaterThanOrEqual(4);
    const events = received.slice(1).map((r) => r.event);
    expect(events.map((e) => [e.type, (e.data as { status?: string }).status])).toEqual([
      ["nl.schakel.referral.created", "sent"],
      ["nl.schakel.referral.status-changed", "received"],
      ["nl.schakel.referral.status-changed", "accepted"],
    ]);
    for (const e of events) {
      expect(referralIdOf(e)).toBe(referral.id);
      // Nothing about the resident in an event: the system reads the referral with its token.
      expect(JSON.stringify(e)).not.toContain(resident.name);
    }
    expect(events.map((e) => e.sequence)).toEqual([...events.map((e) => e.sequence)].sort());
    const { data: fetched } = await client.GET("/referrals/{referralId}", { params: { path: { referralId: referral.id } } });
    expect(fetched?.status).toBe("accepted");
    receiver.closeAllConnections();
    receiver.close();
  });
});
