import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { referralsInWindow } from "../services/sociale-kaart/get-service-responsiveness";
import { createTestContext, type TestContext } from "../test/harness";
import { DAY, referralWorld } from "../test/referral-world";

let t: TestContext;
let world: ReturnType<typeof referralWorld>;
beforeAll(async () => {
  t = await createTestContext();
  world = referralWorld(t);
});
afterAll(() => t.close());

type Network = Awaited<ReturnType<ReturnType<typeof referralWorld>["network"]>>;

const figuresOf = async (serviceId: string, client = t.anonymous().client) => {
  const { data, response } = await client.GET("/services/{serviceId}/responsiveness", { params: { path: { serviceId } } });
  expect(response.status).toBe(200);
  return data;
};

/** The receiver opens the referral (it becomes received) and answers. */
async function answer(n: Network, referralId: string, to: "accepted" | "declined") {
  return world.walk(n.receiver.worker.browser, referralId, [to === "declined" ? { to, reason: "Wij zitten vol." } : { to }]);
}

describe("getServiceResponsiveness", () => {
  test("real referrals moved through the API: holidays are no working days, figures only from five referrals on", async () => {
    // Thursday 2 April 2026, 11:00 in Amsterdam; Goede Vrijdag (3rd) and Tweede Paasdag (6th) follow.
    t.clock.set(new Date("2026-04-02T09:00:00Z"));
    const n = await world.network({ responseTargetDays: 2 });
    const refs = [];
    for (let i = 0; i < 4; i++) refs.push((await world.refer(n)).referral);

    const four = await figuresOf(n.service.id);
    expect(four).toMatchObject({ serviceId: n.service.id, minimumReferrals: 5, figures: null });
    expect(four?.until).toBe("2026-04-02T09:00:00.000Z");
    expect(four?.since).toBe("2025-04-02T09:00:00.000Z");

    refs.push((await world.refer(n)).referral);
    const [r1, r2, r3, r4] = refs.map((r) => r.id) as [string, string, string, string];
    await answer(n, r1, "accepted"); // the same day: 0 working days
    expect((await figuresOf(n.service.id))?.figures).toMatchObject({ referrals: 5, responded: 1, medianWorkingDays: 0 });

    await world.advance(n, 5 * DAY); // Tuesday 7 April
    await answer(n, r2, "accepted"); // 1 working day: Friday and Monday were holidays
    await answer(n, r3, "declined"); // 1
    // A later move of an answered referral is no new first response.
    await world.walk(n.receiver.worker.browser, r1, [{ to: "in_contact" }]);

    await world.advance(n, 2 * DAY); // Thursday 9 April: the target (end of Wednesday 8) has run out
    await answer(n, r4, "accepted"); // 3 working days: late
    // r5 is never answered: past its target, so not within it.

    const figures = await figuresOf(n.service.id);
    expect(figures?.figures).toEqual({
      referrals: 5,
      responded: 4,
      medianWorkingDays: 1,
      acceptedShare: 3 / 4,
      withinTargetShare: 3 / 5,
    });
    // Partners see the same figures for their own service, and so does anyone else: aggregates only.
    expect(await figuresOf(n.service.id, n.receiver.admin.browser.client)).toEqual(figures);
    expect(await figuresOf(n.service.id, n.outsider.worker.browser.client)).toEqual(figures);
    expect(JSON.stringify(figures)).not.toMatch(/Sam|Jansen|06-|6811|schulden/);
  });

  test("the window is the last twelve months, and the receiver's closing days count as no working days", async () => {
    // Monday 5 January 2026; the receiver is closed on Tuesday the 6th.
    t.clock.set(new Date("2026-01-05T09:00:00Z"));
    const n = await world.network({ responseTargetDays: 5 });
    const closing = await n.receiver.admin.browser.client.POST("/organizations/{organizationId}/closing-days", {
      params: { path: { organizationId: n.receiver.organization.id } },
      body: { day: "2026-01-06", label: "Studiedag" },
    });
    expect(closing.response.status).toBe(201);
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push((await world.refer(n)).referral.id);
    await world.advance(n, 2 * DAY); // Wednesday 7 January
    for (const id of ids) await answer(n, id, "accepted");

    expect((await figuresOf(n.service.id))?.figures).toEqual({
      referrals: 5,
      responded: 5,
      medianWorkingDays: 1,
      acceptedShare: 1,
      withinTargetShare: 1,
    });

    t.clock.set(new Date("2027-01-05T08:59:00Z")); // a minute short of twelve months: still in the window
    expect((await figuresOf(n.service.id))?.figures).toMatchObject({ referrals: 5 });
    t.clock.set(new Date("2027-01-05T09:01:00Z")); // past them: nothing left to show
    expect((await figuresOf(n.service.id))?.figures).toBeNull();
  });

  test("the referrals are read through referrals_service_id_created_at_idx", async () => {
    const now = t.clock.now();
    const query = referralsInWindow(t.db, randomUUID(), new Date(now.getTime() - 365 * DAY), now);
    const plan = await t.db.transaction(async (tx) => {
      // The test tables are small, so the planner would read them whole; forbid that to see the index it picks.
      await tx.execute(sql`set local enable_seqscan = off`);
      const result = await tx.execute(sql`explain ${query}`);
      return JSON.stringify((result as { rows?: unknown[] }).rows ?? result);
    });
    expect(plan).toContain("referrals_service_id_created_at_idx");
  });

  test("an unknown service is 404, a malformed id 400", async () => {
    const client = t.anonymous().client;
    const missing = await client.GET("/services/{serviceId}/responsiveness", { params: { path: { serviceId: randomUUID() } } });
    expect(missing.response.status).toBe(404);
    expect(missing.response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    const bad = await client.GET("/services/{serviceId}/responsiveness", { params: { path: { serviceId: "nope" } } });
    expect(bad.response.status).toBe(400);
  });
});
