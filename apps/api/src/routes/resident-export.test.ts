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
const completeExportAs = (b: Browser, residentId: string, reason?: string) =>
  b.client.POST("/residents/{residentId}/complete-exports", {
    params: { path: { residentId } },
    body: (reason === undefined ? {} : { reason }) as { reason: string },
  });

const REASON = "Inzageverzoek van de inwoner, per brief van 1 december";

/** Words the receiver wrote that only the outcome level lets the sender read. */
const SECRET = {
  outcomeNote: "Schuldregeling getroffen (uitkomst-q7z)",
  attemptNote: "Voicemail ingesproken (poging-k3v)",
};

/**
 * A referral the receiver took all the way: opened, accepted, an attempt to reach the resident,
 * contact, and completed as helped with € 2.500 — under the given feedback level.
 */
async function workedReferral(feedbackLevel: "contact_only" | "status" | "outcome") {
  const n = await world.network({ receiverName: `Schuldhulp ${feedbackLevel}` });
  const { resident, consent, referral } = await world.refer(n, { consent: { feedbackLevel } });
  const rw = n.receiver.worker.browser;
  await world.walk(rw, referral.id, [{ to: "accepted" }]);
  const attempt = await rw.client.POST("/referrals/{referralId}/contact-attempts", {
    params: { path: { referralId: referral.id } },
    body: { channel: "phone", result: "no_answer", note: SECRET.attemptNote },
  });
  expect(attempt.response.status).toBe(201);
  await world.walk(rw, referral.id, [
    { to: "in_contact" },
    { to: "completed", outcome: "helped", moneyOutcomeCents: 250_000, note: SECRET.outcomeNote },
  ]);
  return { ...n, resident, consent, referral };
}

const referralsIn = (data: { records: Record<string, Row[]> } | undefined) => (data?.records.referrals ?? []) as Row[];

describe("a caseworker's export shows what their side may see", () => {
  test("the sender's export: the record, the consents and the referral as the sender sees it", async () => {
    const { sender, receiver, service, resident, consent, withdrawn, referral } = await residentWithHistory();
    const { data, response } = await exportAs(sender.worker.browser, resident.id);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="inzage-${resident.id}.json"`);
    if (!data) throw new Error("no export");

    expect(data).toMatchObject({ residentId: resident.id, scope: "side", side: "sender" });
    expect(data.holder).toEqual({ id: sender.organization.id, name: sender.organization.name });
    expect(data.resident).toMatchObject({ name: "Sam Jansen", phone: "06-12345678", birthYear: 1980, anonymizedAt: null });

    const consents = data.records.consents ?? [];
    expect(consents.map((c) => c.id).sort()).toEqual([consent.id, withdrawn.id].sort());
    expect(consents.find((c) => c.id === withdrawn.id)).toMatchObject({ withdrawalReason: "Wil het zelf regelen" });

    const [exported] = referralsIn(data);
    expect(exported).toMatchObject({
      id: referral.id,
      side: "sender",
      status: "received",
      request: "Sam wil hulp bij zijn schulden.",
      categoryNotes: { debts: "Ongeveer € 2.500" },
      referringWorker: null,
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

  test("no staff member is named, in the side exports nor the complete one", async () => {
    const { sender, receiver, resident } = await residentWithHistory();
    for (const data of [
      (await exportAs(sender.worker.browser, resident.id)).data,
      (await exportAs(receiver.worker.browser, resident.id)).data,
      (await completeExportAs(sender.admin.browser, resident.id, REASON)).data,
    ]) {
      expect(data).toBeDefined();
      const text = JSON.stringify(data);
      for (const user of [sender.worker.user, sender.admin.user, receiver.worker.user, receiver.admin.user]) {
        expect(text).not.toContain(user.id);
        expect(text).not.toContain(user.email);
      }
      expect(text).not.toContain("Rik Ontvanger");
    }
  });

  test("contact_only: the sender sees that contact was made and that it ended — no outcome, amount, notes or attempts", async () => {
    const { sender, resident, referral } = await workedReferral("contact_only");
    const { data } = await exportAs(sender.worker.browser, resident.id);
    const [exported] = referralsIn(data);
    expect(exported).toMatchObject({ id: referral.id, status: "closed", outcome: null, moneyOutcomeCents: null });
    expect(exported?.contactAttempts).toEqual([]);
    const events = exported?.referralEvents as Row[];
    expect(events.map((e) => e.type)).not.toContain("contact_attempt");
    expect(events.filter((e) => e.type === "status_changed").map((e) => e.toStatus)).toEqual([
      "sent",
      "received",
      "in_contact",
      "closed",
    ]);
    const text = JSON.stringify(data);
    for (const hidden of [
      SECRET.outcomeNote,
      SECRET.attemptNote,
      "250000",
      '"helped"',
      '"completed"',
      '"accepted"',
      "no_answer",
    ]) {
      expect(text, hidden).not.toContain(hidden);
    }
    // The receiver's steps are not in the sender's log either (a move, an attempt); its reads are, without details.
    const actions = data?.accessLog.map((e) => e.action) ?? [];
    expect(actions).not.toContain("referral.contact_attempt.create");
    expect(actions).not.toContain("referral.transition");
  });

  test("status: the sender sees every status, the attempts — not the outcome, the amount or the closing note", async () => {
    const { sender, resident } = await workedReferral("status");
    const { data } = await exportAs(sender.worker.browser, resident.id);
    const [exported] = referralsIn(data);
    expect(exported).toMatchObject({ status: "completed", outcome: null, moneyOutcomeCents: null });
    expect(exported?.contactAttempts).toEqual([expect.objectContaining({ result: "no_answer", note: SECRET.attemptNote })]);
    const completed = ((exported?.referralEvents ?? []) as Row[]).find((e) => e.toStatus === "completed");
    expect(completed).toMatchObject({ note: null, noteHidden: "feedback_level" });
    const text = JSON.stringify(data);
    for (const hidden of [SECRET.outcomeNote, "250000", '"helped"']) expect(text, hidden).not.toContain(hidden);
  });

  test("outcome: the sender sees the outcome, the amount and the closing note", async () => {
    const { sender, resident } = await workedReferral("outcome");
    const { data } = await exportAs(sender.worker.browser, resident.id);
    const [exported] = referralsIn(data);
    expect(exported).toMatchObject({ status: "completed", outcome: "helped", moneyOutcomeCents: 250_000 });
    const completed = ((exported?.referralEvents ?? []) as Row[]).find((e) => e.toStatus === "completed");
    expect(completed).toMatchObject({ note: SECRET.outcomeNote, noteHidden: null });
    expect(exported?.contactAttempts).toEqual([expect.objectContaining({ note: SECRET.attemptNote })]);
  });

  test("the receiver's export: the referrals it received, the consented data only, and none of the sender's records", async () => {
    const { receiver, resident, referral, withdrawn } = await residentWithHistory();
    const { data, response } = await exportAs(receiver.worker.browser, resident.id);
    expect(response.status).toBe(200);
    expect(data).toMatchObject({ scope: "side", side: "receiver", resident: { id: resident.id } });
    expect(data?.holder.id).toBe(receiver.organization.id);
    expect(data?.records.consents).toEqual([]);
    const [exported] = referralsIn(data);
    expect(exported).toMatchObject({
      id: referral.id,
      side: "receiver",
      residentAccess: "consented",
      resident: expect.objectContaining({ name: "Sam Jansen", birthYear: null }),
      request: "Sam wil hulp bij zijn schulden.",
      residentId: null,
      consentId: null,
    });
    const text = JSON.stringify(data);
    expect(text).not.toContain(withdrawn.id);
    expect(text).not.toContain("Wil het zelf regelen");
    // Only its own organization's entries: not the sender recording the resident and the consents.
    expect(new Set(data?.accessLog.map((e) => e.organization?.id))).toEqual(new Set([receiver.organization.id]));
    expect(data?.accessLog.map((e) => e.action)).toEqual(["referral.read", "resident.export"]);
  });

  test("once the consent is withdrawn the receiver's export no longer shows the resident", async () => {
    const { sender, receiver, resident, consent } = await residentWithHistory();
    await sender.worker.browser.client.POST("/consents/{consentId}/withdrawal", {
      params: { path: { consentId: consent.id } },
      body: {},
    });
    const { data } = await exportAs(receiver.worker.browser, resident.id);
    const [exported] = referralsIn(data);
    expect(exported).toMatchObject({ residentAccess: "none", resident: null, request: null, categoryNotes: {} });
    const text = JSON.stringify(data);
    for (const gone of ["Sam Jansen", "06-12345678", "Sam wil hulp", "Ongeveer € 2.500", "We bereiken hem niet", "Voicemail"]) {
      expect(text, gone).not.toContain(gone);
    }
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
      details: null,
    });
    expect(log.at(-1)).toMatchObject({
      organization: { id: sender.organization.id },
      reason: null,
      details: { scope: "side", side: "sender" },
    });
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

describe("the complete export (AVG art. 15) is an admin's, with a reason", () => {
  test("an admin gets every stored row whatever the feedback level, and the reason is logged with it", async () => {
    const { sender, receiver, resident, referral } = await workedReferral("contact_only");
    const { data, response } = await completeExportAs(sender.admin.browser, resident.id, REASON);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="inzage-volledig-${resident.id}.json"`);
    expect(data).toMatchObject({ scope: "complete", side: null, holder: { id: sender.organization.id } });
    const [exported] = referralsIn(data);
    expect(exported).toMatchObject({
      id: referral.id,
      status: "completed",
      outcome: "helped",
      moneyOutcomeCents: 250_000,
      outcomeNote: SECRET.outcomeNote,
    });
    expect(exported?.contactAttempts).toEqual([expect.objectContaining({ result: "no_answer", note: SECRET.attemptNote })]);
    expect(exported).not.toHaveProperty("senderUserId");
    // The whole log, the receiver's steps with their details included.
    const transition = data?.accessLog.find((e) => e.action === "referral.transition");
    expect(transition).toMatchObject({ organization: { id: receiver.organization.id }, details: expect.any(Object) });

    const logged = await t.db
      .select()
      .from(accessLog)
      .where(and(eq(accessLog.action, "resident.export.complete"), eq(accessLog.subjectId, resident.id)));
    expect(logged).toEqual([
      expect.objectContaining({ actorUserId: sender.admin.user.id, organizationId: sender.organization.id, reason: REASON }),
    ]);
    expect(data?.accessLog.at(-1)).toMatchObject({
      action: "resident.export.complete",
      description: "Volledige inzage-export gemaakt (AVG art. 15)",
      reason: REASON,
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
    const { data } = await completeExportAs(sender.admin.browser, resident.id, REASON);
    const listed = data?.accessLog.filter((e) => e.action === "referral.list");
    expect(listed).toEqual([
      expect.objectContaining({
        description: "Uw naam gezien in een lijst met verwijzingen",
        organization: { id: receiver.organization.id, name: "Schuldhulp Inzage" },
        details: { box: "inbox", residentIds: [resident.id], referralIds: [referral.id], shown: ["name"] },
      }),
    ]);
    for (const id of others) expect(JSON.stringify(data)).not.toContain(id);
    // The sender's side export names the list too, without its details.
    const side = await exportAs(sender.worker.browser, resident.id);
    expect(side.data?.accessLog.filter((e) => e.action === "referral.list")).toEqual([
      expect.objectContaining({ organization: { id: receiver.organization.id, name: "Schuldhulp Inzage" }, details: null }),
    ]);
  });

  test("without a reason 400; a worker 403; the receiver's admin and other organizations 404; anonymous 401 — none is logged", async () => {
    const { sender, receiver, outsider, resident } = await residentWithHistory();
    for (const reason of [undefined, "", "   "]) {
      const { response, error } = await completeExportAs(sender.admin.browser, resident.id, reason);
      expect(response.status, String(reason)).toBe(400);
      expect(JSON.stringify(error)).toContain("body.reason");
    }
    const worker = await completeExportAs(sender.worker.browser, resident.id, REASON);
    expect(worker.response.status).toBe(403);
    for (const b of [receiver.admin.browser, receiver.worker.browser, outsider.admin.browser]) {
      const { response, error } = await completeExportAs(b, resident.id, REASON);
      expect(response.status).toBe(404);
      expect(JSON.stringify(error)).not.toContain("Sam");
    }
    expect((await completeExportAs(sender.admin.browser, crypto.randomUUID(), REASON)).response.status).toBe(404);
    expect((await completeExportAs(t.anonymous(), resident.id, REASON)).response.status).toBe(401);
    const logged = await t.db
      .select()
      .from(accessLog)
      .where(and(eq(accessLog.action, "resident.export.complete"), eq(accessLog.subjectId, resident.id)));
    expect(logged).toEqual([]);
  });
});

describe("authorisation", () => {
  test("other organizations and coordinators get 404; anonymous 401; nothing is logged for them", async () => {
    const { sender, outsider, resident } = await residentWithHistory();
    const coordinator = await t.make.member(sender.organization.id, "coordinator");
    for (const b of [outsider.worker.browser, outsider.admin.browser, await t.signedIn(coordinator.user.email)]) {
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
