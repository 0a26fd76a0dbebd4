import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { recordAccess } from "../services/access-log";
import { createTestContext, type TestContext } from "../test/harness";
import { type Browser, DAY, referralWorld } from "../test/referral-world";

type Query = {
  organizationId: string;
  from?: string;
  to?: string;
  action?: string;
  subjectType?: string;
  residentId?: string;
  actorUserId?: string;
  cursor?: string;
  limit?: number;
};

let t: TestContext;
let world: ReturnType<typeof referralWorld>;
beforeAll(async () => {
  t = await createTestContext();
  world = referralWorld(t);
});
afterAll(() => t.close());

const readLog = (b: Browser, query: Query) => b.client.GET("/access-log", { params: { query } });

/** A referral sent by the sender's worker, not yet opened. */
async function sentReferral() {
  const n = await world.network({ receiverName: "Schuldhulp Logboek", receiverWorkerName: "Rik Ontvanger" });
  const { resident, consent, referral } = await world.refer(n, {
    resident: { name: "Sam Jansen", phone: "06-12345678" },
    consent: { dataCategories: ["contact", "request"] },
    body: { dataCategories: ["contact", "request"], request: "Sam wil hulp bij zijn schulden.", categoryNotes: undefined },
  });
  return { ...n, resident, consent, referral };
}

/** An organization with staff and `n` log entries one minute apart (oldest first), all before now. */
async function organizationWithEntries(n: number, options: { sameMoment?: boolean } = {}) {
  const org = await t.organizationWithStaff();
  const base = t.clock.now().getTime() - 10 * DAY;
  for (let i = 0; i < n; i++) {
    await recordAccess(t.db, {
      at: new Date(options.sameMoment ? base : base + i * 60_000),
      actorUserId: org.worker.user.id,
      actorOrganizationId: org.organization.id,
      action: i % 2 === 0 ? "resident.read" : "member.list",
      subjectType: i % 2 === 0 ? "resident" : "organization",
      subjectId: `subject-${i}`,
      organizationId: org.organization.id,
      details: { n: i },
    });
  }
  return { ...org, base };
}

describe("happy path", () => {
  test("the receiver's admin sees who at the receiver read the referral, with names", async () => {
    const { receiver, resident, referral } = await sentReferral();
    await receiver.worker.browser.client.GET("/referrals/{referralId}", { params: { path: { referralId: referral.id } } });

    const { data, response } = await readLog(receiver.admin.browser, { organizationId: receiver.organization.id });
    expect(response.status).toBe(200);
    const reads = data?.data.filter((e) => e.action === "referral.read") ?? [];
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({
      actor: {
        user: { id: receiver.worker.user.id, name: "Rik Ontvanger" },
        organization: { id: receiver.organization.id, name: "Schuldhulp Logboek" },
      },
      subjectType: "resident",
      subjectId: resident.id,
      details: { referralId: referral.id },
    });
    expect(reads[0]?.at).toBe(t.clock.now().toISOString());
  });

  test("the sender's admin sees the sender's own work on the resident, not the receiver's reads", async () => {
    const { sender, receiver, resident, referral } = await sentReferral();
    await receiver.worker.browser.client.GET("/referrals/{referralId}", { params: { path: { referralId: referral.id } } });
    await sender.worker.browser.client.GET("/residents/{residentId}", { params: { path: { residentId: resident.id } } });

    const { data } = await readLog(sender.admin.browser, { organizationId: sender.organization.id, subjectType: "resident" });
    expect(data?.data.map((e) => e.action)).toEqual(["resident.read", "referral.create", "consent.record", "resident.create"]);
    expect(data?.data.every((e) => e.actor.user?.id === sender.worker.user.id)).toBe(true);
    expect(data?.data.every((e) => e.subjectId === resident.id)).toBe(true);
  });

  test("newest first, and the cursor walks every entry exactly once, also among entries at the same moment", async () => {
    for (const sameMoment of [false, true]) {
      const { organization, admin } = await organizationWithEntries(7, { sameMoment });
      const seen: number[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const { data, response } = await readLog(admin.browser, {
          organizationId: organization.id,
          limit: 3,
          to: t.clock.now().toISOString(),
          ...(cursor ? { cursor } : {}),
        });
        expect(response.status).toBe(200);
        seen.push(...(data?.data.map((e) => (e.details as { n: number }).n) ?? []));
        cursor = data?.meta.nextCursor ?? undefined;
        pages++;
      } while (cursor && pages < 10);
      expect(seen, sameMoment ? "same moment: by entry number" : "by time").toEqual([6, 5, 4, 3, 2, 1, 0]);
      expect(pages).toBe(3);
    }
  });

  test("filters: from (inclusive), to (exclusive), action and subject type", async () => {
    const { organization, admin, base } = await organizationWithEntries(6);
    const at = (i: number) => new Date(base + i * 60_000).toISOString();
    const ns = async (query: Omit<Query, "organizationId">) => {
      const { data, response } = await readLog(admin.browser, { organizationId: organization.id, to: at(100), ...query });
      expect(response.status).toBe(200);
      return data?.data.map((e) => (e.details as { n: number }).n);
    };
    expect(await ns({ from: at(2), to: at(4) })).toEqual([3, 2]);
    expect(await ns({ action: "resident.read" })).toEqual([4, 2, 0]);
    expect(await ns({ subjectType: "organization", from: at(3) })).toEqual([5, 3]);
    expect(await ns({ action: "nothing.like.this" })).toEqual([]);
  });

  test("reading the log is itself logged", async () => {
    const { organization, admin } = await organizationWithEntries(1);
    await readLog(admin.browser, { organizationId: organization.id, action: "resident.read" });
    const { data } = await readLog(admin.browser, { organizationId: organization.id, action: "access-log.list" });
    expect(data?.data).toHaveLength(1);
    expect(data?.data[0]).toMatchObject({
      actor: { user: { id: admin.user.id } },
      subjectType: "organization",
      subjectId: organization.id,
      details: { count: 1, action: "resident.read" },
    });
  });
});

describe("filters by resident and by person", () => {
  const RESIDENT = "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
  const OTHER_RESIDENT = "2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a";

  /**
   * Entries one minute apart (oldest first), numbered in details.n: by the worker (even) and the
   * admin (odd), about RESIDENT, OTHER_RESIDENT, a list of both, a list of the other only, or no
   * resident.
   */
  async function mixedLog() {
    const org = await t.organizationWithStaff();
    const base = t.clock.now().getTime() - 10 * DAY;
    const plan: { action: string; subjectType: string; subjectId: string | null; residentIds?: string[] }[] = [
      { action: "resident.read", subjectType: "resident", subjectId: RESIDENT },
      { action: "resident.read", subjectType: "resident", subjectId: OTHER_RESIDENT },
      { action: "referral.list", subjectType: "resident", subjectId: null, residentIds: [OTHER_RESIDENT, RESIDENT] },
      { action: "referral.list", subjectType: "resident", subjectId: null, residentIds: [OTHER_RESIDENT] },
      { action: "member.list", subjectType: "organization", subjectId: org.organization.id },
      { action: "resident.update", subjectType: "resident", subjectId: RESIDENT },
      { action: "resident.read", subjectType: "resident", subjectId: RESIDENT },
      // A subject of another kind with the resident's id as text is not about the resident.
      { action: "member.read", subjectType: "member", subjectId: RESIDENT },
    ];
    for (const [i, entry] of plan.entries()) {
      await recordAccess(t.db, {
        at: new Date(base + i * 60_000),
        actorUserId: (i % 2 === 0 ? org.worker : org.admin).user.id,
        actorOrganizationId: org.organization.id,
        action: entry.action,
        subjectType: entry.subjectType,
        subjectId: entry.subjectId,
        organizationId: org.organization.id,
        details: { n: i, ...(entry.residentIds ? { residentIds: entry.residentIds } : {}) },
      });
    }
    const at = (i: number) => new Date(base + i * 60_000).toISOString();
    const ns = async (query: Omit<Query, "organizationId">) => {
      const { data, response } = await readLog(org.admin.browser, { organizationId: org.organization.id, to: at(100), ...query });
      expect(response.status).toBe(200);
      return data?.data.map((e) => (e.details as { n: number }).n);
    };
    return { ...org, at, ns };
  }

  test("by resident: entries about the resident and lists that name them", async () => {
    const { ns } = await mixedLog();
    expect(await ns({ residentId: RESIDENT })).toEqual([6, 5, 2, 0]);
    expect(await ns({ residentId: OTHER_RESIDENT })).toEqual([3, 2, 1]);
  });

  test("by person: entries that person wrote", async () => {
    const { ns, worker, admin } = await mixedLog();
    expect(await ns({ actorUserId: worker.user.id })).toEqual([6, 4, 2, 0]);
    expect(await ns({ actorUserId: admin.user.id })).toEqual([7, 5, 3, 1]);
  });

  test("both together, and with period, action and subject type", async () => {
    const { ns, at, worker, admin } = await mixedLog();
    expect(await ns({ residentId: RESIDENT, actorUserId: worker.user.id })).toEqual([6, 2, 0]);
    expect(await ns({ residentId: RESIDENT, actorUserId: admin.user.id })).toEqual([5]);
    expect(await ns({ residentId: RESIDENT, from: at(2), to: at(6) })).toEqual([5, 2]);
    expect(await ns({ residentId: RESIDENT, action: "resident.read" })).toEqual([6, 0]);
    expect(await ns({ actorUserId: admin.user.id, subjectType: "resident", from: at(2) })).toEqual([5, 3]);
    expect(await ns({ actorUserId: worker.user.id, residentId: OTHER_RESIDENT, action: "referral.list" })).toEqual([2]);
  });

  test("the cursor pages through a filtered log, every entry once", async () => {
    const { organization, admin, at } = await mixedLog();
    const seen: number[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const { data, response } = await readLog(admin.browser, {
        organizationId: organization.id,
        residentId: RESIDENT,
        to: at(100),
        limit: 3,
        ...(cursor ? { cursor } : {}),
      });
      expect(response.status).toBe(200);
      seen.push(...(data?.data.map((e) => (e.details as { n: number }).n) ?? []));
      cursor = data?.meta.nextCursor ?? undefined;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toEqual([6, 5, 2, 0]);
    expect(pages).toBe(2);
  });

  test("a resident or person of another organization gives an empty page, like an unknown id", async () => {
    const { ns } = await mixedLog();
    const other = await mixedLog();
    const { resident } = await world.refer(await world.network(), {
      resident: { name: "Ander Persoon", phone: "06-87654321", preferredChannel: "telefoon" },
    });
    expect(await ns({ residentId: resident.id })).toEqual([]);
    expect(await ns({ actorUserId: other.worker.user.id })).toEqual([]);
    expect(await ns({ residentId: "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a" })).toEqual([]);
  });

  test("the filters are recorded in the log entry of the read", async () => {
    const { organization, admin, worker } = await mixedLog();
    await readLog(admin.browser, { organizationId: organization.id, residentId: RESIDENT, actorUserId: worker.user.id });
    const { data } = await readLog(admin.browser, { organizationId: organization.id, action: "access-log.list" });
    expect(data?.data[0]?.details).toMatchObject({ residentId: RESIDENT, actorUserId: worker.user.id });
  });

  test("a malformed id is 400 naming the parameter", async () => {
    const { organization, admin } = await mixedLog();
    for (const name of ["residentId", "actorUserId"] as const) {
      const bad = await readLog(admin.browser, { organizationId: organization.id, [name]: "niet-een-id" });
      expect(bad.response.status).toBe(400);
      expect(bad.response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      expect((bad.error as { invalidParams: { name: string }[] }).invalidParams.map((p) => p.name)).toEqual([`query.${name}`]);
    }
  });
});

describe("errors", () => {
  test("a cursor that is not ours, a range that ends before it starts, or no organization is 400", async () => {
    const { organization, admin } = await organizationWithEntries(1);
    const bad = await readLog(admin.browser, { organizationId: organization.id, cursor: "not-a-cursor" });
    expect(bad.response.status).toBe(400);
    expect(bad.response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    const backwards = await readLog(admin.browser, {
      organizationId: organization.id,
      from: "2026-12-01T00:00:00Z",
      to: "2026-11-01T00:00:00Z",
    });
    expect(backwards.response.status).toBe(400);
    expect((backwards.error as { invalidParams: { name: string }[] }).invalidParams.map((p) => p.name)).toEqual(["query.to"]);
    const missing = await admin.browser.client.GET("/access-log", { params: { query: {} as Query } });
    expect(missing.response.status).toBe(400);
    const notUuid = await readLog(admin.browser, { organizationId: "x" });
    expect(notUuid.response.status).toBe(400);
  });

  test("a NUL byte in a text filter and a year PostgreSQL does not have are 400 naming them, never a 500", async () => {
    const { organization, admin } = await organizationWithEntries(1);
    const bad = await readLog(admin.browser, {
      organizationId: organization.id,
      action: "referral.read\u0000",
      subjectType: "\u0000",
      from: "0000-01-01T00:00:00Z",
    });
    expect(bad.response.status).toBe(400);
    expect(bad.response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect((bad.error as { invalidParams: { name: string }[] }).invalidParams.map((p) => p.name).sort()).toEqual([
      "query.action",
      "query.from",
      "query.subjectType",
    ]);
  });
});

describe("authorisation", () => {
  test("workers and coordinators get 403, another organization's admin 404, anonymous 401", async () => {
    const { organization, worker } = await organizationWithEntries(1);
    const coordinator = await t.make.member(organization.id, "coordinator");
    const other = await t.organizationWithStaff();
    const query = { organizationId: organization.id };

    const asWorker = await readLog(worker.browser, query);
    expect(asWorker.response.status).toBe(403);
    expect(asWorker.error).toMatchObject({ status: 403 });
    expect((await readLog(await t.signedIn(coordinator.user.email), query)).response.status).toBe(403);
    expect((await readLog(other.admin.browser, query)).response.status).toBe(404);
    expect((await readLog(other.worker.browser, query)).response.status).toBe(404);
    expect((await t.anonymous().client.GET("/access-log", { params: { query } })).response.status).toBe(401);
  });

  test("refused reads are not logged and show nothing of the organization", async () => {
    const { organization, worker, admin } = await organizationWithEntries(1);
    const other = await t.organizationWithStaff();
    await readLog(worker.browser, { organizationId: organization.id });
    const refused = await readLog(other.admin.browser, { organizationId: organization.id });
    expect(JSON.stringify(refused.error)).not.toContain("subject-0");
    const { data } = await readLog(admin.browser, { organizationId: organization.id, action: "access-log.list" });
    expect(data?.data).toEqual([]);
  });
});
