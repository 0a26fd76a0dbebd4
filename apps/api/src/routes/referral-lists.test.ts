import type { paths } from "@schakel/api-client";
import { accessLog, contactAttempts, notifications, referralEvents } from "@schakel/db";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestContext, type TestContext } from "../test/harness";
import { type Browser, DAY, RESIDENT, referralWorld } from "../test/referral-world";

type ListQuery = paths["/referrals"]["get"]["parameters"]["query"];

let t: TestContext;
let w: ReturnType<typeof referralWorld>;
beforeAll(async () => {
  t = await createTestContext();
  w = referralWorld(t);
});
afterAll(() => t.close());

async function list(b: Browser, query: ListQuery) {
  return b.client.GET("/referrals", { params: { query } });
}

async function ids(b: Browser, query: ListQuery) {
  const { data, response } = await list(b, { limit: 100, ...query });
  if (!data) throw new Error(`list failed: ${response.status}`);
  return data.data.map((r) => r.id);
}

const assign = (b: Browser, referralId: string, version: number | null, assignedUserId: string | null) =>
  b.client.PATCH("/referrals/{referralId}", {
    params: { path: { referralId }, header: (version === null ? {} : { "if-match": `"${version}"` }) as never },
    body: { assignedUserId },
  });

describe("happy path", () => {
  test("the receiver finds it in the inbox, the sender in the outbox — each with the other side's name", async () => {
    const n = await w.network();
    const { referral } = await w.refer(n);

    const inbox = await list(n.receiver.worker.browser, { box: "inbox" });
    expect(inbox.response.status).toBe(200);
    expect(inbox.data?.meta).toEqual({ nextCursor: null, total: 1 });
    expect(inbox.data?.data).toEqual([
      {
        id: referral.id,
        reference: referral.reference,
        side: "receiver",
        status: "sent",
        outcome: null,
        suggestedService: null,
        expiryReason: null,
        lateSince: null,
        closedAt: null,
        assignee: null,
        service: { id: n.service.id, name: "Schulddienstverlening" },
        counterpart: { id: n.sender.organization.id, name: n.sender.organization.name },
        urgency: "normal",
        overdue: false,
        dueDate: referral.dueDate,
        lastMoveAt: referral.lastMoveAt,
        assignedUserId: null,
        residentName: RESIDENT.name,
      },
    ]);
    // Compact: nothing of the resident but the name.
    const body = JSON.stringify(inbox.data);
    for (const detail of [RESIDENT.phone, RESIDENT.postcode, "schulden bij", "2.500"]) expect(body).not.toContain(detail);

    const outbox = await list(n.sender.worker.browser, { box: "outbox" });
    expect(outbox.data?.data).toMatchObject([
      {
        id: referral.id,
        side: "sender",
        counterpart: { id: n.receiver.organization.id, name: "Plangroep Test" },
        residentName: RESIDENT.name,
      },
    ]);
    expect(await ids(n.sender.worker.browser, { box: "inbox" })).toEqual([]);
    expect(await ids(n.receiver.worker.browser, { box: "outbox" })).toEqual([]);
    expect(await ids(n.receiver.admin.browser, { box: "inbox", organizationId: n.receiver.organization.id })).toEqual([
      referral.id,
    ]);
  });

  test("overdue first, then urgent, then the one waiting longest", async () => {
    const n = await w.network();
    const oldNormal = await w.refer(n);
    const oldUrgent = await w.refer(n, { body: { urgency: "urgent", urgencyReason: "eviction" } });
    await w.advance(n, 14 * DAY); // past the 5 working days of the first two, holidays or not
    const newNormal = await w.refer(n);
    t.clock.advance(60_000);
    const newUrgent = await w.refer(n, { body: { urgency: "urgent", urgencyReason: "energy_cutoff" } });
    t.clock.advance(60_000);
    const newerNormal = await w.refer(n);

    const { data } = await list(n.receiver.worker.browser, { box: "inbox" });
    expect(data?.data.map((r) => r.id)).toEqual([
      oldUrgent.referral.id,
      oldNormal.referral.id,
      newUrgent.referral.id,
      newNormal.referral.id,
      newerNormal.referral.id,
    ]);
    expect(data?.data.map((r) => r.overdue)).toEqual([true, true, false, false, false]);

    // A move resets the clock: accepting the old urgent one takes it out of "overdue".
    const rw = n.receiver.worker.browser;
    await w.walk(rw, oldUrgent.referral.id, [{ to: "accepted" }]);
    const order = [oldNormal, newUrgent, oldUrgent, newNormal, newerNormal].map((r) => r.referral.id);
    expect(await ids(rw, { box: "inbox" })).toEqual(order);

    // The sender sees the same order and overdue flags in the outbox.
    const outbox = await list(n.sender.worker.browser, { box: "outbox" });
    expect(outbox.data?.data.map((r) => [r.id, r.overdue])).toEqual(order.map((id, i) => [id, i === 0]));
  });

  test("cursor pages cover the list in order, without overlap", async () => {
    const n = await w.network();
    const made: string[] = [];
    for (let i = 0; i < 7; i++) {
      const urgent = i % 3 === 0;
      made.push((await w.refer(n, { body: urgent ? { urgency: "urgent", urgencyReason: "no_food" } : {} })).referral.id);
      await w.advance(n, i === 2 ? 14 * DAY : 1000);
    }
    const rw = n.receiver.worker.browser;
    const whole = await ids(rw, { box: "inbox" });
    expect(new Set(whole)).toEqual(new Set(made));

    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const { data } = await list(rw, { box: "inbox", limit: 3, ...(cursor ? { cursor } : {}) });
      if (!data) throw new Error("page failed");
      expect(data.meta.total).toBe(7);
      pages.push(data.data.map((r) => r.id));
      cursor = data.meta.nextCursor ?? undefined;
    } while (cursor);
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(pages.flat()).toEqual(whole);
  });

  test("the receiver assigns a colleague: new version, an event, a notification for them", async () => {
    const n = await w.network();
    const { referral } = await w.refer(n);
    const rw = n.receiver.worker.browser;
    const opened = await w.open(rw, referral.id);
    const res = await assign(rw, referral.id, opened.version, n.receiver.admin.user.id);
    expect(res.response.status).toBe(200);
    expect(res.response.headers.get("ETag")).toBe(`"${opened.version + 1}"`);
    expect(res.data).toMatchObject({ assignedUserId: n.receiver.admin.user.id, version: opened.version + 1 });

    const events = await t.db
      .select()
      .from(referralEvents)
      .where(eq(referralEvents.referralId, referral.id))
      .orderBy(referralEvents.at, referralEvents.id);
    expect(events.at(-1)).toMatchObject({
      type: "assigned",
      actorUserId: n.receiver.worker.user.id,
      details: { assignedUserId: n.receiver.admin.user.id, previousAssignedUserId: null },
    });
    const told = await t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, n.receiver.admin.user.id), eq(notifications.referralId, referral.id)));
    expect(told.map((x) => x.text).filter((x) => x.includes("toegewezen"))).toEqual([
      "Je bent toegewezen aan een verwijzing naar Schulddienstverlening.",
    ]);

    // The answer shows the resident: logged like any read.
    const logged = await t.db
      .select()
      .from(accessLog)
      .where(and(eq(accessLog.action, "referral.assign"), eq(accessLog.actorUserId, n.receiver.worker.user.id)));
    expect(logged).toMatchObject([{ subjectType: "resident", organizationId: n.receiver.organization.id }]);

    // Take yourself off again; null unassigns.
    const off = await assign(n.receiver.admin.browser, referral.id, opened.version + 1, null);
    expect(off.data).toMatchObject({ assignedUserId: null, version: opened.version + 2 });
  });
});

describe("filters", () => {
  test("status (repeatable), overdue, urgency, service and assignedTo", async () => {
    const n = await w.network();
    const other = await w.addService(n.receiver.admin.browser, n.receiver.organization.id, "Budgetcoaching");
    const a = (await w.refer(n)).referral.id; // becomes overdue
    await w.advance(n, 14 * DAY);
    const rw = n.receiver.worker.browser;
    const b = (await w.refer(n, { body: { urgency: "urgent", urgencyReason: "eviction" } })).referral.id;
    const c = (await w.refer(n, { serviceId: other.id })).referral.id;
    const d = (await w.refer(n)).referral.id;
    await w.walk(rw, b, [{ to: "accepted" }]);
    await w.walk(rw, d, [{ to: "declined", reason: "Valt buiten onze doelgroep" }]);
    const cView = await w.open(rw, c);
    await assign(rw, c, cView.version, n.receiver.worker.user.id);

    const inbox = (q: Partial<ListQuery>) => ids(rw, { box: "inbox", ...q });
    expect(new Set(await inbox({}))).toEqual(new Set([a, b, c])); // open ones by default
    expect(await inbox({ status: ["declined"] })).toEqual([d]);
    expect(new Set(await inbox({ status: ["accepted", "declined"] }))).toEqual(new Set([b, d]));
    expect(await inbox({ status: "received" as never })).toEqual([c]);
    expect(await inbox({ overdue: "true" })).toEqual([a]);
    expect(new Set(await inbox({ overdue: "false" }))).toEqual(new Set([b, c]));
    expect(await inbox({ urgency: "urgent" })).toEqual([b]);
    expect(await inbox({ service: other.id })).toEqual([c]);
    expect(await inbox({ assignedTo: "me" })).toEqual([c]);
    expect(await inbox({ assignedTo: n.receiver.worker.user.id })).toEqual([c]);
    expect(await ids(n.receiver.admin.browser, { box: "inbox", assignedTo: "me" })).toEqual([]);
    expect(new Set(await inbox({ assignedTo: "none" }))).toEqual(new Set([a, b]));
    expect(await inbox({ status: ["sent", "received"], urgency: "normal", overdue: "true" })).toEqual([a]);
    // In the outbox, assignedTo is the referring worker.
    expect(new Set(await ids(n.sender.worker.browser, { box: "outbox", assignedTo: "me" }))).toEqual(new Set([a, b, c]));
    expect(await ids(n.sender.admin.browser, { box: "outbox", assignedTo: "me" })).toEqual([]);
  });

  test("the sender sees — and can filter on — only what the resident's feedback level lets through", async () => {
    const n = await w.network();
    const { referral } = await w.refer(n, { consent: { feedbackLevel: "contact_only" } });
    const rw = n.receiver.worker.browser;
    const sw = n.sender.worker.browser;
    await w.walk(rw, referral.id, [{ to: "accepted" }]);
    const outbox = (q: Partial<ListQuery>) => ids(sw, { box: "outbox", ...q });
    expect((await list(sw, { box: "outbox" })).data?.data[0]?.status).toBe("received");
    expect(await outbox({ status: ["accepted"] })).toEqual([]);
    expect(await outbox({ status: ["received"] })).toEqual([referral.id]);
    await t.db
      .insert(contactAttempts)
      .values({ referralId: referral.id, channel: "phone", result: "no_answer", at: t.clock.now() });
    const view = await w.open(rw, referral.id);
    await w.move(rw, referral.id, view.version, { to: "not_reached" });
    expect(await outbox({ status: ["not_reached"] })).toEqual([]);
    expect(await outbox({ status: ["closed"] })).toEqual([referral.id]);
    expect((await list(sw, { box: "outbox", status: ["closed"] })).data?.data[0]?.status).toBe("closed");
    // The receiver sees the real status, and never "closed".
    expect(await ids(rw, { box: "inbox", status: ["not_reached"] })).toEqual([referral.id]);
    expect(await ids(rw, { box: "inbox", status: ["closed"] })).toEqual([]);
  });
});

describe("privacy and the access log", () => {
  test("the receiver sees the name only with contact details consented, and only while consent holds", async () => {
    const n = await w.network();
    const withContact = await w.refer(n);
    const without = await w.refer(n, {
      body: { dataCategories: ["request", "debts"], reachableViaSender: true },
    });
    const rw = n.receiver.worker.browser;
    const names = async () =>
      Object.fromEntries(
        ((await list(rw, { box: "inbox", status: ["sent", "withdrawn"] })).data?.data ?? []).map((r) => [r.id, r.residentName]),
      );
    expect(await names()).toEqual({ [withContact.referral.id]: RESIDENT.name, [without.referral.id]: null });

    await n.sender.worker.browser.client.POST("/consents/{consentId}/withdrawal", {
      params: { path: { consentId: withContact.consent.id } },
      body: { reason: "Wil het zelf regelen" },
    });
    expect(await names()).toEqual({ [withContact.referral.id]: null, [without.referral.id]: null });
    // The sender still sees the name of its own resident.
    const outbox = await list(n.sender.worker.browser, { box: "outbox", status: ["withdrawn"] });
    expect(outbox.data?.data.map((r) => r.residentName)).toEqual([RESIDENT.name]);
  });

  test("each page that shows names is one access-log row; pages without names are not logged", async () => {
    const n = await w.network();
    const named = await w.refer(n);
    t.clock.advance(60_000);
    await w.refer(n, { body: { dataCategories: ["request"], categoryNotes: {}, reachableViaSender: true } });
    const rw = n.receiver.worker.browser;
    await list(rw, { box: "inbox", limit: 1 }); // the first page: the named one (oldest)
    const second = await list(rw, { box: "inbox", limit: 1 });
    await list(rw, { box: "inbox", limit: 1, cursor: second.data?.meta.nextCursor ?? "" });
    const rows = await t.db
      .select()
      .from(accessLog)
      .where(and(eq(accessLog.action, "referral.list"), eq(accessLog.actorUserId, n.receiver.worker.user.id)));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      subjectType: "resident",
      organizationId: n.receiver.organization.id,
      details: { box: "inbox", residentIds: [named.resident.id], referralIds: [named.referral.id], shown: ["name"] },
    });
  });
});

describe("authorisation", () => {
  test("another organization sees nothing: empty lists, 404 for its id or on assigning", async () => {
    const n = await w.network();
    const { referral } = await w.refer(n);
    const ow = n.outsider.worker.browser;
    expect(await ids(ow, { box: "inbox" })).toEqual([]);
    expect(await ids(ow, { box: "outbox" })).toEqual([]);
    expect((await list(ow, { box: "inbox", organizationId: n.receiver.organization.id })).response.status).toBe(404);
    expect((await assign(ow, referral.id, 1, n.outsider.worker.user.id)).response.status).toBe(404);
    expect((await t.anonymous().client.GET("/referrals", { params: { query: { box: "inbox" } } })).response.status).toBe(401);
  });

  test("assigning: receiving side only, a member of the receiver, the current version, an open referral", async () => {
    const n = await w.network();
    const { referral } = await w.refer(n);
    const rw = n.receiver.worker.browser;
    const { version } = await w.open(rw, referral.id);
    const sender = await assign(n.sender.worker.browser, referral.id, version, n.sender.worker.user.id);
    expect(sender.response.status).toBe(403);
    const notMember = await assign(rw, referral.id, version, n.sender.worker.user.id);
    expect(notMember.response.status).toBe(422);
    expect(notMember.error).toMatchObject({ type: expect.stringMatching(/assignee-not-member$/) });
    expect((await assign(rw, referral.id, version - 1, n.receiver.worker.user.id)).response.status).toBe(412);
    const missing = await assign(rw, referral.id, null, n.receiver.worker.user.id);
    expect(missing.response.status).toBe(428);
    expect(missing.response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    const both = await Promise.all([
      assign(rw, referral.id, version, n.receiver.worker.user.id),
      assign(n.receiver.admin.browser, referral.id, version, n.receiver.admin.user.id),
    ]);
    expect(both.map((r) => r.response.status).sort()).toEqual([200, 412]);

    const declined = await w.walk(rw, referral.id, [{ to: "declined", reason: "Vol" }]);
    expect((await assign(rw, referral.id, declined.version, n.receiver.worker.user.id)).response.status).toBe(409);
  });

  test("a bad query is one 400 naming every problem", async () => {
    const n = await w.network();
    const { response, error } = await list(n.sender.worker.browser, {
      box: "elsewhere" as never,
      limit: 500,
      assignedTo: "iemand" as never,
    });
    expect(response.status).toBe(400);
    expect((error as { invalidParams: { name: string }[] }).invalidParams.map((p) => p.name).sort()).toEqual([
      "query.assignedTo",
      "query.box",
      "query.limit",
    ]);
    const cursor = await list(n.sender.worker.browser, { box: "outbox", cursor: "bm9wZQ" });
    expect(cursor.response.status).toBe(400);
  });

  test("changedSince in year 0000 (which PostgreSQL does not have) is a 400 naming it, never a 500", async () => {
    const n = await w.network();
    const { response, error } = await list(n.sender.worker.browser, { box: "outbox", changedSince: "0000-01-01T00:00:00Z" });
    expect(response.status).toBe(400);
    expect((error as { invalidParams: { name: string }[] }).invalidParams.map((p) => p.name)).toEqual(["query.changedSince"]);
  });
});
