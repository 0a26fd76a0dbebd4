import { randomUUID } from "node:crypto";
import { webhookDeliveries, webhookEvents, webhookSubscriptions } from "@schakel/db";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext, withTransaction } from "../../test/harness";
import { recordWebhookEvent } from "./outbox";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

async function subscription(organizationId: string, overrides: Partial<typeof webhookSubscriptions.$inferInsert> = {}) {
  const now = t.clock.now();
  const [row] = await t.db
    .insert(webhookSubscriptions)
    .values({
      organizationId,
      description: "test",
      url: "https://partner.example/hook",
      eventTypes: ["nl.schakel.referral.status-changed"],
      secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
      verifiedAt: now,
      createdAt: now,
      updatedAt: now,
      ...overrides,
    })
    .returning();
  if (!row) throw new Error("no subscription");
  return row;
}

describe("recordWebhookEvent", () => {
  it("numbers the events of one key 1, 2, 3 and queues a delivery for each live subscription that asked for the type", async () => {
    const org = await t.make.organization();
    const other = await t.make.organization();
    const live = await subscription(org.id);
    await subscription(org.id, { verifiedAt: null }); // not verified yet: not live
    await subscription(org.id, { active: false });
    await subscription(org.id, { eventTypes: ["nl.schakel.service.changed"] });
    await subscription(other.id); // another organization's
    const key = randomUUID();
    const write = () =>
      withTransaction(t.serviceContext(), (tx) =>
        recordWebhookEvent(tx, {
          type: "nl.schakel.referral.status-changed",
          time: t.clock.now(),
          resourcePath: `/api/v1/referrals/${key}`,
          orderingKey: key,
          organizationIds: [org.id, org.id],
        }),
      );
    const sequences = [(await write()).sequence, (await write()).sequence, (await write()).sequence];
    expect(sequences).toEqual([1, 2, 3]);
    const deliveries = await t.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.orderingKey, key))
      .orderBy(asc(webhookDeliveries.sequence));
    expect(deliveries.map((d) => [d.subscriptionId, d.sequence, d.status])).toEqual([
      [live.id, 1, "pending"],
      [live.id, 2, "pending"],
      [live.id, 3, "pending"],
    ]);
  });

  it("writes nothing when the change's transaction rolls back", async () => {
    const org = await t.make.organization();
    await subscription(org.id);
    const key = randomUUID();
    await expect(
      withTransaction(t.serviceContext(), async (tx) => {
        await recordWebhookEvent(tx, {
          type: "nl.schakel.referral.status-changed",
          time: t.clock.now(),
          resourcePath: `/api/v1/referrals/${key}`,
          orderingKey: key,
          organizationIds: [org.id],
        });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await t.db.select().from(webhookEvents).where(eq(webhookEvents.orderingKey, key))).toEqual([]);
    expect(await t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.orderingKey, key))).toEqual([]);
  });
});
