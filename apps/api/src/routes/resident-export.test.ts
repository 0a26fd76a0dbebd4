import {
  accessLog,
  columnName,
  contactAttempts,
  referralEvents,
  referrals,
  residents,
  schemaTables,
  tableName,
} from "@schakel/db";
import { and, eq, getTableColumns } from "drizzle-orm";
import { type AnyPgColumn, getTableConfig } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { recordAccess } from "../services/access-log";
import { exportedTables, notExported } from "../services/privacy/export-resident";
import { createTestContext, type TestContext } from "../test/harness";
import { type Browser, DAY, referralWorld } from "../test/referral-world";

type Row = Record<string, unknown>;

let t: TestContext;
let world: ReturnType<typeof referralWorld>;
beforeAll(async () => {
  t = await createTestContext();
  world = referralWorld(t);
});
afterAll(() => t.close());

/**
 * A resident with a referral the receiver opened and worked on (a message, a contact attempt, a
 * driegesprek), plus a second consent that was withdrawn.
 */
async function residentWithHistory() {
  const n = await world.network({
    receiverName: "Schuldhulp Inzage",
    receiverWorkerName: "Rik Ontvanger",
    serviceName: "Schulddienstverlening Inzage",
  });
  const w = n.sender.worker.browser;
  const resident = await world.resident(w, n.sender.organization.id, {
    name: "Sam Jansen",
    phone: "06-12345678",
    birthYear: 1980,
  });
  const consent = await world.consentFor(w, resident.id, n.receiver.organization.id);
  const withdrawn = await world.consentFor(w, resident.id, n.outsider.organization.id);
  await w.client.POST("/consents/{consentId}/withdrawal", {
    params: { path: { consentId: withdrawn.id } },
    body: { reason: "Wil het zelf regelen" },
  });
  const { data: referral } = await w.client.POST("/referrals", {
    body: world.referralBody(resident.id, n.service.id, consent.id, {
      request: "Sam wil hulp bij zijn schulden.",
      driegesprek: { wanted: true, proposedMoments: [new Date(t.clock.now().getTime() + 3 * DAY).toISOString()] },
    }),
  });
  if (!referral) throw new Error("referral not created");
  await n.receiver.worker.browser.client.GET("/referrals/{referralId}", { params: { path: { referralId: referral.id } } });
  const now = t.clock.now();
  await t.db.insert(contactAttempts).values({
    referralId: referral.id,
    channel: "phone",
    result: "no_answer",
    note: "Voicemail ingesproken",
    at: now,
    byUserId: n.receiver.worker.user.id,
  });
  await t.db.insert(referralEvents).values({
    referralId: referral.id,
    at: now,
    actorUserId: n.receiver.worker.user.id,
    actorOrganizationId: n.receiver.organization.id,
    type: "message",
    note: "We bereiken hem niet, kun jij het proberen?",
  });
  return { ...n, resident, consent, withdrawn, referral };
}

const exportAs = (b: Browser, residentId: string) =>
  b.client.GET("/residents/{residentId}/export", { params: { path: { residentId } } });

describe("happy path", () => {
  test("a caseworker of the recording organization downloads everything Schakel holds about the resident", async () => {
    const { sender, receiver, service, resident, consent, withdrawn, referral } = await residentWithHistory();
    const { data, response } = await exportAs(sender.worker.browser, resident.id);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="inzage-${resident.id}.json"`);
    if (!data) throw new Error("no export");

    expect(data.residentId).toBe(resident.id);
    expect(data.holder).toEqual({ id: sender.organization.id, name: sender.organization.name });
    expect(data.resident).toMatchObject({ name: "Sam Jansen", phone: "06-12345678", birthYear: 1980, anonymizedAt: null });

    const consents = data.records.consents ?? [];
    expect(consents.map((c) => c.id).sort()).toEqual([consent.id, withdrawn.id].sort());
    expect(consents.find((c) => c.id === withdrawn.id)).toMatchObject({ withdrawalReason: "Wil het zelf regelen" });
    expect(consents.find((c) => c.id === withdrawn.id)?.withdrawnAt).toEqual(expect.any(String));

    const [exported] = (data.records.referrals ?? []) as Row[];
    expect(exported).toMatchObject({
      id: referral.id,
      status: "received",
      request: "Sam wil hulp bij zijn schulden.",
      categoryNotes: { debts: "Ongeveer € 2.500" },
    });
    const events = exported?.referralEvents as Row[];
    expect(events.filter((e) => e.type === "status_changed").map((e) => e.toStatus)).toEqual(["sent", "received"]);
    expect(events.find((e) => e.type === "message")).toMatchObject({ note: "We bereiken hem niet, kun jij het proberen?" });
    expect(exported?.contactAttempts).toEqual([expect.objectContaining({ channel: "phone", note: "Voicemail ingesproken" })]);
    expect(exported?.driegesprekken).toEqual([expect.objectContaining({ state: "proposed" })]);

    expect(data.services).toEqual([{ id: service.id, name: service.name }]);
    expect(data.organizations.map((o) => o.id)).toEqual(
      expect.arrayContaining([sender.organization.id, receiver.organization.id]),
    );
    expect(data.notIncluded.map((n) => n.table).sort()).toEqual(Object.keys(notExported).sort());
  });

  test("no staff member is named: user ids are left out of every row", async () => {
    const { sender, receiver, resident } = await residentWithHistory();
    const { data } = await exportAs(sender.worker.browser, resident.id);
    const text = JSON.stringify(data);
    for (const user of [sender.worker.user, receiver.worker.user, receiver.admin.user]) {
      expect(text).not.toContain(user.id);
      expect(text).not.toContain(user.email);
    }
    expect(text).not.toContain("Rik Ontvanger");
    const [referral] = (data?.records.referrals ?? []) as Row[];
    expect(referral).not.toHaveProperty("senderUserId");
    expect(data?.resident).not.toHaveProperty("createdByUserId");
  });

  test("it says who looked at the resident's data, when, from which organization — including the export itself", async () => {
    const { sender, receiver, resident } = await residentWithHistory();
    const { data } = await exportAs(sender.admin.browser, resident.id);
    const log = data?.accessLog ?? [];
    expect(log.map((e) => e.action)).toEqual([
      "resident.create",
      "consent.record",
      "consent.record",
      "consent.withdraw",
      "referral.create",
      "referral.read",
      "resident.export",
    ]);
    expect(log.find((e) => e.action === "referral.read")).toMatchObject({
      description: "Verwijzing bekeken",
      organization: { id: receiver.organization.id, name: "Schuldhulp Inzage" },
      at: t.clock.now().toISOString(),
    });
    expect(log.at(-1)).toMatchObject({
      organization: { id: sender.organization.id },
      reason: "inzageverzoek (AVG art. 15)",
    });
  });

  test("a list that showed the resident's name is in it, without the other residents on that list", async () => {
    const { sender, receiver, resident, referral } = await residentWithHistory();
    const others = [crypto.randomUUID(), crypto.randomUUID()];
    await recordAccess(t.db, {
      at: t.clock.now(),
      actorUserId: receiver.worker.user.id,
      actorOrganizationId: receiver.organization.id,
      action: "referral.list",
      subjectType: "resident",
      organizationId: receiver.organization.id,
      details: { box: "inbox", residentIds: [others[0], resident.id], referralIds: [referral.id, others[1]], shown: ["name"] },
    });
    const { data } = await exportAs(sender.worker.browser, resident.id);
    const listed = data?.accessLog.filter((e) => e.action === "referral.list");
    expect(listed).toEqual([
      expect.objectContaining({
        description: "Uw naam gezien in een lijst met verwijzingen",
        organization: { id: receiver.organization.id, name: "Schuldhulp Inzage" },
        details: { box: "inbox", residentIds: [resident.id], referralIds: [referral.id], shown: ["name"] },
      }),
    ]);
    for (const id of others) expect(JSON.stringify(data)).not.toContain(id);
  });

  test("the export is itself in the access log, for the recording organization's admins", async () => {
    const { sender, resident } = await residentWithHistory();
    await exportAs(sender.worker.browser, resident.id);
    const rows = await t.db
      .select()
      .from(accessLog)
      .where(and(eq(accessLog.action, "resident.export"), eq(accessLog.subjectId, resident.id)));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actorUserId: sender.worker.user.id,
      actorOrganizationId: sender.organization.id,
      organizationId: sender.organization.id,
      subjectType: "resident",
    });
    const { data } = await sender.admin.browser.client.GET("/access-log", {
      params: { query: { organizationId: sender.organization.id, action: "resident.export" } },
    });
    expect(data?.data.map((e) => e.subjectId)).toEqual([resident.id]);
  });

  test("an anonymised resident's export shows what is left", async () => {
    const { sender, resident } = await residentWithHistory();
    await t.db
      .update(residents)
      .set({ name: "Geanonimiseerd", phone: null, birthYear: null, anonymizedAt: t.clock.now() })
      .where(eq(residents.id, resident.id));
    const { data } = await exportAs(sender.worker.browser, resident.id);
    expect(data?.resident).toMatchObject({ name: "Geanonimiseerd", phone: null, anonymizedAt: t.clock.now().toISOString() });
  });
});

describe("authorisation", () => {
  test("the receiver, other organizations and coordinators get 404; anonymous 401; nothing is logged for them", async () => {
    const { sender, receiver, outsider, resident } = await residentWithHistory();
    const coordinator = await t.make.member(sender.organization.id, "coordinator");
    for (const b of [
      receiver.worker.browser,
      receiver.admin.browser,
      outsider.worker.browser,
      outsider.admin.browser,
      await t.signedIn(coordinator.user.email),
    ]) {
      const { response, error } = await exportAs(b, resident.id);
      expect(response.status).toBe(404);
      expect(JSON.stringify(error)).not.toContain("Sam");
    }
    expect((await exportAs(t.anonymous(), resident.id)).response.status).toBe(401);
    expect((await exportAs(sender.worker.browser, crypto.randomUUID())).response.status).toBe(404);
    expect((await exportAs(sender.worker.browser, "not-an-id")).response.status).toBe(400);
    const logged = await t.db
      .select()
      .from(accessLog)
      .where(and(eq(accessLog.action, "resident.export"), eq(accessLog.subjectId, resident.id)));
    expect(logged).toEqual([]);
  });
});

describe("completeness", () => {
  const linkColumns = new Set(["resident_id", "referral_id"]);

  test("every table with a resident_id or referral_id is in the export, or left out with a reason", () => {
    const exported = new Set(exportedTables.map(tableName));
    const linked = schemaTables()
      .filter((table) => Object.values(getTableColumns(table)).some((c) => linkColumns.has(columnName(c as AnyPgColumn))))
      .map(tableName);
    const forgotten = linked.filter((name) => !exported.has(name) && !(name in notExported));
    expect(forgotten, "add these tables to exportedTables or notExported in services/privacy/export-resident.ts").toEqual([]);
    expect(
      linked.filter((name) => exported.has(name) && name in notExported),
      "both exported and not",
    ).toEqual([]);
    expect(
      Object.keys(notExported).filter((name) => !linked.includes(name)),
      "stale entries in notExported",
    ).toEqual([]);
  });

  test("rows point at residents and referrals only through resident_id or referral_id columns", () => {
    const targets = new Set([tableName(residents), tableName(referrals)]);
    const other = schemaTables().flatMap((table) =>
      getTableConfig(table)
        .foreignKeys.map((fk) => fk.reference())
        .filter((r) => targets.has(tableName(r.foreignTable)))
        .flatMap((r) => r.columns.map((c) => `${tableName(table)}.${columnName(c)}`))
        .filter((name) => !linkColumns.has(name.split(".")[1] ?? "")),
    );
    expect(other, "the export (and erasure) would miss rows linked through these columns").toEqual([]);
  });
});
