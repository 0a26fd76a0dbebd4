/**
 * Issue 8, items 4 and 5: the sender's overview (counts, what changed since the last visit, the
 * outbox's new filters and fields, within each resident's feedback level), re-referring after a
 * decline with a suggested service (previousReferralId), notifications that say which referral,
 * and the receiver's colleagues and assignee in the inbox. Every refusal from the outside.
 */
import type { paths } from "@schakel/api-client";
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

async function outbox(b: Browser, query: Partial<ListQuery> = {}) {
  const { data, response } = await b.client.GET("/referrals", { params: { query: { box: "outbox", limit: 100, ...query } } });
  if (!data) throw new Error(`list failed: ${response.status}`);
  return data;
}

async function overview(b: Browser, organizationId?: string) {
  const { data, response } = await b.client.GET("/me/overview", {
    params: { query: organizationId ? { organizationId } : {} },
  });
  if (!data) throw new Error(`overview failed: ${response.status}`);
  return data;
}

const visit = (b: Browser) => b.client.PUT("/me/overview-visit");

describe("the sender's overview", () => {
  test("counts open, late, declined with a suggestion and closed; changed counts only since the last visit", async () => {
    const n = await w.network();
    const sw = n.sender.worker.browser;
    const other = await w.addService(n.receiver.admin.browser, n.receiver.organization.id, "Budgetcoaching");
    const completed = await w.refer(n);
    const declined = await w.refer(n);
    const stalled = await w.refer(n);

    const before = await overview(sw, n.sender.organization.id);
    expect(before.lastVisitAt).toBeNull();
    expect(before.counts).toEqual({ all: 3, open: 3, overdue: 0, suggestion: 0, closed: 0, changed: 0 });

    const { data: seen } = await visit(sw);
    expect(seen?.lastVisitAt).toBe(t.clock.now().toISOString());
    t.clock.advance(60_000);

    const rw = n.receiver.worker.browser;
    await w.walk(rw, completed.referral.id, [{ to: "accepted" }, { to: "in_contact" }, { to: "completed", outcome: "helped" }]);
    await w.walk(rw, declined.referral.id, [
      { to: "declined", reason: "Past beter bij budgetcoaching", suggestedServiceId: other.id },
    ]);
    await w.advance(n, 14 * DAY);

    const after = await overview(n.sender.worker.browser, n.sender.organization.id);
    expect(after.lastVisitAt).toBe(seen?.lastVisitAt);
    expect(after.counts).toEqual({ all: 3, open: 1, overdue: 1, suggestion: 1, closed: 2, changed: 2 });

    // The items behind each count come from the outbox with the same filters.
    const sw2 = n.sender.worker.browser;
    const changed = await outbox(sw2, { status: ["sent", "completed", "declined"], changedSince: seen?.lastVisitAt });
    expect(changed.data.map((r) => r.id).sort()).toEqual([completed.referral.id, declined.referral.id].sort());
    const suggested = await outbox(sw2, { status: "declined", suggestion: "true" });
    expect(suggested.data).toMatchObject([
      {
        id: declined.referral.id,
        reference: declined.referral.reference,
        status: "declined",
        suggestedService: { id: other.id, name: "Budgetcoaching" },
        residentName: RESIDENT.name,
      },
    ]);
    const late = await outbox(sw2, { overdue: "true" });
    expect(late.data.map((r) => r.id)).toEqual([stalled.referral.id]);
    const closed = await outbox(sw2, { status: ["completed", "declined", "not_reached", "withdrawn", "expired", "closed"] });
    const done = closed.data.find((r) => r.id === completed.referral.id);
    // The resident chose outcome: the sender sees how it ended.
    expect(done).toMatchObject({ status: "completed", outcome: "helped", suggestedService: null, assignee: null });
    expect(done?.closedAt).not.toBeNull();

    // A new visit: nothing changed since.
    await visit(sw2);
    expect((await overview(sw2, n.sender.organization.id)).counts.changed).toBe(0);

    // The sender's own message is no news to them; the receiver's answer is.
    t.clock.advance(60_000);
    const path = { params: { path: { referralId: stalled.referral.id } } };
    await sw2.client.POST("/referrals/{referralId}/messages", { ...path, body: { text: "Al iets gehoord?" } });
    expect((await overview(sw2, n.sender.organization.id)).counts.changed).toBe(0);
    const answered = await n.receiver.worker.browser.client.POST("/referrals/{referralId}/messages", {
      ...path,
      body: { text: "We bellen morgen." },
    });
    expect(answered.response.status).toBe(201);
    expect((await overview(sw2, n.sender.organization.id)).counts.changed).toBe(1);
  });

  test("under contact_only a move the sender cannot see is no change, and how it ended stays hidden", async () => {
    const n = await w.network();
    const sw = n.sender.worker.browser;
    const quiet = await w.refer(n, { consent: { feedbackLevel: "contact_only" } });
    const ended = await w.refer(n, { consent: { feedbackLevel: "contact_only" } });
    const rw = n.receiver.worker.browser;
    // Opened (sent → received, which the sender sees) before the visit.
    await w.open(rw, quiet.referral.id);
    await w.open(rw, ended.referral.id);
    const { data: seen } = await visit(sw);
    t.clock.advance(60_000);
    // received → accepted looks like "received" to this sender: no news.
    await w.walk(rw, quiet.referral.id, [{ to: "accepted" }]);
    await w.walk(rw, ended.referral.id, [{ to: "accepted" }, { to: "in_contact" }, { to: "completed", outcome: "helped" }]);

    const { counts } = await overview(sw, n.sender.organization.id);
    expect(counts).toMatchObject({ changed: 1, closed: 1, open: 1 });
    const changed = await outbox(sw, { status: ["received", "closed", "completed"], changedSince: seen?.lastVisitAt });
    expect(changed.data.map((r) => [r.id, r.status, r.outcome])).toEqual([[ended.referral.id, "closed", null]]);
    // Filtering on the real status reveals nothing either.
    expect((await outbox(sw, { status: "completed" })).data).toEqual([]);
  });

  test("refusals: anonymous 401, another organization's overview 404; the visit is one's own", async () => {
    const n = await w.network();
    const anonymous = t.anonymous();
    expect((await anonymous.client.GET("/me/overview", { params: { query: {} } })).response.status).toBe(401);
    expect((await anonymous.client.PUT("/me/overview-visit")).response.status).toBe(401);
    const { response } = await n.outsider.worker.browser.client.GET("/me/overview", {
      params: { query: { organizationId: n.sender.organization.id } },
    });
    expect(response.status).toBe(404);
    // The sender's admin has not visited: their own lastVisitAt stays empty when the worker visits.
    await visit(n.sender.worker.browser);
    expect((await overview(n.sender.admin.browser)).lastVisitAt).toBeNull();
  });
});

describe("re-referring after a decline with a suggested service", () => {
  test("the new referral points at the old one, and the old one at the new", async () => {
    const n = await w.network();
    const other = await w.addService(n.receiver.admin.browser, n.receiver.organization.id, "Budgetcoaching");
    const first = await w.refer(n);
    await w.walk(n.receiver.worker.browser, first.referral.id, [
      { to: "declined", reason: "Past beter bij budgetcoaching", suggestedServiceId: other.id },
    ]);
    const sw = n.sender.worker.browser;
    const declined = await w.open(sw, first.referral.id);
    expect(declined).toMatchObject({ suggestedService: { id: other.id, name: "Budgetcoaching" }, followUpReferralId: null });

    const { data: second, response } = await sw.client.POST("/referrals", {
      body: w.referralBody(first.resident.id, other.id, first.consent.id, { previousReferralId: first.referral.id }),
    });
    expect(response.status).toBe(201);
    expect(second?.previousReferralId).toBe(first.referral.id);
    expect(second?.reference).toBeGreaterThan(first.referral.reference);
    expect((await w.open(sw, first.referral.id)).followUpReferralId).toBe(second?.id);
    // The receiver does not learn of the sender's chain.
    const asReceiver = await w.open(n.receiver.worker.browser, second?.id ?? "");
    expect(asReceiver.previousReferralId).toBeNull();
  });

  test("refused with 422: a previous referral that is still open, of another resident, or of another organization", async () => {
    const n = await w.network();
    const other = await w.addService(n.receiver.admin.browser, n.receiver.organization.id, "Budgetcoaching");
    const open = await w.refer(n);
    const sw = n.sender.worker.browser;
    const still = await sw.client.POST("/referrals", {
      body: w.referralBody(open.resident.id, other.id, open.consent.id, { previousReferralId: open.referral.id }),
    });
    expect(still.response.status).toBe(422);
    expect(still.error?.type).toMatch(/previous-referral-invalid$/);

    const closed = await w.refer(n);
    await w.walk(n.receiver.worker.browser, closed.referral.id, [{ to: "declined", reason: "Niet voor ons" }]);
    const wrongResident = await sw.client.POST("/referrals", {
      body: w.referralBody(open.resident.id, other.id, open.consent.id, { previousReferralId: closed.referral.id }),
    });
    expect(wrongResident.response.status).toBe(422);

    // Another organization's referral: the outsider cannot hang its own on it.
    const outsider = n.outsider.worker.browser;
    const theirs = await w.residentWithConsent(outsider, n.outsider.organization.id, n.receiver.organization.id);
    const foreign = await outsider.client.POST("/referrals", {
      body: w.referralBody(theirs.resident.id, other.id, theirs.consent.id, { previousReferralId: closed.referral.id }),
    });
    expect(foreign.response.status).toBe(422);
    expect(JSON.stringify(foreign.error)).not.toContain(RESIDENT.name);
  });
});

describe("notifications say which referral", () => {
  test("each carries the referral's reference and service, never the resident", async () => {
    const n = await w.network();
    const { referral } = await w.refer(n);
    const { data } = await n.receiver.worker.browser.client.GET("/notifications", { params: { query: {} } });
    expect(data?.data[0]).toMatchObject({
      referralId: referral.id,
      kind: "referral_new",
      referral: { id: referral.id, reference: referral.reference, serviceName: "Schulddienstverlening" },
    });
    expect(JSON.stringify(data)).not.toContain(RESIDENT.name);
    const id = data?.data[0]?.id ?? "";
    const { data: read } = await n.receiver.worker.browser.client.POST("/notifications/{notificationId}/read", {
      params: { path: { notificationId: id } },
    });
    expect(read?.referral?.reference).toBe(referral.reference);
  });
});

describe("the receiver's colleagues and the inbox's assignee", () => {
  test("workers list their own organization's active workers and admins by name, and filter the inbox by them", async () => {
    const n = await w.network({ receiverWorkerName: "Aaltje Aarts" });
    const org = n.receiver.organization.id;
    const coordinator = await t.make.member(org, "coordinator", { name: "Coby Coördinator" });
    const gone = await t.make.member(org, "worker", { name: "Gijs Gestopt" });
    await n.receiver.admin.browser.client.PATCH("/organizations/{organizationId}/members/{memberId}", {
      params: { path: { organizationId: org, memberId: gone.membership.id } },
      body: { status: "deactivated" },
    });
    const rw = n.receiver.worker.browser;
    const { data, response } = await rw.client.GET("/organizations/{organizationId}/colleagues", {
      params: { path: { organizationId: org } },
    });
    expect(response.status).toBe(200);
    expect(data?.data).toEqual(
      [
        { id: n.receiver.worker.user.id, name: "Aaltje Aarts" },
        { id: n.receiver.admin.user.id, name: n.receiver.admin.user.name },
      ].sort((a, b) => a.name.localeCompare(b.name)),
    );
    expect(JSON.stringify(data)).not.toContain(coordinator.user.name);
    expect(JSON.stringify(data)).not.toContain("@");

    const mine = await w.refer(n);
    const theirs = await w.refer(n);
    await w.refer(n);
    const given = await rw.client.PATCH("/referrals/{referralId}", {
      params: {
        path: { referralId: theirs.referral.id },
        header: { "if-match": `"${(await w.open(rw, theirs.referral.id)).version}"` },
      },
      body: { assignedUserId: n.receiver.admin.user.id },
    });
    expect(given.response.status).toBe(200);
    const taken = await w.open(rw, mine.referral.id);
    await rw.client.PATCH("/referrals/{referralId}", {
      params: { path: { referralId: mine.referral.id }, header: { "if-match": `"${taken.version}"` } },
      body: { assignedUserId: n.receiver.worker.user.id },
    });

    const inbox = async (assignedTo: string) => {
      const { data: page } = await rw.client.GET("/referrals", { params: { query: { box: "inbox", assignedTo } } });
      return page?.data ?? [];
    };
    expect((await inbox("me")).map((r) => [r.id, r.assignee])).toEqual([
      [mine.referral.id, { id: n.receiver.worker.user.id, name: "Aaltje Aarts" }],
    ]);
    expect((await inbox(n.receiver.admin.user.id)).map((r) => r.id)).toEqual([theirs.referral.id]);
    expect((await inbox("none")).map((r) => r.assignee)).toEqual([null]);
    // The sender sees no names of the receiver's staff.
    const out = await outbox(n.sender.worker.browser);
    expect(out.data.every((r) => r.assignee === null)).toBe(true);
  });

  test("refusals: another organization 404, anonymous 401, a demoted or deactivated member 403/404", async () => {
    const n = await w.network();
    const org = n.receiver.organization.id;
    const path = { params: { path: { organizationId: org } } };
    expect((await n.sender.worker.browser.client.GET("/organizations/{organizationId}/colleagues", path)).response.status).toBe(
      404,
    );
    expect((await t.anonymous().client.GET("/organizations/{organizationId}/colleagues", path)).response.status).toBe(401);

    const demoted = await t.make.member(org, "worker");
    const demotedBrowser = await t.signedIn(demoted.user.email);
    expect((await demotedBrowser.client.GET("/organizations/{organizationId}/colleagues", path)).response.status).toBe(200);
    const admin = n.receiver.admin.browser;
    const member = (body: { role?: "coordinator"; status?: "deactivated" }) =>
      admin.client.PATCH("/organizations/{organizationId}/members/{memberId}", {
        params: { path: { organizationId: org, memberId: demoted.membership.id } },
        body,
      });
    expect((await member({ role: "coordinator" })).response.status).toBe(200);
    const refused = await demotedBrowser.client.GET("/organizations/{organizationId}/colleagues", path);
    expect(refused.response.status).toBe(403);
    expect(refused.error?.detail).toMatch(/collega/);
    expect((await member({ status: "deactivated" })).response.status).toBe(200);
    // Deactivated: the session ends (401); signed in elsewhere, the organization is gone for them (404).
    expect((await demotedBrowser.client.GET("/organizations/{organizationId}/colleagues", path)).response.status).toBe(401);
  });
});
