import { randomUUID } from "node:crypto";
import type { components } from "@schakel/api-client";
import { accessLog, notifications, organizations, referralEvents, referrals, wgsContracts } from "@schakel/db";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestContext, type TestContext } from "../test/harness";
import { type Browser, DAY, RESIDENT, type ReferralCreate, referralWorld } from "../test/referral-world";

let t: TestContext;
let world: ReturnType<typeof referralWorld>;
beforeAll(async () => {
  t = await createTestContext();
  world = referralWorld(t);
});
afterAll(() => t.close());

/** A sending wijkteam, a receiving debt service with a service that accepts referrals, and an outsider. */
const network = () => world.network({ receiverName: "Schuldhulp Test" });

async function refer(worker: Browser, body: ReferralCreate, key?: string) {
  return worker.client.POST("/referrals", { body, params: { header: key ? { "idempotency-key": key } : {} } as never });
}

/** A sent referral, with everything around it. */
async function sentReferral() {
  const n = await network();
  const { resident, consent } = await world.residentWithConsent(
    n.sender.worker.browser,
    n.sender.organization.id,
    n.receiver.organization.id,
  );
  const { data, response } = await refer(n.sender.worker.browser, world.referralBody(resident.id, n.service.id, consent.id));
  if (!data) throw new Error(`referral not created: ${response.status}`);
  return { ...n, resident, consent, referral: data };
}

describe("happy path", () => {
  test("a worker refers a resident with consent; the receiver opens it, the sender sees it was received", async () => {
    const { sender, receiver, referral } = await sentReferral();
    expect(referral).toMatchObject({
      status: "sent",
      version: 1,
      side: "sender",
      residentAccess: "full",
      lawfulBasis: "consent",
    });

    const opened = await receiver.worker.browser.client.GET("/referrals/{referralId}", {
      params: { path: { referralId: referral.id } },
    });
    expect(opened.response.status).toBe(200);
    expect(opened.response.headers.get("ETag")).toBe('"2"');
    expect(opened.data).toMatchObject({ status: "received", side: "receiver", residentAccess: "consented" });
    expect(opened.data?.resident).toMatchObject({ name: "Sam Jansen", phone: "06-12345678", birthYear: null });
    expect(opened.data?.request).toMatch(/schulden/);
    expect(opened.data?.categoryNotes).toEqual({ debts: "Ongeveer € 2.500" });
    expect(opened.data?.allowedMoves.sort()).toEqual(["accepted", "declined"]);

    const seen = await sender.worker.browser.client.GET("/referrals/{referralId}", {
      params: { path: { referralId: referral.id } },
    });
    expect(seen.data?.status).toBe("received");
    const note = await t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.referralId, referral.id), eq(notifications.userId, sender.worker.user.id)));
    expect(note.map((n) => n.text)).toEqual(["Verwijzing naar Schulddienstverlening: ontvangen."]);
    expect(note[0]?.text).not.toMatch(/Sam|Jansen/);
  });

  test("the receiver works it through to completed; every move is an event", async () => {
    const { sender, receiver, referral } = await sentReferral();
    const rw = receiver.worker.browser;
    await rw.client.GET("/referrals/{referralId}", { params: { path: { referralId: referral.id } } });
    expect((await world.move(rw, referral.id, 2, { to: "accepted" })).data?.status).toBe("accepted");
    expect((await world.move(rw, referral.id, 3, { to: "in_contact", note: "Afspraak gemaakt" })).data?.status).toBe(
      "in_contact",
    );
    expect((await world.move(rw, referral.id, 4, { to: "in_progress" })).data?.status).toBe("in_progress");
    const done = await world.move(rw, referral.id, 5, { to: "completed", outcome: "helped", moneyOutcomeCents: 250000 });
    expect(done.data).toMatchObject({ status: "completed", outcome: "helped", allowedMoves: [] });
    expect(done.data?.closedAt).not.toBeNull();

    const events = await t.db
      .select()
      .from(referralEvents)
      .where(eq(referralEvents.referralId, referral.id))
      .orderBy(referralEvents.at, referralEvents.id);
    expect(events.map((e) => e.toStatus)).toEqual(["sent", "received", "accepted", "in_contact", "in_progress", "completed"]);
    const view = await sender.worker.browser.client.GET("/referrals/{referralId}", {
      params: { path: { referralId: referral.id } },
    });
    expect(view.data).toMatchObject({ status: "completed", outcome: "helped", moneyOutcomeCents: 250000 });
  });
});

describe("errors", () => {
  test("a stale If-Match is 412, a missing one 428; nothing is overwritten", async () => {
    const { receiver, referral } = await sentReferral();
    const rw = receiver.worker.browser;
    await rw.client.GET("/referrals/{referralId}", { params: { path: { referralId: referral.id } } });
    expect((await world.move(rw, referral.id, 1, { to: "accepted" })).response.status).toBe(412);
    expect((await world.move(rw, referral.id, null, { to: "accepted" })).response.status).toBe(428);
    const both = await Promise.all([
      world.move(rw, referral.id, 2, { to: "accepted" }),
      world.move(receiver.admin.browser, referral.id, 2, { to: "declined", reason: "Vol" }),
    ]);
    expect(both.map((r) => r.response.status).sort()).toEqual([200, 412]);
  });

  test("moves need their fields and must be allowed for the side", async () => {
    const { sender, receiver, referral } = await sentReferral();
    const rw = receiver.worker.browser;
    await rw.client.GET("/referrals/{referralId}", { params: { path: { referralId: referral.id } } });
    const decline = await world.move(rw, referral.id, 2, { to: "declined" });
    expect(decline.response.status).toBe(400);
    expect((decline.error as { invalidParams: { name: string }[] }).invalidParams.map((p) => p.name)).toEqual(["body.reason"]);
    expect((await world.move(rw, referral.id, 2, { to: "completed", outcome: "helped" })).response.status).toBe(409);
    expect((await world.move(rw, referral.id, 2, { to: "withdrawn" })).response.status).toBe(403);
    expect((await world.move(sender.worker.browser, referral.id, 2, { to: "accepted" })).response.status).toBe(403);
    await world.move(rw, referral.id, 2, { to: "accepted" });
    const notReached = await world.move(rw, referral.id, 3, { to: "not_reached" });
    expect(notReached.response.status).toBe(422);
    expect((await world.move(rw, referral.id, 3, { to: "in_contact" })).response.status).toBe(200);
    expect((await world.move(rw, referral.id, 4, { to: "completed" })).response.status).toBe(400);
  });

  test("no referral without valid consent covering the receiver and the data", async () => {
    const n = await network();
    const w = n.sender.worker.browser;
    const orgId = n.sender.organization.id;
    const cases: [string, Partial<components["schemas"]["ConsentCreate"]>, Partial<ReferralCreate>][] = [
      ["other receiver", { receivingOrganizationId: n.outsider.organization.id }, {}],
      ["category not consented", { dataCategories: ["contact"] }, {}],
    ];
    for (const [label, consent, body] of cases) {
      const { resident, consent: c } = await world.residentWithConsent(w, orgId, n.receiver.organization.id, consent);
      const { response, error } = await refer(w, world.referralBody(resident.id, n.service.id, c.id, body));
      expect(response.status, label).toBe(422);
      expect((error as { detail: string }).detail, label).toMatch(/toestemming/i);
    }
    const { resident, consent } = await world.residentWithConsent(w, orgId, n.receiver.organization.id, {
      dataCategories: ["contact", "request", "debts", "health"],
    });
    const health = await refer(
      w,
      world.referralBody(resident.id, n.service.id, consent.id, {
        dataCategories: ["contact", "request", "health"],
        categoryNotes: {},
      }),
    );
    expect(health.response.status).toBe(422);
    expect((health.error as { detail: string }).detail).toMatch(/schuldhulpdienst/);
    // A consent is recorded valid; it expires when the clock passes its end.
    const expiring = await world.residentWithConsent(w, orgId, n.receiver.organization.id, {
      validUntil: new Date(t.clock.now().getTime() + DAY).toISOString(),
    });
    await world.advance(n, 2 * DAY);
    const expired = await refer(
      n.sender.worker.browser,
      world.referralBody(expiring.resident.id, n.service.id, expiring.consent.id),
    );
    expect(expired.response.status).toBe(422);
    expect((expired.error as { detail: string }).detail).toMatch(/toestemming is verlopen/i);
  });

  test("a consent is recorded only with an end in the future (422 naming validUntil)", async () => {
    const n = await network();
    const w = n.sender.worker.browser;
    const resident = await world.resident(w, n.sender.organization.id);
    for (const validUntil of [new Date(t.clock.now().getTime() - DAY), t.clock.now()]) {
      const { response, error } = await w.client.POST("/residents/{residentId}/consents", {
        params: { path: { residentId: resident.id } },
        body: {
          receivingOrganizationId: n.receiver.organization.id,
          purpose: "Aanmelding voor schuldhulp",
          dataCategories: ["contact", "request"],
          method: "mondeling",
          feedbackLevel: "outcome",
          validUntil: validUntil.toISOString(),
        },
      });
      expect(response.status).toBe(422);
      expect(error).toMatchObject({
        type: expect.stringMatching(/consent-end-past$/),
        invalidParams: [{ name: "body.validUntil", code: "consent-end-past" }],
      });
    }
    const { data: consents } = await w.client.GET("/residents/{residentId}/consents", {
      params: { path: { residentId: resident.id } },
    });
    expect(consents?.data).toHaveLength(0);
  });

  test("a consent for an organization that does not exist is 422 naming receivingOrganizationId, never a 500", async () => {
    const n = await network();
    const w = n.sender.worker.browser;
    const resident = await world.resident(w, n.sender.organization.id);
    const { response, error } = await w.client.POST("/residents/{residentId}/consents", {
      params: { path: { residentId: resident.id } },
      body: {
        receivingOrganizationId: "7d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6",
        purpose: "Aanmelding voor schuldhulp",
        dataCategories: ["contact", "request"],
        method: "mondeling",
        feedbackLevel: "outcome",
        validUntil: new Date(t.clock.now().getTime() + 30 * DAY).toISOString(),
      },
    });
    expect(response.status).toBe(422);
    expect(response.headers.get("Content-Type")).toMatch(/^application\/problem\+json/);
    expect(error).toMatchObject({
      type: expect.stringMatching(/unknown-organization$/),
      invalidParams: [{ name: "body.receivingOrganizationId", code: "unknown-organization" }],
    });
  });

  test("a second open referral of the resident to the same service is 409 with a link to the first", async () => {
    const { sender, resident, consent, service, referral } = await sentReferral();
    const again = await refer(
      sender.worker.browser,
      world.referralBody(resident.id, service.id, consent.id, { request: "Nog een keer hetzelfde verzoek." }),
    );
    expect(again.response.status).toBe(409);
    expect(again.error).toMatchObject({ related: `/api/v1/referrals/${referral.id}` });
    await world.move(sender.worker.browser, referral.id, 1, { to: "withdrawn", note: "Dubbel" });
    const later = await refer(
      sender.worker.browser,
      world.referralBody(resident.id, service.id, consent.id, { request: "Nu opnieuw verwijzen." }),
    );
    expect(later.response.status).toBe(201);
  });

  test("retries with the same Idempotency-Key return the same referral, never a duplicate", async () => {
    const n = await network();
    const w = n.sender.worker.browser;
    const { resident, consent } = await world.residentWithConsent(w, n.sender.organization.id, n.receiver.organization.id);
    const body = world.referralBody(resident.id, n.service.id, consent.id);
    const key = randomUUID();
    const results = await Promise.all([refer(w, body, key), refer(w, body, key), refer(w, body, key)]);
    expect(results.map((r) => r.response.status)).toEqual([201, 201, 201]);
    expect(new Set(results.map((r) => r.data?.id)).size).toBe(1);
    expect(results.filter((r) => r.response.headers.get("Idempotent-Replayed") === "true")).toHaveLength(2);
    const other = await refer(w, { ...body, request: "Een andere hulpvraag dan eerst." }, key);
    expect(other.response.status).toBe(422);
  });
});

describe("authorisation and privacy", () => {
  test("only sender and receiver see a referral; others get 404, anonymous 401", async () => {
    const { outsider, receiver, referral } = await sentReferral();
    const path = { params: { path: { referralId: referral.id } } };
    expect((await t.anonymous().client.GET("/referrals/{referralId}", path)).response.status).toBe(401);
    expect((await outsider.worker.browser.client.GET("/referrals/{referralId}", path)).response.status).toBe(404);
    expect((await outsider.admin.browser.client.GET("/referrals/{referralId}", path)).response.status).toBe(404);
    expect((await world.move(outsider.worker.browser, referral.id, 1, { to: "withdrawn" })).response.status).toBe(404);
    expect((await receiver.worker.browser.client.GET("/referrals/{referralId}", path)).response.status).toBe(200);
  });

  test("another organization cannot read or refer the sender's residents", async () => {
    const { outsider, resident, consent, service } = await sentReferral();
    expect(
      (await outsider.worker.browser.client.GET("/residents/{residentId}", { params: { path: { residentId: resident.id } } }))
        .response.status,
    ).toBe(404);
    expect((await refer(outsider.worker.browser, world.referralBody(resident.id, service.id, consent.id))).response.status).toBe(
      404,
    );
  });

  test("after consent withdrawal the receiver keeps the history but no longer sees the resident", async () => {
    const { sender, receiver, consent, referral } = await sentReferral();
    const rw = receiver.worker.browser;
    await rw.client.GET("/referrals/{referralId}", { params: { path: { referralId: referral.id } } });
    await world.move(rw, referral.id, 2, { to: "accepted" });
    const withdrawn = await sender.worker.browser.client.POST("/consents/{consentId}/withdrawal", {
      params: { path: { consentId: consent.id } },
      body: { reason: "Wil het zelf regelen" },
    });
    expect(withdrawn.data).toMatchObject({ valid: false, withdrawalReason: "Wil het zelf regelen" });
    const view = await rw.client.GET("/referrals/{referralId}", { params: { path: { referralId: referral.id } } });
    expect(view.data).toMatchObject({
      status: "withdrawn",
      residentAccess: "none",
      resident: null,
      request: null,
      categoryNotes: {},
    });
    // Ordered as the timeline is: the database returns unordered rows in any order (PostgreSQL does).
    const events = await t.db
      .select()
      .from(referralEvents)
      .where(eq(referralEvents.referralId, referral.id))
      .orderBy(asc(referralEvents.at), asc(referralEvents.id));
    expect(events.map((e) => e.toStatus)).toEqual(["sent", "received", "accepted", "withdrawn"]);
  });

  test("every read of the resident's data is in the access log", async () => {
    const { receiver, referral } = await sentReferral();
    await receiver.worker.browser.client.GET("/referrals/{referralId}", { params: { path: { referralId: referral.id } } });
    const rows = await t.db
      .select()
      .from(accessLog)
      .where(and(eq(accessLog.action, "referral.read"), eq(accessLog.actorUserId, receiver.worker.user.id)));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ subjectType: "resident", organizationId: receiver.organization.id });
  });

  test("an erased resident can no longer get a consent or a referral", async () => {
    const n = await network();
    const w = n.sender.worker.browser;
    const { resident, consent } = await world.residentWithConsent(w, n.sender.organization.id, n.receiver.organization.id);
    const erased = await n.sender.admin.browser.client.POST("/residents/{residentId}/erasure", {
      params: { path: { residentId: resident.id } },
    });
    expect(erased.response.status).toBe(200);
    const again = await w.client.POST("/residents/{residentId}/consents", {
      params: { path: { residentId: resident.id } },
      body: {
        receivingOrganizationId: n.receiver.organization.id,
        purpose: "Aanmelding",
        dataCategories: ["contact"],
        method: "mondeling",
        feedbackLevel: "status",
        validUntil: new Date(t.clock.now().getTime() + DAY).toISOString(),
      },
    });
    expect(again.response.status).toBe(422);
    expect((await refer(w, world.referralBody(resident.id, n.service.id, consent.id))).response.status).toBe(422);
  });

  test("a replayed create shows the resident again and is logged as a read", async () => {
    const n = await network();
    const w = n.sender.worker.browser;
    const { resident, consent } = await world.residentWithConsent(w, n.sender.organization.id, n.receiver.organization.id);
    const key = randomUUID();
    await refer(w, world.referralBody(resident.id, n.service.id, consent.id), key);
    await refer(w, world.referralBody(resident.id, n.service.id, consent.id), key);
    const rows = await t.db
      .select()
      .from(accessLog)
      .where(and(eq(accessLog.subjectId, resident.id), eq(accessLog.reason, "idempotent-replay")));
    expect(rows).toHaveLength(1);
  });

  test("a replay is authorised again: a worker demoted since gets a 404 problem, not the resident", async () => {
    const n = await network();
    const w = n.sender.worker.browser;
    const { resident, consent } = await world.residentWithConsent(w, n.sender.organization.id, n.receiver.organization.id);
    const key = randomUUID();
    const body = world.referralBody(resident.id, n.service.id, consent.id);
    expect((await refer(w, body, key)).response.status).toBe(201);
    const demoted = await n.sender.admin.browser.client.PATCH("/organizations/{organizationId}/members/{memberId}", {
      params: { path: { organizationId: n.sender.organization.id, memberId: n.sender.worker.membership.id } },
      body: { role: "coordinator" },
    });
    expect(demoted.response.status).toBe(200);
    const replay = await refer(w, body, key);
    expect(replay.response.status).toBe(404);
    expect(replay.response.headers.get("content-type")).toContain("application/problem+json");
    expect(JSON.stringify(replay.error)).not.toContain(RESIDENT.name);
  });

  test("the Wgs is a lawful basis only between municipal debt help and its contracted provider", async () => {
    const n = await network();
    const w = n.sender.worker.browser;
    const { data: resident } = await w.client.POST("/residents", {
      body: { organizationId: n.sender.organization.id, name: "Alex de Boer", phone: "06-87654321" } as never,
    });
    if (!resident) throw new Error("no resident");
    const body = {
      ...world.referralBody(resident.id, n.service.id, randomUUID()),
      lawfulBasis: "wgs_task" as const,
      consentId: undefined,
    };
    const refused = await refer(w, body);
    expect(refused.response.status).toBe(422);
    expect(refused.error).toMatchObject({ type: expect.stringMatching(/wgs-not-applicable$/) });
    await t.db.update(organizations).set({ isMunicipalDebtHelp: true }).where(eq(organizations.id, n.sender.organization.id));
    await t.db
      .insert(wgsContracts)
      .values({ municipalOrganizationId: n.sender.organization.id, providerOrganizationId: n.receiver.organization.id });
    const { data, response } = await refer(w, body);
    expect(response.status).toBe(201);
    const view = await n.receiver.worker.browser.client.GET("/referrals/{referralId}", {
      params: { path: { referralId: data?.id ?? "" } },
    });
    expect(view.data).toMatchObject({ lawfulBasis: "wgs_task", residentAccess: "consented", resident: { name: "Alex de Boer" } });
  });
});

describe("reaching the resident", () => {
  const routeProblem = (error: unknown) => error as components["schemas"]["Problem"];

  test("WhatsApp without a phone number is 422 naming reachableViaSender; 'Bereikbaar via mij' lets it go", async () => {
    const n = await network();
    const w = n.sender.worker.browser;
    const { resident, consent } = await world.residentWithConsent(
      w,
      n.sender.organization.id,
      n.receiver.organization.id,
      {},
      { name: "Noor Bakker", email: "noor@example.org", preferredChannel: "whatsapp" },
    );
    const refused = await refer(w, world.referralBody(resident.id, n.service.id, consent.id));
    expect(refused.response.status).toBe(422);
    expect(routeProblem(refused.error)).toMatchObject({
      type: expect.stringMatching(/no-contact-route$/),
      invalidParams: [{ name: "body.reachableViaSender", code: "no-contact-route" }],
    });
    expect(routeProblem(refused.error).detail).toMatch(/telefoonnummer.*WhatsApp/);
    const stored = await t.db.select().from(referrals).where(eq(referrals.residentId, resident.id));
    expect(stored).toHaveLength(0);

    const sent = await refer(w, world.referralBody(resident.id, n.service.id, consent.id, { reachableViaSender: true }));
    expect(sent.response.status).toBe(201);
    const view = await n.receiver.worker.browser.client.GET("/referrals/{referralId}", {
      params: { path: { referralId: sent.data?.id ?? "" } },
    });
    expect(view.data).toMatchObject({
      reachableViaSender: true,
      reachVia: "sender",
      referringWorker: { name: n.sender.worker.user.name, email: n.sender.worker.user.email },
      resident: { name: "Noor Bakker", email: "noor@example.org" },
    });
  });

  test("without a preference any one detail will do; with none at all it is refused", async () => {
    const n = await network();
    const w = n.sender.worker.browser;
    const orgId = n.sender.organization.id;
    const receiverId = n.receiver.organization.id;
    const nothing = await world.residentWithConsent(w, orgId, receiverId, {}, { name: "Kim Smit" });
    const refused = await refer(w, world.referralBody(nothing.resident.id, n.service.id, nothing.consent.id));
    expect(refused.response.status).toBe(422);
    expect(routeProblem(refused.error).detail).toMatch(/telefoonnummer, e-mailadres of adres/);

    const mail = await world.residentWithConsent(w, orgId, receiverId, {}, { name: "Kim Smit", email: "kim@example.org" });
    const sent = await refer(w, world.referralBody(mail.resident.id, n.service.id, mail.consent.id));
    expect(sent.response.status).toBe(201);
    const view = await n.receiver.worker.browser.client.GET("/referrals/{referralId}", {
      params: { path: { referralId: sent.data?.id ?? "" } },
    });
    expect(view.data).toMatchObject({ reachableViaSender: false, reachVia: "resident", resident: { email: "kim@example.org" } });
  });

  test("the referral's own channel counts: e-mail asked for and no address is refused", async () => {
    const n = await network();
    const w = n.sender.worker.browser;
    const { resident, consent } = await world.residentWithConsent(w, n.sender.organization.id, n.receiver.organization.id);
    const refused = await refer(w, world.referralBody(resident.id, n.service.id, consent.id, { preferredChannel: "email" }));
    expect(refused.response.status).toBe(422);
    expect(routeProblem(refused.error).detail).toMatch(/e-mailadres/);
  });

  test("contact data not shared needs 'Bereikbaar via mij': 400 naming dataCategories", async () => {
    const n = await network();
    const w = n.sender.worker.browser;
    const { resident, consent } = await world.residentWithConsent(w, n.sender.organization.id, n.receiver.organization.id);
    const body = world.referralBody(resident.id, n.service.id, consent.id, { dataCategories: ["request"], categoryNotes: {} });
    const refused = await refer(w, body);
    expect(refused.response.status).toBe(400);
    expect(routeProblem(refused.error).invalidParams?.map((p) => p.name)).toEqual(["body.dataCategories"]);
    expect((await refer(w, { ...body, reachableViaSender: true })).response.status).toBe(201);
  });
});
