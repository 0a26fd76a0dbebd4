import { type WebhookEventType, webhookEventTypes } from "@schakel/core";
import { referrals, webhookDeliveries, webhookEvents, webhookSubscriptions } from "@schakel/db";
import { asc, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { applyMove, createTestContext, type TestContext, withTransaction } from "../../test/harness";
import { type Browser, RESIDENT, referralWorld } from "../../test/referral-world";

// Every change writes its webhook events in its own transaction (issue 10 part 3, ADR 0027).

let t: TestContext;
let world: ReturnType<typeof referralWorld>;
beforeAll(async () => {
  t = await createTestContext();
  world = referralWorld(t);
});
afterAll(() => t.close());

const HOUR = 3_600_000;
const later = (ms: number) => new Date(t.clock.now().getTime() + ms).toISOString().replace(/\.\d{3}Z$/, "Z");

const REQUEST = "Sam wil hulp bij zijn schulden bij de zorgverzekeraar.";
const DEBTS_NOTE = "Ongeveer € 2.500";
const AMOUNT = 123457;
const texts = {
  senderMessage: "Kun je Sam na vijf uur bellen? Hij werkt overdag.",
  receiverMessage: "We bereiken hem niet, heb je een ander nummer?",
  completion: "Regeling getroffen met de zorgverzekeraar",
  driegesprek: "Sam was erbij; intake volgende week",
  place: "Wijkcentrum De Linde, zaal 2",
  withdrawal: "Ik wil het zelf regelen",
};

/** A live subscription of the organization to every event type. */
async function subscribe(organizationId: string) {
  const now = t.clock.now();
  const [row] = await t.db
    .insert(webhookSubscriptions)
    .values({
      organizationId,
      description: "Zaaksysteem",
      url: "https://partner.example/hook",
      eventTypes: [...webhookEventTypes],
      secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
      verifiedAt: now,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!row) throw new Error("no subscription");
  return row;
}

/** A network whose sender and receiver (and the outsider) each have a live subscription. */
async function subscribedNetwork(receiverName: string) {
  const n = await world.network({ receiverName });
  const subscriptions = {
    sender: await subscribe(n.sender.organization.id),
    receiver: await subscribe(n.receiver.organization.id),
    outsider: await subscribe(n.outsider.organization.id),
  };
  return { ...n, subscriptions };
}

async function eventRows(orderingKey: string) {
  return t.db.select().from(webhookEvents).where(eq(webhookEvents.orderingKey, orderingKey)).orderBy(asc(webhookEvents.sequence));
}

/** The events of one referral or service, as [type, sequence, audience, status]. */
async function eventsOf(orderingKey: string, names: Record<string, string>) {
  return (await eventRows(orderingKey)).map((e) => [
    e.type,
    e.sequence,
    e.organizationIds.map((id) => names[id] ?? id).sort(),
    (e.data as { status?: string }).status ?? null,
  ]);
}

/** Which subscription got a delivery of which event: [sequence, subscription name]. */
async function deliveriesOf(orderingKey: string, names: Record<string, string>) {
  const rows = await t.db
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.orderingKey, orderingKey))
    .orderBy(asc(webhookDeliveries.sequence));
  return rows.map((d) => [d.sequence, names[d.subscriptionId] ?? d.subscriptionId]).sort();
}

type Network = Awaited<ReturnType<typeof subscribedNetwork>>;
const orgNames = (n: Network) => ({ [n.sender.organization.id]: "sender", [n.receiver.organization.id]: "receiver" });
const subNames = (n: Network) => ({
  [n.subscriptions.sender.id]: "sender",
  [n.subscriptions.receiver.id]: "receiver",
  [n.subscriptions.outsider.id]: "outsider",
});

const sendMessage = (b: Browser, referralId: string, text: string) =>
  b.client.POST("/referrals/{referralId}/messages", { params: { path: { referralId } }, body: { text } });

/** No event row holds anything of the resident or of what anyone wrote. */
async function expectNothingPersonal(orderingKeys: string[]) {
  const rows = await t.db.select().from(webhookEvents).where(inArray(webhookEvents.orderingKey, orderingKeys));
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) {
    const text = JSON.stringify(row);
    for (const secret of [
      RESIDENT.name,
      "Sam",
      "Jansen",
      RESIDENT.phone,
      RESIDENT.postcode,
      REQUEST,
      DEBTS_NOTE,
      "2.500",
      String(AMOUNT),
      "helped",
      ...Object.values(texts),
    ]) {
      expect(text, `event ${row.type} #${row.sequence}`).not.toContain(secret);
    }
    expect(Object.keys(row.data).sort()).toSatisfy((keys: string[]) =>
      keys.every((k) => ["referralId", "reference", "status", "serviceId"].includes(k)),
    );
  }
}

describe("referral events", () => {
  test("under `outcome` both sides hear of every change, numbered 1, 2, 3 … per referral", async () => {
    const n = await subscribedNetwork("Schuldhulp Webhook Uitkomst");
    const sw = n.sender.worker.browser;
    const rw = n.receiver.worker.browser;
    const { referral } = await world.refer(n, { consent: { feedbackLevel: "outcome" } });
    await world.open(rw, referral.id); // Schakel's own move: received
    expect((await sendMessage(sw, referral.id, texts.senderMessage)).response.status).toBe(201);
    expect((await sendMessage(rw, referral.id, texts.receiverMessage)).response.status).toBe(201);
    await world.walk(rw, referral.id, [
      { to: "accepted" },
      { to: "in_contact", note: "Afspraak gemaakt met Sam" },
      { to: "in_progress" },
      { to: "completed", outcome: "helped", moneyOutcomeCents: AMOUNT, note: texts.completion },
    ]);

    const both = ["receiver", "sender"];
    expect(await eventsOf(referral.id, orgNames(n))).toEqual([
      ["nl.schakel.referral.created", 1, both, "sent"],
      ["nl.schakel.referral.status-changed", 2, both, "received"],
      ["nl.schakel.referral.message-created", 3, both, null],
      ["nl.schakel.referral.message-created", 4, both, null],
      ["nl.schakel.referral.status-changed", 5, both, "accepted"],
      ["nl.schakel.referral.status-changed", 6, both, "in_contact"],
      ["nl.schakel.referral.status-changed", 7, both, "in_progress"],
      ["nl.schakel.referral.status-changed", 8, both, "completed"],
    ]);
    const rows = await eventRows(referral.id);
    expect(rows.map((r) => r.resourcePath)).toEqual([
      `/api/v1/referrals/${referral.id}`,
      `/api/v1/referrals/${referral.id}`,
      `/api/v1/referrals/${referral.id}/messages`,
      `/api/v1/referrals/${referral.id}/messages`,
      ...Array(4).fill(`/api/v1/referrals/${referral.id}`),
    ]);
    expect(rows[0]?.data).toEqual({ referralId: referral.id, reference: `V-${referral.reference}`, status: "sent" });
    expect(rows.every((r) => !r.everyOrganization)).toBe(true);
    // Each side's subscription got each event once; the outsider's none.
    const deliveries = await deliveriesOf(referral.id, subNames(n));
    expect(deliveries.filter(([, s]) => s === "outsider")).toEqual([]);
    for (const side of ["sender", "receiver"]) {
      expect(deliveries.filter(([, s]) => s === side).map(([seq]) => seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    }
    await expectNothingPersonal([referral.id]);
  });

  test("under `contact_only` the sender hears only of what its view shows, and never the hidden status", async () => {
    const n = await subscribedNetwork("Schuldhulp Webhook Alleen Contact");
    const rw = n.receiver.worker.browser;
    const { referral } = await world.refer(n, { consent: { feedbackLevel: "contact_only" } });
    await world.open(rw, referral.id);
    await world.walk(rw, referral.id, [
      { to: "accepted" },
      { to: "in_contact" },
      { to: "in_progress" },
      { to: "on_hold", reason: "Sam is een maand in het ziekenhuis" },
      { to: "in_progress" },
      { to: "completed", outcome: "not_helped", moneyOutcomeCents: AMOUNT, note: texts.completion },
    ]);

    expect(await eventsOf(referral.id, orgNames(n))).toEqual([
      ["nl.schakel.referral.created", 1, ["receiver", "sender"], "sent"],
      ["nl.schakel.referral.status-changed", 2, ["receiver", "sender"], "received"],
      // accepted shows the sender `received`, as before: no news for it
      ["nl.schakel.referral.status-changed", 3, ["receiver"], "accepted"],
      ["nl.schakel.referral.status-changed", 4, ["receiver", "sender"], "in_contact"],
      // in progress, on hold after contact and back all show `in_contact`
      ["nl.schakel.referral.status-changed", 5, ["receiver"], "in_progress"],
      ["nl.schakel.referral.status-changed", 6, ["receiver"], "on_hold"],
      ["nl.schakel.referral.status-changed", 7, ["receiver"], "in_progress"],
      // completed shows `closed`: one event for each side, each with its own status
      ["nl.schakel.referral.status-changed", 8, ["receiver"], "completed"],
      ["nl.schakel.referral.status-changed", 9, ["sender"], "closed"],
    ]);
    const deliveries = await deliveriesOf(referral.id, subNames(n));
    expect(deliveries.filter(([, s]) => s === "sender").map(([seq]) => seq)).toEqual([1, 2, 4, 9]);
    expect(deliveries.filter(([, s]) => s === "receiver").map(([seq]) => seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(deliveries.filter(([, s]) => s === "outsider")).toEqual([]);
    // Nothing the sender's systems get says more than its view: no hidden status, no outcome.
    const senderRows = (await eventRows(referral.id)).filter((e) => e.organizationIds.includes(n.sender.organization.id));
    for (const e of senderRows) expect(["sent", "received", "in_contact", "closed"]).toContain(e.data.status);
    await expectNothingPersonal([referral.id]);
  });

  test("the driegesprek: proposed, confirmed and held each write one event for both sides", async () => {
    const n = await subscribedNetwork("Schuldhulp Webhook Driegesprek");
    const sw = n.sender.worker.browser;
    const rw = n.receiver.worker.browser;
    const { referral } = await world.refer(n);
    await world.walk(rw, referral.id, [{ to: "accepted" }]);
    const path = { params: { path: { referralId: referral.id } } };
    expect(
      (await rw.client.PUT("/referrals/{referralId}/driegesprek", { ...path, body: { moments: [later(HOUR)] } })).response.status,
    ).toBe(200);
    expect(
      (
        await sw.client.POST("/referrals/{referralId}/driegesprek/confirmation", {
          ...path,
          body: { at: later(HOUR), place: texts.place },
        })
      ).response.status,
    ).toBe(200);
    t.clock.advance(HOUR);
    expect(
      (
        await rw.client.POST("/referrals/{referralId}/driegesprek/outcome", {
          ...path,
          body: { held: true, note: texts.driegesprek },
        })
      ).response.status,
    ).toBe(200);
    const events = (await eventsOf(referral.id, orgNames(n))).filter(
      ([type]) => type === "nl.schakel.referral.driegesprek-changed",
    );
    expect(events).toEqual([
      ["nl.schakel.referral.driegesprek-changed", 4, ["receiver", "sender"], null],
      ["nl.schakel.referral.driegesprek-changed", 5, ["receiver", "sender"], null],
      ["nl.schakel.referral.driegesprek-changed", 6, ["receiver", "sender"], null],
    ]);
    const rows = await eventRows(referral.id);
    expect(rows.at(-1)?.resourcePath).toBe(`/api/v1/referrals/${referral.id}/driegesprek`);
    await expectNothingPersonal([referral.id]);
  });

  test("consent withdrawn: both sides hear of it, and of the withdrawal its open referral gets", async () => {
    const n = await subscribedNetwork("Schuldhulp Webhook Intrekken");
    const sw = n.sender.worker.browser;
    const { referral, consent } = await world.refer(n);
    await world.open(n.receiver.worker.browser, referral.id);
    const withdrawn = await sw.client.POST("/consents/{consentId}/withdrawal", {
      params: { path: { consentId: consent.id } },
      body: { reason: texts.withdrawal },
    });
    expect(withdrawn.response.status).toBe(200);
    expect(await eventsOf(referral.id, orgNames(n))).toEqual([
      ["nl.schakel.referral.created", 1, ["receiver", "sender"], "sent"],
      ["nl.schakel.referral.status-changed", 2, ["receiver", "sender"], "received"],
      ["nl.schakel.referral.consent-withdrawn", 3, ["receiver", "sender"], null],
      ["nl.schakel.referral.status-changed", 4, ["receiver", "sender"], "withdrawn"],
    ]);
    // Withdrawing twice changes nothing, so it tells nothing either.
    await sw.client.POST("/consents/{consentId}/withdrawal", { params: { path: { consentId: consent.id } }, body: {} });
    expect(await eventRows(referral.id)).toHaveLength(4);
    await expectNothingPersonal([referral.id]);
  });

  test("erasing a resident withdraws the consent still in force: its closed referral tells both sides", async () => {
    const n = await subscribedNetwork("Schuldhulp Webhook Wissen");
    const { referral, resident } = await world.refer(n);
    await world.walk(n.sender.worker.browser, referral.id, [{ to: "withdrawn", reason: texts.withdrawal }]);
    const erased = await n.sender.admin.browser.client.POST("/residents/{residentId}/erasure", {
      params: { path: { residentId: resident.id } },
    });
    expect(erased.response.status).toBe(200);
    expect(await eventsOf(referral.id, orgNames(n))).toEqual([
      ["nl.schakel.referral.created", 1, ["receiver", "sender"], "sent"],
      ["nl.schakel.referral.status-changed", 2, ["receiver", "sender"], "withdrawn"],
      ["nl.schakel.referral.consent-withdrawn", 3, ["receiver", "sender"], null],
    ]);
    await expectNothingPersonal([referral.id]);
  });

  test("a refused change writes no event", async () => {
    const n = await subscribedNetwork("Schuldhulp Webhook Geweigerd");
    const rw = n.receiver.worker.browser;
    const { referral } = await world.refer(n);
    const before = await eventRows(referral.id);
    expect(before).toHaveLength(1);
    // Another organization: 404; a stale version: 412; a move that does not exist: 409; the wrong side: 403.
    expect((await sendMessage(n.outsider.worker.browser, referral.id, "Hallo")).response.status).toBe(404);
    await world.open(rw, referral.id);
    expect((await world.move(rw, referral.id, 1, { to: "accepted" })).response.status).toBe(412);
    expect((await world.move(rw, referral.id, 2, { to: "completed", outcome: "helped" })).response.status).toBe(409);
    expect((await world.move(n.sender.worker.browser, referral.id, 2, { to: "accepted" })).response.status).toBe(403);
    // Bad input writes nothing either.
    expect((await sendMessage(rw, referral.id, "")).response.status).toBe(400);
    const after = await eventRows(referral.id);
    expect(after.map((e) => [e.type, e.sequence])).toEqual([
      ["nl.schakel.referral.created", 1],
      ["nl.schakel.referral.status-changed", 2],
    ]);
  });

  test("a change whose transaction rolls back leaves no event and no delivery", async () => {
    const n = await subscribedNetwork("Schuldhulp Webhook Teruggedraaid");
    const { referral } = await world.refer(n);
    await expect(
      withTransaction(t.serviceContext(), async (tx, txCtx) => {
        const [row] = await tx.select().from(referrals).where(eq(referrals.id, referral.id)).for("update");
        if (!row) throw new Error("no referral");
        await applyMove(txCtx, row, { to: "received", at: t.clock.now(), actorUserId: null, actorOrganizationId: null });
        expect(await tx.select().from(webhookEvents).where(eq(webhookEvents.orderingKey, referral.id))).toHaveLength(2);
        throw new Error("something after the move failed");
      }),
    ).rejects.toThrow(/after the move/);
    expect((await eventRows(referral.id)).map((e) => e.sequence)).toEqual([1]);
    expect((await deliveriesOf(referral.id, subNames(n))).map(([seq]) => seq)).toEqual([1, 1]);
    // The next change takes sequence 2: the rolled-back one used up nothing.
    await world.open(n.receiver.worker.browser, referral.id);
    expect((await eventRows(referral.id)).map((e) => e.sequence)).toEqual([1, 2]);
  });
});

describe("service events", () => {
  test("created and changed reach every organization's subscriptions; a refused change writes none", async () => {
    const n = await subscribedNetwork("Schuldhulp Webhook Dienst");
    const service = await world.addService(n.receiver.admin.browser, n.receiver.organization.id, "Budgetcoaching");
    const update = (b: Browser) =>
      b.client.PATCH("/services/{serviceId}", {
        params: { path: { serviceId: service.id } },
        body: { description: "Hulp bij het maken van een budgetplan." },
      });
    expect((await update(n.receiver.admin.browser)).response.status).toBe(200);
    expect((await update(n.outsider.admin.browser)).response.status).toBe(404);
    const rows = await eventRows(service.id);
    expect(rows.map((e) => [e.type, e.sequence, e.organizationIds, e.everyOrganization, e.data, e.resourcePath])).toEqual([
      [
        "nl.schakel.service.created",
        1,
        [n.receiver.organization.id],
        true,
        { serviceId: service.id },
        `/api/v1/services/${service.id}`,
      ],
      [
        "nl.schakel.service.changed",
        2,
        [n.receiver.organization.id],
        true,
        { serviceId: service.id },
        `/api/v1/services/${service.id}`,
      ],
    ]);
    const deliveries = await deliveriesOf(service.id, subNames(n));
    for (const who of ["sender", "receiver", "outsider"]) {
      expect(
        deliveries.filter(([, s]) => s === who).map(([seq]) => seq),
        who,
      ).toEqual([1, 2]);
    }
  });
});

describe.runIf(Boolean(process.env.DATABASE_URL))("on PostgreSQL", () => {
  test("many changes to one referral at once still number its events 1..n, without gap or double", async () => {
    const n = await subscribedNetwork("Schuldhulp Webhook Race");
    const sw = n.sender.worker.browser;
    const rw = n.receiver.worker.browser;
    const { referral } = await world.refer(n);
    const ROUNDS = 12;
    const answers = await Promise.all(
      Array.from({ length: ROUNDS }, (_, i) => sendMessage(i % 2 === 0 ? sw : rw, referral.id, `Bericht ${i}`)),
    );
    expect(answers.map((a) => a.response.status)).toEqual(Array(ROUNDS).fill(201));
    const rows = await eventRows(referral.id);
    expect(rows.map((r) => r.sequence)).toEqual(Array.from({ length: ROUNDS + 1 }, (_, i) => i + 1));
    expect(rows.filter((r) => r.type === ("nl.schakel.referral.message-created" satisfies WebhookEventType))).toHaveLength(
      ROUNDS,
    );
    const deliveries = await deliveriesOf(referral.id, subNames(n));
    expect(deliveries.filter(([, s]) => s === "receiver")).toHaveLength(ROUNDS + 1);
  });

  test("messages, a driegesprek and a withdrawal at once: one event per change that committed, 1..n", async () => {
    const n = await subscribedNetwork("Schuldhulp Webhook Race Gemengd");
    const sw = n.sender.worker.browser;
    const rw = n.receiver.worker.browser;
    for (let round = 0; round < 5; round++) {
      const { referral } = await world.refer(n);
      const opened = await world.open(rw, referral.id); // received: event 2
      const sender = await world.open(sw, referral.id);
      const path = { params: { path: { referralId: referral.id } } };
      const answers = await Promise.all([
        ...Array.from({ length: 6 }, (_, i) => sendMessage(i % 2 === 0 ? sw : rw, referral.id, `Bericht ${i}`)),
        rw.client.PUT("/referrals/{referralId}/driegesprek", { ...path, body: { moments: [later(HOUR)] } }),
        world.move(sw, referral.id, sender.version, { to: "withdrawn", reason: "Dubbel aangemeld" }),
      ]);
      expect(opened.status).toBe("received");
      const committed = answers.filter((a) => a.response.status < 300).length;
      // Whatever came after the withdrawal was refused (409), and wrote nothing.
      expect(
        answers.every((a) => [200, 201, 409].includes(a.response.status)),
        `round ${round}`,
      ).toBe(true);
      const rows = await eventRows(referral.id);
      expect(
        rows.map((r) => r.sequence),
        `round ${round}`,
      ).toEqual(Array.from({ length: 2 + committed }, (_, i) => i + 1));
    }
  });
});
