import {
  accessLog,
  consents,
  contactAttempts,
  driegesprekken,
  personalData,
  referralEvents,
  referrals,
  residents,
  tableName,
} from "@schakel/db";
import { asc, eq, inArray } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { linkOf } from "../services/privacy/tables";
import { createTestContext, type TestContext } from "../test/harness";
import { type Browser, DAY, referralWorld } from "../test/referral-world";

let t: TestContext;
let world: ReturnType<typeof referralWorld>;
beforeAll(async () => {
  t = await createTestContext();
  world = referralWorld(t);
});
afterAll(() => t.close());

/** A resident whose referral was worked on (note, message, attempt, driegesprek) and declined. */
async function residentWithClosedReferral(options: { close?: boolean } = {}) {
  const n = await world.network({ receiverName: "Schuldhulp Wissen" });
  const { resident, consent, referral } = await world.refer(n, {
    resident: {
      name: "Sam Jansen",
      birthDate: "1980-04-01",
      address: "Voorbeeldstraat 12",
      postcode: "6811 AB",
      phone: "06-12345678",
      email: "sam@example.org",
      preferredChannel: "whatsapp",
      language: "pl",
    },
    body: {
      request: "Sam wil hulp bij zijn schulden.",
      preferredChannel: "telefoon",
      driegesprek: { wanted: true, proposedMoments: [new Date(t.clock.now().getTime() + 3 * DAY).toISOString()] },
    },
  });
  const rw = n.receiver.worker.browser;
  await rw.client.GET("/referrals/{referralId}", { params: { path: { referralId: referral.id } } });
  const now = t.clock.now();
  await t.db
    .insert(contactAttempts)
    .values({ referralId: referral.id, channel: "phone", result: "no_answer", note: "Voicemail ingesproken", at: now });
  await t.db.insert(referralEvents).values({
    referralId: referral.id,
    at: now,
    actorUserId: n.receiver.worker.user.id,
    actorOrganizationId: n.receiver.organization.id,
    type: "message",
    note: "Sam woont sinds kort bij zijn zus.",
  });
  await t.db
    .update(driegesprekken)
    .set({ place: "Bij Sam thuis", videoLink: "https://meet.example/sam" })
    .where(eq(driegesprekken.referralId, referral.id));
  if (options.close !== false) {
    const declined = await world.move(rw, referral.id, 2, { to: "declined", reason: "Sam woont buiten ons werkgebied." });
    if (declined.response.status !== 200) throw new Error(`decline failed: ${declined.response.status}`);
  }
  return { ...n, resident, consent, referral };
}

const erase = (b: Browser, residentId: string) =>
  b.client.POST("/residents/{residentId}/erasure", { params: { path: { residentId } } });

describe("happy path", () => {
  test("the admin erases: the resident is anonymised, free text cleared, statuses and dates kept, the log untouched", async () => {
    const { sender, receiver, resident, consent, referral } = await residentWithClosedReferral();
    const logBefore = await t.db.select().from(accessLog).where(eq(accessLog.subjectId, resident.id)).orderBy(asc(accessLog.id));
    const referralBefore = (await t.db.select().from(referrals).where(eq(referrals.id, referral.id)))[0];

    const { data, response } = await erase(sender.admin.browser, resident.id);
    expect(response.status).toBe(200);
    expect(data).toEqual({
      residentId: resident.id,
      anonymizedAt: t.clock.now().toISOString(),
      cleared: expect.objectContaining({ residents: 1, consents: 1, referrals: 1, contactAttempts: 1, driegesprekken: 1 }),
    });
    expect(data?.cleared.referralEvents).toBeGreaterThanOrEqual(3);

    const [row] = await t.db.select().from(residents).where(eq(residents.id, resident.id));
    expect(row).toMatchObject({
      name: "Geanonimiseerd",
      birthDate: null,
      birthYear: null,
      address: null,
      postcode: null,
      phone: null,
      email: null,
      preferredChannel: null,
      language: "und",
      organizationId: sender.organization.id,
    });
    expect(row?.anonymizedAt?.toISOString()).toBe(t.clock.now().toISOString());

    const [c] = await t.db.select().from(consents).where(eq(consents.id, consent.id));
    expect(c).toMatchObject({ purpose: "", dataCategories: ["contact", "request", "debts"], method: "mondeling" });
    expect(c?.withdrawnAt?.toISOString()).toBe(t.clock.now().toISOString());
    expect(c?.withdrawnByUserId).toBe(sender.admin.user.id);

    const [r] = await t.db.select().from(referrals).where(eq(referrals.id, referral.id));
    expect(r).toMatchObject({
      request: "",
      categoryNotes: {},
      declineReason: null,
      outcomeNote: null,
      preferredChannel: null,
      status: "declined",
      lifeDomains: ["schulden"],
      urgency: referralBefore?.urgency,
      version: referralBefore?.version,
    });
    expect(r?.closedAt?.toISOString()).toBe(referralBefore?.closedAt?.toISOString());
    expect(r?.createdAt.toISOString()).toBe(referralBefore?.createdAt.toISOString());

    const events = await t.db
      .select()
      .from(referralEvents)
      .where(eq(referralEvents.referralId, referral.id))
      .orderBy(referralEvents.at, referralEvents.id);
    expect(events.every((e) => e.note === null)).toBe(true);
    expect(events.filter((e) => e.type === "status_changed").map((e) => e.toStatus)).toEqual(["sent", "received", "declined"]);
    expect(events.some((e) => e.type === "message")).toBe(true);
    const [attempt] = await t.db.select().from(contactAttempts).where(eq(contactAttempts.referralId, referral.id));
    expect(attempt).toMatchObject({ note: null, channel: "phone", result: "no_answer" });
    const [meeting] = await t.db.select().from(driegesprekken).where(eq(driegesprekken.referralId, referral.id));
    expect(meeting).toMatchObject({ place: null, videoLink: null, state: "proposed" });
    expect(meeting?.proposedMoments).toHaveLength(1);

    const logAfter = await t.db.select().from(accessLog).where(eq(accessLog.subjectId, resident.id)).orderBy(asc(accessLog.id));
    expect(logAfter.slice(0, logBefore.length)).toEqual(logBefore);
    expect(logAfter.slice(logBefore.length)).toEqual([
      expect.objectContaining({
        action: "resident.erase",
        actorUserId: sender.admin.user.id,
        organizationId: sender.organization.id,
        reason: "verzoek tot wissen (AVG art. 17)",
      }),
    ]);

    // Both sides still see the referral's history, no longer the resident.
    const senderView = await sender.worker.browser.client.GET("/referrals/{referralId}", {
      params: { path: { referralId: referral.id } },
    });
    expect(senderView.data).toMatchObject({ status: "declined", resident: null, request: "" });
    const receiverView = await receiver.worker.browser.client.GET("/referrals/{referralId}", {
      params: { path: { referralId: referral.id } },
    });
    expect(receiverView.data).toMatchObject({ status: "declined", resident: null, residentAccess: "none" });
  });

  test("after erasure no column classified as resident data holds anything in any row about the resident", async () => {
    const { sender, resident, referral } = await residentWithClosedReferral();
    await erase(sender.admin.browser, resident.id);
    const leftovers: string[] = [];
    for (const { table, columns } of personalData) {
      const erasable = Object.entries(columns).filter(([, c]) => c.kind === "resident");
      if (erasable.length === 0) continue;
      const link = table === residents ? { by: "resident" as const, column: residents.id } : linkOf(table);
      if (!link) throw new Error(`${tableName(table)} cannot be linked to the resident`);
      const rows = (await t.db
        .select()
        .from(table as PgTable)
        .where(link.by === "resident" ? eq(link.column, resident.id) : inArray(link.column, [referral.id]))) as Record<
        string,
        unknown
      >[];
      for (const row of rows) {
        for (const [key, c] of erasable) {
          if (c.kind === "resident" && JSON.stringify(row[key]) !== JSON.stringify(c.erasedTo)) {
            leftovers.push(`${tableName(table)}.${key}`);
          }
        }
      }
    }
    expect(leftovers).toEqual([]);
  });

  test("erasing twice is harmless and keeps the first moment", async () => {
    const { sender, resident } = await residentWithClosedReferral();
    const first = await erase(sender.admin.browser, resident.id);
    t.clock.advance(60_000);
    const second = await erase(sender.admin.browser, resident.id);
    expect(second.response.status).toBe(200);
    expect(second.data?.anonymizedAt).toBe(first.data?.anonymizedAt);
    const [row] = await t.db.select().from(residents).where(eq(residents.id, resident.id));
    expect(row?.anonymizedAt?.toISOString()).toBe(first.data?.anonymizedAt);
  });
});

describe("errors", () => {
  test("while a referral is still open, erasure is refused with 409 and nothing changes", async () => {
    const { sender, resident, referral } = await residentWithClosedReferral({ close: false });
    const { response, error } = await erase(sender.admin.browser, resident.id);
    expect(response.status).toBe(409);
    expect((error as { detail: string }).detail).toMatch(/lopende verwijzing/);
    const [row] = await t.db.select().from(residents).where(eq(residents.id, resident.id));
    expect(row).toMatchObject({ name: "Sam Jansen", anonymizedAt: null });
    const [r] = await t.db.select().from(referrals).where(eq(referrals.id, referral.id));
    expect(r?.request).toBe("Sam wil hulp bij zijn schulden.");
  });
});

describe("authorisation", () => {
  test("workers get 403; the receiver, other organizations 404; anonymous 401", async () => {
    const { sender, receiver, outsider, resident } = await residentWithClosedReferral();
    expect((await erase(sender.worker.browser, resident.id)).response.status).toBe(403);
    for (const b of [receiver.admin.browser, receiver.worker.browser, outsider.admin.browser]) {
      expect((await erase(b, resident.id)).response.status).toBe(404);
    }
    expect((await erase(t.anonymous(), resident.id)).response.status).toBe(401);
    const [row] = await t.db.select().from(residents).where(eq(residents.id, resident.id));
    expect(row?.name).toBe("Sam Jansen");
  });
});
