import { formatReference } from "@schakel/core";
import { memberships, referrals } from "@schakel/db";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runEscalationLadder } from "../scheduler/escalation-ladder";
import { createTestContext, type TestContext } from "../test/harness";
import { RESIDENT, referralWorld } from "../test/referral-world";

// On PostgreSQL the list spans every test file's network: we look for our own referrals in it.

let t: TestContext;
let world: ReturnType<typeof referralWorld>;
beforeAll(async () => {
  t = await createTestContext();
  world = referralWorld(t);
});
afterAll(() => t.close());

const pass = () => runEscalationLadder(t.serviceContext(null), t.clock.now());

type Network = Awaited<ReturnType<ReturnType<typeof referralWorld>["network"]>>;
/** The clock at `iso`, everyone signed in again. */
const at = (n: Network, iso: string) => world.advance(n, new Date(iso).getTime() - t.clock.now().getTime());

type Browser = Awaited<ReturnType<TestContext["signedIn"]>>;

/** Every page of the list, following meta.nextCursor. */
async function allPages(b: Browser, limit: number) {
  const items = [];
  let cursor: string | undefined;
  let pages = 0;
  for (;;) {
    const { data, response } = await b.client.GET("/late-referrals", { params: { query: { limit, cursor } } });
    if (!data) throw new Error(`list failed: ${response.status}`);
    items.push(...data.data);
    pages++;
    if (!data.meta.nextCursor) break;
    cursor = data.meta.nextCursor;
  }
  return { items, pages };
}

describe("GET /late-referrals", () => {
  test("a coordinator sees the late referrals of the network, longest late first, without the resident", async () => {
    t.clock.set(new Date("2025-03-03T08:00:00Z")); // Monday 3 March 2025
    const n = await world.network({ responseTargetDays: 5, serviceName: "Schuldhulp Laat", receiverName: "Plangroep Laat" });
    const first = await world.refer(n);
    await at(n, "2025-03-04T08:00:00Z");
    const second = await world.refer(n);
    const onTime = await world.refer(n);

    // 4–7, 10 March: reminded from 11 March; told 5 working days later, from 18 March.
    await at(n, "2025-03-10T23:00:00Z");
    await pass();
    await at(n, "2025-03-17T23:00:00Z");
    await pass();
    await at(n, "2025-03-18T23:00:00Z");
    await pass();
    // The third one is late too, until the receiver opens it (a move ends 'te laat').
    const [third] = await t.db.select().from(referrals).where(eq(referrals.id, onTime.referral.id));
    expect(third?.lateSince).not.toBeNull();
    await at(n, "2025-03-20T09:00:00Z"); // Thursday 20 March
    await world.open(n.receiver.worker.browser, onTime.referral.id);

    const coordinatorOrg = await t.make.organization({ kind: "gemeente", name: "Gemeente Regie" });
    const coordinator = await t.make.member(coordinatorOrg.id, "coordinator");
    const browser = await t.signedIn(coordinator.user.email);
    const { items, pages } = await allPages(browser, 1);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    const ours = items.filter((i) => [first.referral.id, second.referral.id, onTime.referral.id].includes(i.id));
    expect(ours.map((i) => i.id)).toEqual([first.referral.id, second.referral.id]);
    const [row] = await t.db.select().from(referrals).where(eq(referrals.id, first.referral.id));
    expect(ours[0]).toEqual({
      id: first.referral.id,
      reference: formatReference(row?.reference ?? 0),
      service: { id: n.service.id, name: "Schuldhulp Laat" },
      receiver: { id: n.receiver.organization.id, name: "Plangroep Laat" },
      sender: { id: n.sender.organization.id, name: n.sender.organization.name },
      status: "sent",
      urgency: "normal",
      lateSince: "2025-03-17T23:00:00.000Z",
      // Late from the start of Tuesday 18 March; on Thursday the 20th, 18 and 19 March have passed.
      workingDaysLate: 2,
    });
    expect(ours[1]?.lateSince).toBe("2025-03-18T23:00:00.000Z");
    expect(ours[1]?.workingDaysLate).toBe(1);
    const text = JSON.stringify(items);
    for (const secret of [RESIDENT.name, RESIDENT.phone, RESIDENT.postcode, "zorgverzekeraar", "2.500"]) {
      expect(text).not.toContain(secret);
    }
  });

  test("workers and admins without the coordinator role get 403, anonymous 401, a bad cursor 400", async () => {
    const org = await t.organizationWithStaff();
    for (const b of [org.worker.browser, org.admin.browser]) {
      const { response, error } = await b.client.GET("/late-referrals", {});
      expect(response.status).toBe(403);
      expect(error?.detail).toBe("Alleen een netwerkcoördinator ziet de verwijzingen die te laat zijn.");
    }
    const anonymous = await t.anonymous().client.GET("/late-referrals", {});
    expect(anonymous.response.status).toBe(401);

    // A coordinator who left (membership no longer active) is refused too.
    const coordinatorOrg = await t.make.organization({ kind: "gemeente" });
    const former = await t.make.member(coordinatorOrg.id, "coordinator");
    const browser = await t.signedIn(former.user.email);
    const bad = await browser.client.GET("/late-referrals", { params: { query: { cursor: "nope" } } });
    expect(bad.response.status).toBe(400);
    await t.db.update(memberships).set({ status: "deactivated" }).where(eq(memberships.id, former.membership.id));
    const refused = await browser.client.GET("/late-referrals", {});
    expect(refused.response.status).toBe(403);
  });
});
