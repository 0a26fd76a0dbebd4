import { randomUUID } from "node:crypto";
import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { WEBHOOK_TEST_EVENT_TYPE } from "@schakel/core";
import { accessLog, webhookDeliveries, webhookSubscriptions } from "@schakel/db";
import { HTTP } from "cloudevents";
import { eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { withTransaction } from "../services/context";
import { recordWebhookEvent } from "../services/webhooks/outbox";
import { createTestContext, type TestContext } from "../test/harness";
import type { Browser } from "../test/referral-world";

/** A local receiver that records what it gets and answers as the test says. */
interface Received {
  headers: Record<string, string>;
  body: string;
}
let receiver: http.Server;
let receiverUrl: string;
const received: Received[] = [];
let answer: (res: http.ServerResponse) => void = (res) => res.writeHead(204).end();

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({ config: { webhookAllowLocalUrls: true } });
  receiver = http.createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    received.push({ headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])), body });
    answer(res);
  });
  receiver.listen(0, "127.0.0.1");
  await once(receiver, "listening");
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/schakel/webhooks`;
});
afterAll(async () => {
  receiver.closeAllConnections();
  receiver.close();
  await t.close();
});
beforeEach(() => {
  // Standard Webhooks receivers refuse a webhook-timestamp more than 5 minutes off their clock.
  t.clock.set(new Date());
  received.length = 0;
  answer = (res) => res.writeHead(204).end();
});

const eventTypes = ["nl.schakel.referral.status-changed", "nl.schakel.referral.created"] as const;
const create = (b: Browser, organizationId: string, url = receiverUrl, description = "Plangroep zaaksysteem") =>
  b.client.POST("/webhook-subscriptions", { body: { organizationId, description, url, eventTypes: [...eventTypes] } });
const list = (b: Browser, organizationId: string) =>
  b.client.GET("/webhook-subscriptions", { params: { query: { organizationId } } });
const get = (b: Browser, subscriptionId: string) =>
  b.client.GET("/webhook-subscriptions/{subscriptionId}", { params: { path: { subscriptionId } } });
const update = (b: Browser, subscriptionId: string, body: { url?: string; active?: boolean; description?: string }) =>
  b.client.PATCH("/webhook-subscriptions/{subscriptionId}", { params: { path: { subscriptionId } }, body });
const remove = (b: Browser, subscriptionId: string) =>
  b.client.DELETE("/webhook-subscriptions/{subscriptionId}", { params: { path: { subscriptionId } } });
const rotate = (b: Browser, subscriptionId: string) =>
  b.client.POST("/webhook-subscriptions/{subscriptionId}/secret-rotations", { params: { path: { subscriptionId } } });
const retest = (b: Browser, subscriptionId: string) =>
  b.client.POST("/webhook-subscriptions/{subscriptionId}/tests", { params: { path: { subscriptionId } } });
const deliveries = (
  b: Browser,
  subscriptionId: string,
  query: { status?: "pending" | "delivered" | "failed"; cursor?: string; limit?: number } = {},
) => b.client.GET("/webhook-subscriptions/{subscriptionId}/deliveries", { params: { path: { subscriptionId }, query } });
const resendOne = (b: Browser, subscriptionId: string, deliveryId: string) =>
  b.client.POST("/webhook-subscriptions/{subscriptionId}/deliveries/{deliveryId}/resends", {
    params: { path: { subscriptionId, deliveryId } },
  });
const resendFailed = (b: Browser, subscriptionId: string) =>
  b.client.POST("/webhook-subscriptions/{subscriptionId}/failed-delivery-resends", { params: { path: { subscriptionId } } });

/** The one test event the receiver got, verified with the official standardwebhooks package and parsed with the cloudevents SDK. */
function verifiedTestEvent(secret: string, got = received.at(-1)) {
  if (!got) throw new Error("the receiver got nothing");
  const payload = new Webhook(secret).verify(got.body, got.headers) as Record<string, unknown>;
  const parsed = HTTP.toEvent({ headers: got.headers, body: got.body });
  const event = Array.isArray(parsed) ? parsed[0] : parsed;
  return { payload, event };
}

describe("a subscription goes live only once its address answered the signed test event", () => {
  test("create against a live local receiver: verified with standardwebhooks, live; the secret is shown once", async () => {
    const { organization, admin } = await t.organizationWithStaff();
    const { response, data } = await create(admin.browser, organization.id);
    expect(response.status).toBe(201);
    if (!data) throw new Error("no body");
    expect(data.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(data.secret.slice(6), "base64")).toHaveLength(32);
    expect(data.test).toEqual({ ok: true, status: 204, error: null });
    expect(data.subscription).toMatchObject({
      organizationId: organization.id,
      description: "Plangroep zaaksysteem",
      url: receiverUrl,
      eventTypes: [...eventTypes],
      active: true,
      state: "live",
      verifiedAt: expect.any(String),
      previousSecretExpiresAt: null,
    });

    expect(received).toHaveLength(1);
    const { payload, event } = verifiedTestEvent(data.secret);
    expect(payload).toMatchObject({ type: WEBHOOK_TEST_EVENT_TYPE, data: { subscriptionId: data.subscription.id } });
    expect(event).toMatchObject({
      specversion: "1.0",
      type: WEBHOOK_TEST_EVENT_TYPE,
      source: "urn:nld:schakel:schakel.test",
      dataref: `http://schakel.test/api/v1/webhook-subscriptions/${data.subscription.id}`,
      data: { subscriptionId: data.subscription.id },
    });
    expect(event?.subject).toBeUndefined();
    expect(() =>
      new Webhook(`whsec_${Buffer.alloc(32, 1).toString("base64")}`).verify(received[0]?.body ?? "", received[0]?.headers ?? {}),
    ).toThrow();

    // Never again: not in list, get, nor any log; the row holds it, as it must to sign.
    const listed = await list(admin.browser, organization.id);
    expect(listed.response.status).toBe(200);
    expect(listed.data?.data).toEqual([data.subscription]);
    const one = await get(admin.browser, data.subscription.id);
    expect(one.data).toEqual(data.subscription);
    expect(JSON.stringify(listed.data)).not.toContain(data.secret.slice(6));
    expect(JSON.stringify(one.data)).not.toContain(data.secret.slice(6));
    expect(JSON.stringify(one.data)).not.toMatch(/secret"/i);
    const [row] = await t.db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, data.subscription.id));
    expect(row?.secret).toBe(data.secret);
    const log = await t.db.select().from(accessLog).where(eq(accessLog.subjectId, data.subscription.id));
    expect(log.map((e) => e.action).sort()).toEqual(["webhook-subscription.create", "webhook-subscription.test"]);
    expect(JSON.stringify(log)).not.toContain(data.secret.slice(6));
  });

  test("a receiver answering 500 leaves it stored but not live, saying why; test again once it answers 2xx", async () => {
    const { organization, admin } = await t.organizationWithStaff();
    answer = (res) => res.writeHead(500).end("kapot");
    const { response, data } = await create(admin.browser, organization.id);
    expect(response.status).toBe(201);
    expect(data?.test).toEqual({ ok: false, status: 500, error: "De ontvanger antwoordde met HTTP 500." });
    expect(data?.subscription).toMatchObject({ state: "unverified", verifiedAt: null, active: true });
    const id = data?.subscription.id ?? "";

    // Not live: an event writes no delivery for it.
    await withTransaction(t.serviceContext(), (tx) =>
      recordWebhookEvent(tx, {
        type: "nl.schakel.referral.created",
        time: t.clock.now(),
        resourcePath: `/api/v1/referrals/${randomUUID()}`,
        orderingKey: randomUUID(),
        organizationIds: [organization.id],
      }),
    );
    expect(await t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.subscriptionId, id))).toEqual([]);

    answer = (res) => res.writeHead(200).end();
    const again = await retest(admin.browser, id);
    expect(again.response.status).toBe(200);
    expect(again.data?.test).toEqual({ ok: true, status: 200, error: null });
    expect(again.data?.subscription.state).toBe("live");
    expect((await get(admin.browser, id)).data?.state).toBe("live");
  });

  test("a receiver that does not answer, or is not there, leaves it not live", { timeout: 30_000 }, async () => {
    const { organization, admin } = await t.organizationWithStaff();
    answer = () => {}; // holds the request open
    const silent = await create(admin.browser, organization.id);
    expect(silent.data?.test).toEqual({ ok: false, status: null, error: "Geen antwoord binnen 10 seconden." });
    expect(silent.data?.subscription.state).toBe("unverified");

    const closed = http.createServer();
    closed.listen(0, "127.0.0.1");
    await once(closed, "listening");
    const port = (closed.address() as AddressInfo).port;
    closed.close();
    const gone = await create(admin.browser, organization.id, `http://127.0.0.1:${port}/hook`);
    expect(gone.response.status).toBe(201);
    expect(gone.data?.test).toEqual({ ok: false, status: null, error: "De ontvanger weigerde de verbinding." });
    expect(gone.data?.subscription.state).toBe("unverified");
  });

  test("a new address makes it unverified and is tested at once; switching off and on keeps the verification", async () => {
    const { organization, admin } = await t.organizationWithStaff();
    const created = await create(admin.browser, organization.id);
    const id = created.data?.subscription.id ?? "";
    const off = await update(admin.browser, id, { active: false });
    expect(off.response.status).toBe(200);
    expect(off.data).toMatchObject({ subscription: { state: "off", active: false }, test: null });
    expect((await update(admin.browser, id, { active: true })).data?.subscription.state).toBe("live");

    answer = (res) => res.writeHead(503).end();
    const moved = await update(admin.browser, id, { url: `${receiverUrl}/v2`, description: "Nieuw adres" });
    expect(moved.response.status).toBe(200);
    expect(moved.data?.test).toMatchObject({ ok: false, status: 503 });
    expect(moved.data?.subscription).toMatchObject({ state: "unverified", url: `${receiverUrl}/v2`, description: "Nieuw adres" });
    expect(received.at(-1)?.headers["webhook-signature"]).toMatch(/^v1,/);
  });

  test("rotate: the new secret shown once, the next test event verifies with the new secret and the old one; after 24 hours only the new", async () => {
    const { organization, admin } = await t.organizationWithStaff();
    const created = await create(admin.browser, organization.id);
    const oldSecret = created.data?.secret ?? "";
    const id = created.data?.subscription.id ?? "";

    const rotated = await rotate(admin.browser, id);
    expect(rotated.response.status).toBe(201);
    const newSecret = rotated.data?.secret ?? "";
    expect(newSecret).toMatch(/^whsec_/);
    expect(newSecret).not.toBe(oldSecret);
    const expires = rotated.data?.subscription.previousSecretExpiresAt;
    expect(new Date(expires ?? 0).getTime() - t.clock.now().getTime()).toBe(24 * 3600_000);
    expect(JSON.stringify(await get(admin.browser, id))).not.toContain(newSecret.slice(6));

    expect((await retest(admin.browser, id)).data?.test.ok).toBe(true);
    expect(received.at(-1)?.headers["webhook-signature"]?.split(" ")).toHaveLength(2);
    expect(() => verifiedTestEvent(newSecret)).not.toThrow();
    expect(() => verifiedTestEvent(oldSecret)).not.toThrow();

    // A day later the previous secret no longer signs.
    t.clock.advance(24 * 3600_000 + 1000);
    const browser = await t.signedIn(admin.user.email);
    expect((await get(browser, id)).data?.previousSecretExpiresAt).toBeNull();
    await retest(browser, id);
    const last = received.at(-1);
    expect(last?.headers["webhook-signature"]?.split(" ")).toHaveLength(1);
    // Only the new key signs now (the receiver's clock is not moved, so the signature itself is compared).
    const sign = (secret: string) =>
      new Webhook(secret).sign(
        last?.headers["webhook-id"] ?? "",
        new Date(Number(last?.headers["webhook-timestamp"]) * 1000),
        last?.body ?? "",
      );
    expect(last?.headers["webhook-signature"]).toBe(sign(newSecret));
    expect(last?.headers["webhook-signature"]).not.toContain(sign(oldSecret).slice(3));
  });

  test("delete removes it; it is gone for its admin too", async () => {
    const { organization, admin } = await t.organizationWithStaff();
    const id = (await create(admin.browser, organization.id)).data?.subscription.id ?? "";
    expect((await remove(admin.browser, id)).response.status).toBe(204);
    expect((await get(admin.browser, id)).response.status).toBe(404);
    expect((await list(admin.browser, organization.id)).data?.data).toEqual([]);
    const [entry] = await t.db.select().from(accessLog).where(eq(accessLog.action, "webhook-subscription.delete"));
    expect(entry).toMatchObject({ subjectId: id, organizationId: organization.id, actorUserId: admin.user.id });
  });

  test("bad input is a 400 naming the field", async () => {
    const { organization, admin } = await t.organizationWithStaff();
    const bad = await admin.browser.client.POST("/webhook-subscriptions", {
      body: { organizationId: organization.id, description: " ", url: "geen adres", eventTypes: ["nl.schakel.iets" as never] },
    });
    expect(bad.response.status).toBe(400);
    expect(bad.error?.invalidParams?.map((p) => p.name).sort()).toEqual(["body.description", "body.eventTypes.0", "body.url"]);
    const none = await admin.browser.client.POST("/webhook-subscriptions", {
      body: { organizationId: organization.id, description: "x", url: receiverUrl, eventTypes: [] },
    });
    expect(none.error?.invalidParams).toEqual([
      { name: "body.eventTypes", code: expect.any(String), reason: "Kies minstens één gebeurtenis." },
    ]);
    expect(
      await t.db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.organizationId, organization.id)),
    ).toEqual([]);
  });
});

describe("outside development, only https:// on the internet", () => {
  let strict: TestContext;
  beforeAll(async () => {
    strict = await createTestContext({ config: { webhookAllowLocalUrls: false } });
  });
  afterAll(() => strict.close());

  test.each([
    ["http://", "http://partner.example/hook", "Het adres moet met https:// beginnen."],
    [
      "127.0.0.1",
      "https://127.0.0.1/hook",
      "Dit adres wijst naar een intern of lokaal netwerk. Webhooks gaan alleen naar adressen op het internet.",
    ],
    [
      "localhost",
      "https://localhost/hook",
      "Dit adres wijst naar een intern of lokaal netwerk. Webhooks gaan alleen naar adressen op het internet.",
    ],
    [
      "a private address",
      "https://10.0.0.8/hook",
      "Dit adres wijst naar een intern of lokaal netwerk. Webhooks gaan alleen naar adressen op het internet.",
    ],
  ])("%s is refused with 422 and the reason; nothing is stored or sent", async (_name, url, reason) => {
    const { organization, admin } = await strict.organizationWithStaff();
    const { response, error } = await create(admin.browser, organization.id, url);
    expect(response.status).toBe(422);
    expect(error).toMatchObject({
      type: expect.stringMatching(/callback-refused$/),
      detail: reason,
      invalidParams: [{ name: "body.url" }],
    });
    expect(
      await strict.db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.organizationId, organization.id)),
    ).toEqual([]);
  });

  test("and a subscription cannot be moved to one", async () => {
    const { organization, admin } = await strict.organizationWithStaff();
    const [row] = await strict.db
      .insert(webhookSubscriptions)
      .values({
        organizationId: organization.id,
        description: "Bestaand",
        url: "https://partner.example/hook",
        eventTypes: ["nl.schakel.referral.created"],
        secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        verifiedAt: new Date(),
        createdAt: new Date(),
        updatedAt: new Date(),
      })
      .returning();
    const moved = await update(admin.browser, row?.id ?? "", { url: "http://127.0.0.1:9/hook" });
    expect(moved.response.status).toBe(422);
    expect((await get(admin.browser, row?.id ?? "")).data).toMatchObject({ url: "https://partner.example/hook", state: "live" });
  });
});

describe("the delivery log and resend", () => {
  async function withDeliveries() {
    const world = await t.organizationWithStaff();
    const created = await create(world.admin.browser, world.organization.id);
    const id = created.data?.subscription.id ?? "";
    const referralId = randomUUID();
    for (const type of [
      "nl.schakel.referral.created",
      "nl.schakel.referral.status-changed",
      "nl.schakel.referral.status-changed",
    ] as const) {
      t.clock.advance(1000);
      await withTransaction(t.serviceContext(), (tx) =>
        recordWebhookEvent(tx, {
          type,
          time: t.clock.now(),
          resourcePath: `/api/v1/referrals/${referralId}`,
          orderingKey: referralId,
          organizationIds: [world.organization.id],
        }),
      );
    }
    const rows = await t.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.subscriptionId, id))
      .orderBy(webhookDeliveries.seq);
    expect(rows).toHaveLength(3);
    const [first, second, third] = rows;
    if (!first || !second || !third) throw new Error("deliveries missing");
    const at = t.clock.now();
    await t.db
      .update(webhookDeliveries)
      .set({ status: "delivered", attempts: 1, lastAttemptAt: at, lastResponseStatus: 200, deliveredAt: at })
      .where(eq(webhookDeliveries.id, first.id));
    await t.db
      .update(webhookDeliveries)
      .set({
        status: "failed",
        attempts: 12,
        lastAttemptAt: at,
        lastResponseStatus: 503,
        lastError: "De ontvanger antwoordde met HTTP 503.",
      })
      .where(eq(webhookDeliveries.id, second.id));
    return { ...world, id, referralId, first, second, third };
  }

  test("newest first, filtered by status, paginated by cursor", async () => {
    const { admin, id, referralId, first, second, third } = await withDeliveries();
    const all = await deliveries(admin.browser, id);
    expect(all.response.status).toBe(200);
    expect(all.data?.data.map((d) => d.id)).toEqual([third.id, second.id, first.id]);
    expect(all.data?.data[1]).toEqual({
      id: second.id,
      eventId: second.eventId,
      eventType: "nl.schakel.referral.status-changed",
      eventTime: expect.any(String),
      resourcePath: `/api/v1/referrals/${referralId}`,
      status: "failed",
      attempts: 12,
      lastResponseStatus: 503,
      lastError: "De ontvanger antwoordde met HTTP 503.",
      lastAttemptAt: expect.any(String),
      nextAttemptAt: null,
      deliveredAt: null,
    });
    expect(all.data?.data[0]).toMatchObject({ status: "pending", attempts: 0, nextAttemptAt: expect.any(String) });
    expect(all.data?.data[2]).toMatchObject({ status: "delivered", deliveredAt: expect.any(String), lastResponseStatus: 200 });

    expect((await deliveries(admin.browser, id, { status: "failed" })).data?.data.map((d) => d.id)).toEqual([second.id]);
    const page1 = await deliveries(admin.browser, id, { limit: 2 });
    expect(page1.data?.data.map((d) => d.id)).toEqual([third.id, second.id]);
    const cursor = page1.data?.meta.nextCursor ?? undefined;
    expect(cursor).toBeTruthy();
    const page2 = await deliveries(admin.browser, id, { limit: 2, cursor });
    expect(page2.data?.data.map((d) => d.id)).toEqual([first.id]);
    expect(page2.data?.meta.nextCursor).toBeNull();
    expect((await deliveries(admin.browser, id, { cursor: "bm9wZQ" })).response.status).toBe(400);
  });

  test("resend one puts it back to pending, due now, without a lease, attempts kept; a pending one is 409", async () => {
    const { admin, organization, id, second, third } = await withDeliveries();
    await t.db
      .update(webhookDeliveries)
      .set({ leasedUntil: new Date(Date.now() + 60_000) })
      .where(eq(webhookDeliveries.id, second.id));
    t.clock.advance(5000);
    const resent = await resendOne(admin.browser, id, second.id);
    expect(resent.response.status).toBe(200);
    expect(resent.data).toMatchObject({
      id: second.id,
      status: "pending",
      attempts: 12,
      nextAttemptAt: t.clock.now().toISOString(),
    });
    const [row] = await t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, second.id));
    expect(row).toMatchObject({ status: "pending", attempts: 12, leasedUntil: null, nextAttemptAt: t.clock.now() });
    expect((await resendOne(admin.browser, id, third.id)).response.status).toBe(409);
    expect((await resendOne(admin.browser, id, randomUUID())).response.status).toBe(404);
    const [entry] = await t.db.select().from(accessLog).where(eq(accessLog.action, "webhook-delivery.resend"));
    expect(entry).toMatchObject({ organizationId: organization.id, subjectId: id, details: { deliveryId: second.id } });
  });

  test("resend all failed puts every failed one back; off, it cannot resend", async () => {
    const { admin, id, first, second } = await withDeliveries();
    await t.db.update(webhookDeliveries).set({ status: "failed" }).where(eq(webhookDeliveries.id, first.id));
    expect((await update(admin.browser, id, { active: false })).response.status).toBe(200);
    expect((await resendFailed(admin.browser, id)).response.status).toBe(409);
    await update(admin.browser, id, { active: true });
    const resent = await resendFailed(admin.browser, id);
    expect(resent.response.status).toBe(200);
    expect(resent.data).toEqual({ count: 2 });
    const rows = await t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.subscriptionId, id));
    expect(rows.map((r) => r.status)).toEqual(["pending", "pending", "pending"]);
    expect(rows.find((r) => r.id === second.id)?.attempts).toBe(12);
    expect((await resendFailed(admin.browser, id)).data).toEqual({ count: 0 });
  });

  test("another organization's admin cannot read the log or resend; nothing changes", async () => {
    const { id, second } = await withDeliveries();
    const other = await t.organizationWithStaff();
    expect((await deliveries(other.admin.browser, id)).response.status).toBe(404);
    expect((await resendOne(other.admin.browser, id, second.id)).response.status).toBe(404);
    expect((await resendFailed(other.admin.browser, id)).response.status).toBe(404);
    // Their own subscription with our delivery's id does not reach it either.
    const theirs = (await create(other.admin.browser, other.organization.id)).data?.subscription.id ?? "";
    expect((await resendOne(other.admin.browser, theirs, second.id)).response.status).toBe(404);
    const [row] = await t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, second.id));
    expect(row?.status).toBe("failed");
  });
});

describe("authorisation", () => {
  test("anonymous 401, a worker 403, another organization's admin 404 on every operation; nothing changes", async () => {
    const { organization, admin, worker } = await t.organizationWithStaff();
    const other = await t.organizationWithStaff();
    const created = await create(admin.browser, organization.id);
    const id = created.data?.subscription.id ?? "";
    received.length = 0;
    const deliveryId = randomUUID();

    for (const [who, status] of [
      [t.anonymous(), 401],
      [worker.browser, 403],
      [other.admin.browser, 404],
    ] as const) {
      expect((await create(who, organization.id)).response.status, `create as ${status}`).toBe(status);
      expect((await list(who, organization.id)).response.status).toBe(status);
      expect((await get(who, id)).response.status).toBe(status);
      expect((await update(who, id, { active: false })).response.status).toBe(status);
      expect((await rotate(who, id)).response.status).toBe(status);
      expect((await retest(who, id)).response.status).toBe(status);
      expect((await deliveries(who, id)).response.status).toBe(status);
      expect((await resendOne(who, id, deliveryId)).response.status).toBe(status);
      expect((await resendFailed(who, id)).response.status).toBe(status);
      const removal = await remove(who, id);
      expect(removal.response.status).toBe(status);
      expect(removal.response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    }
    expect((await get(worker.browser, id)).error?.detail).toBe("Alleen beheerders van deze organisatie kunnen webhooks beheren.");
    expect(received).toEqual([]);
    const [row] = await t.db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, id));
    expect(row).toMatchObject({ active: true, secret: created.data?.secret });
    expect(
      await t.db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.organizationId, organization.id)),
    ).toHaveLength(1);
    expect((await get(admin.browser, randomUUID())).response.status).toBe(404);
  });

  test("an admin demoted to worker can no longer manage webhooks", async () => {
    const { organization, admin } = await t.organizationWithStaff();
    const second = await t.make.member(organization.id, "admin");
    const secondBrowser = await t.signedIn(second.user.email);
    const id = (await create(secondBrowser, organization.id)).data?.subscription.id ?? "";
    expect((await get(secondBrowser, id)).response.status).toBe(200);
    const demoted = await admin.browser.client.PATCH("/organizations/{organizationId}/members/{memberId}", {
      params: { path: { organizationId: organization.id, memberId: second.membership.id } },
      body: { role: "worker" },
    });
    expect(demoted.response.status).toBe(200);
    expect((await get(secondBrowser, id)).response.status).toBe(403);
    expect((await rotate(secondBrowser, id)).response.status).toBe(403);
    expect((await remove(secondBrowser, id)).response.status).toBe(403);
    expect((await create(secondBrowser, organization.id)).response.status).toBe(403);
    expect((await get(admin.browser, id)).response.status).toBe(200);
  });
});

// PGlite runs one statement at a time, so only PostgreSQL can interleave two requests' transactions.
describe.runIf(Boolean(process.env.DATABASE_URL))("races on PostgreSQL", () => {
  const ROUNDS = 10;

  test("two resends of one failed delivery at once: one puts it back, the other is told it already waits", async () => {
    const { organization, admin } = await t.organizationWithStaff();
    const id = (await create(admin.browser, organization.id)).data?.subscription.id ?? "";
    const second = await t.signedIn(admin.user.email);
    for (let round = 0; round < ROUNDS; round++) {
      const key = randomUUID();
      await withTransaction(t.serviceContext(), (tx) =>
        recordWebhookEvent(tx, {
          type: "nl.schakel.referral.created",
          time: t.clock.now(),
          resourcePath: `/api/v1/referrals/${key}`,
          orderingKey: key,
          organizationIds: [organization.id],
        }),
      );
      const [delivery] = await t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.orderingKey, key));
      if (!delivery) throw new Error("no delivery");
      await t.db.update(webhookDeliveries).set({ status: "failed", attempts: 3 }).where(eq(webhookDeliveries.id, delivery.id));
      const answers = await Promise.all([resendOne(admin.browser, id, delivery.id), resendOne(second, id, delivery.id)]);
      expect(answers.map((a) => a.response.status).sort(), `round ${round}`).toEqual([200, 409]);
    }
  });

  test("two resends of all failed ones at once put each back once", async () => {
    const { organization, admin } = await t.organizationWithStaff();
    const id = (await create(admin.browser, organization.id)).data?.subscription.id ?? "";
    const second = await t.signedIn(admin.user.email);
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < 3; i++) {
        const key = randomUUID();
        await withTransaction(t.serviceContext(), (tx) =>
          recordWebhookEvent(tx, {
            type: "nl.schakel.referral.created",
            time: t.clock.now(),
            resourcePath: `/api/v1/referrals/${key}`,
            orderingKey: key,
            organizationIds: [organization.id],
          }),
        );
      }
      await t.db.update(webhookDeliveries).set({ status: "failed" }).where(eq(webhookDeliveries.subscriptionId, id));
      const answers = await Promise.all([resendFailed(admin.browser, id), resendFailed(second, id)]);
      expect(
        answers.map((a) => a.response.status),
        `round ${round}`,
      ).toEqual([200, 200]);
      expect((answers[0]?.data?.count ?? 0) + (answers[1]?.data?.count ?? 0), `round ${round}`).toBe(3 * (round + 1));
    }
  });
});
