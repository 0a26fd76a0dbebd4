import { randomUUID } from "node:crypto";
import { accessLog, organizations, wgsContracts } from "@schakel/db";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { fhirSchemaErrors } from "../test/fhir-schema";
import { createTestContext, type TestContext } from "../test/harness";
import { type Browser, RESIDENT, referralWorld } from "../test/referral-world";

// GET /referrals/{id}/fhir: the referral as a FHIR R4 Bundle for the side that asks (issue 10 part 9).

let t: TestContext;
let world: ReturnType<typeof referralWorld>;
beforeAll(async () => {
  t = await createTestContext();
  world = referralWorld(t);
});
afterAll(() => t.close());

const REQUEST = "Sam wil hulp bij zijn schulden bij de zorgverzekeraar.";

type Resource = { resourceType: string; id: string; [k: string]: unknown };
type Bundle = { resourceType: string; type: string; entry: { fullUrl: string; resource: Resource }[] };

/** The Bundle as `b` gets it; it must be application/fhir+json and valid against the FHIR R4 schema. */
async function fhir(b: Pick<Browser, "client">, referralId: string) {
  const { data, response } = await b.client.GET("/referrals/{referralId}/fhir", { params: { path: { referralId } } });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("application/fhir+json; charset=utf-8");
  expect(fhirSchemaErrors(data)).toEqual([]);
  const bundle = data as unknown as Bundle;
  expect(bundle).toMatchObject({ resourceType: "Bundle", type: "collection" });
  const of = (type: string) => bundle.entry.find((e) => e.resource.resourceType === type)?.resource;
  return { bundle, task: of("Task"), request: of("ServiceRequest"), consent: of("Consent"), text: JSON.stringify(bundle) };
}

describe("the FHIR R4 schema check", () => {
  test("can fail: an unknown status, a missing required element or an unknown field is refused", () => {
    const task = { resourceType: "Task", id: "a", status: "requested", intent: "order" };
    expect(fhirSchemaErrors(task)).toEqual([]);
    expect(fhirSchemaErrors({ ...task, status: "closed" })).not.toEqual([]);
    expect(fhirSchemaErrors({ ...task, residentName: "Sam" })).not.toEqual([]);
    expect(fhirSchemaErrors({ resourceType: "Consent", id: "b", status: "active" })).not.toEqual([]);
    expect(
      fhirSchemaErrors({ resourceType: "Bundle", type: "collection", entry: [{ resource: { ...task, status: "bogus" } }] }),
    ).not.toEqual([]);
  });
});

describe("GET /referrals/{referralId}/fhir", () => {
  test("under `outcome`, completed: both sides get Task, ServiceRequest and Consent, with the outcome", async () => {
    const n = await world.network({ receiverName: "Schuldhulp FHIR Uitkomst" });
    const { referral } = await world.refer(n, { consent: { feedbackLevel: "outcome" } });
    const rw = n.receiver.worker.browser;
    // The receiver's first read, in FHIR too, marks it received; the read is logged like any other.
    const first = await fhir(rw, referral.id);
    expect(first.task).toMatchObject({ id: referral.id, status: "received", businessStatus: { text: "Nieuw" } });
    const logged = await t.db
      .select()
      .from(accessLog)
      .where(and(eq(accessLog.action, "referral.read"), eq(accessLog.actorUserId, n.receiver.worker.user.id)));
    expect(logged.map((l) => l.details)).toContainEqual(expect.objectContaining({ referralId: referral.id, format: "fhir" }));

    await world.walk(rw, referral.id, [
      { to: "accepted" },
      { to: "in_contact" },
      { to: "in_progress" },
      { to: "completed", outcome: "helped", moneyOutcomeCents: 250000 },
    ]);
    for (const b of [rw, n.sender.worker.browser]) {
      const { bundle, task, request, consent } = await fhir(b, referral.id);
      expect(bundle.entry.map((e) => e.resource.resourceType)).toEqual(["Task", "ServiceRequest", "Consent"]);
      expect(bundle.entry.map((e) => e.fullUrl)).toEqual(bundle.entry.map((e) => `urn:uuid:${e.resource.id}`));
      expect(task).toMatchObject({
        status: "completed",
        intent: "order",
        identifier: [{ value: `V-${referral.reference}` }],
        focus: { reference: `urn:uuid:${request?.id}` },
        for: { display: RESIDENT.name },
        requester: { display: n.sender.organization.name },
        owner: { display: "Schuldhulp FHIR Uitkomst" },
        output: [
          { valueCodeableConcept: { coding: [{ code: "helped" }], text: "Geholpen" } },
          { valueMoney: { value: 2500, currency: "EUR" } },
        ],
      });
      expect(request).toMatchObject({
        status: "completed",
        intent: "order",
        code: { text: "Schulddienstverlening" },
        subject: { display: RESIDENT.name },
        note: [{ text: REQUEST }],
      });
      expect(consent).toMatchObject({
        status: "active",
        provision: { type: "permit", actor: [{ reference: { display: "Schuldhulp FHIR Uitkomst" } }] },
        extension: [{ valueCode: "outcome" }],
      });
    }
    // Only the sender has its consent record's dates.
    expect((await fhir(n.sender.worker.browser, referral.id)).consent?.provision).toHaveProperty("period");
    expect((await fhir(rw, referral.id)).consent?.provision).not.toHaveProperty("period");
  });

  test("under `contact_only` the sender's Task follows the sender's view: ready, then completed, never the outcome", async () => {
    const n = await world.network({ receiverName: "Schuldhulp FHIR Contact" });
    const { referral } = await world.refer(n, { consent: { feedbackLevel: "contact_only" } });
    const rw = n.receiver.worker.browser;
    const sw = n.sender.worker.browser;
    await world.walk(rw, referral.id, [{ to: "accepted" }]);
    expect((await fhir(sw, referral.id)).task).toMatchObject({ status: "received", businessStatus: { text: "Ontvangen" } });
    expect((await fhir(rw, referral.id)).task).toMatchObject({ status: "accepted" });
    await world.walk(rw, referral.id, [{ to: "in_contact" }, { to: "in_progress" }]);
    expect((await fhir(sw, referral.id)).task).toMatchObject({ status: "ready", businessStatus: { text: "In contact" } });
    expect((await fhir(sw, referral.id)).request).toMatchObject({ status: "active" });
    expect((await fhir(rw, referral.id)).task).toMatchObject({ status: "in-progress" });
    await world.walk(rw, referral.id, [{ to: "completed", outcome: "not_helped", moneyOutcomeCents: 12345 }]);
    const sender = await fhir(sw, referral.id);
    expect(sender.task).toMatchObject({ status: "completed", businessStatus: { text: "Afgesloten" } });
    expect(sender.task).not.toHaveProperty("output");
    expect(sender.text).not.toMatch(/not_helped|Niet geholpen|123\.45/);
    expect(sender.consent).toMatchObject({ extension: [{ valueCode: "contact_only" }] });
    expect((await fhir(rw, referral.id)).task).toMatchObject({
      status: "completed",
      output: [{ valueCodeableConcept: { coding: [{ code: "not_helped" }] } }, { valueMoney: { value: 123.45 } }],
    });
  });

  test("under `contact_only` not reached is `completed` for the sender, `failed` for the receiver", async () => {
    const n = await world.network({ receiverName: "Schuldhulp FHIR Niet Bereikt" });
    const { referral } = await world.refer(n, { consent: { feedbackLevel: "contact_only" } });
    const rw = n.receiver.worker.browser;
    await world.walk(rw, referral.id, [{ to: "accepted" }]);
    const attempt = await rw.client.POST("/referrals/{referralId}/contact-attempts", {
      params: { path: { referralId: referral.id } },
      body: { channel: "phone", result: "no_answer" } as never,
    });
    expect(attempt.response.status).toBe(201);
    await world.walk(rw, referral.id, [{ to: "not_reached" }]);
    expect((await fhir(n.sender.worker.browser, referral.id)).task).toMatchObject({ status: "completed" });
    expect((await fhir(rw, referral.id)).task).toMatchObject({ status: "failed" });
  });

  test("under `status` the sender sees every status but no outcome; a decline carries its reason", async () => {
    const n = await world.network({ receiverName: "Schuldhulp FHIR Status" });
    const { referral } = await world.refer(n, { consent: { feedbackLevel: "status" } });
    const rw = n.receiver.worker.browser;
    await world.walk(rw, referral.id, [{ to: "accepted" }, { to: "in_contact" }, { to: "completed", outcome: "helped" }]);
    const sender = await fhir(n.sender.worker.browser, referral.id);
    expect(sender.task).toMatchObject({ status: "completed", businessStatus: { text: "Afgerond" } });
    expect(sender.task).not.toHaveProperty("output");

    const other = await world.refer(n, { consent: { feedbackLevel: "status" } });
    await world.walk(rw, other.referral.id, [{ to: "declined", reason: "Wij helpen alleen inwoners van Arnhem." }]);
    for (const b of [rw, n.sender.worker.browser]) {
      const { task, request } = await fhir(b, other.referral.id);
      expect(task).toMatchObject({ status: "rejected", statusReason: { text: "Wij helpen alleen inwoners van Arnhem." } });
      expect(request).toMatchObject({ status: "revoked" });
    }
  });

  test("the receiver sees only the shared categories, and nothing of the resident once consent is withdrawn", async () => {
    const n = await world.network({ receiverName: "Schuldhulp FHIR Categorieën" });
    const { referral, consent } = await world.refer(n, {
      consent: { dataCategories: ["request", "debts"] },
      body: { dataCategories: ["request", "debts"], reachableViaSender: true },
    });
    const rw = n.receiver.worker.browser;
    const shared = await fhir(rw, referral.id);
    expect(shared.task).toMatchObject({ for: { display: "Inwoner" } });
    expect(shared.request).toMatchObject({ note: [{ text: REQUEST }] });
    expect(shared.text).not.toContain(RESIDENT.name);
    expect(shared.text).not.toContain(RESIDENT.phone);
    // The sender names its own resident.
    expect((await fhir(n.sender.worker.browser, referral.id)).task).toMatchObject({ for: { display: RESIDENT.name } });

    const withdrawn = await n.sender.worker.browser.client.POST("/consents/{consentId}/withdrawal", {
      params: { path: { consentId: consent.id } },
      body: {},
    });
    expect(withdrawn.response.status).toBe(200);
    const after = await fhir(rw, referral.id);
    expect(after.task).toMatchObject({ status: "cancelled" });
    expect(after.consent).toMatchObject({ status: "inactive" });
    expect(after.request).not.toHaveProperty("note");
    expect(after.text).not.toContain(REQUEST);
    expect((await fhir(n.sender.worker.browser, referral.id)).consent).toMatchObject({ status: "inactive" });
  });

  test("under the Wgs there is no consent, so no Consent", async () => {
    const n = await world.network({ receiverName: "Schuldhulp FHIR Wgs" });
    const w = n.sender.worker.browser;
    await t.db.update(organizations).set({ isMunicipalDebtHelp: true }).where(eq(organizations.id, n.sender.organization.id));
    await t.db
      .insert(wgsContracts)
      .values({ municipalOrganizationId: n.sender.organization.id, providerOrganizationId: n.receiver.organization.id });
    const resident = await world.resident(w, n.sender.organization.id);
    const { data } = await w.client.POST("/referrals", {
      body: { ...world.referralBody(resident.id, n.service.id, randomUUID()), lawfulBasis: "wgs_task", consentId: undefined },
    });
    if (!data) throw new Error("no referral");
    for (const b of [n.receiver.worker.browser, w]) {
      const { bundle } = await fhir(b, data.id);
      expect(bundle.entry.map((e) => e.resource.resourceType)).toEqual(["Task", "ServiceRequest"]);
    }
  });

  test("another organization gets 404, anonymous 401, a bad id 400", async () => {
    const n = await world.network({ receiverName: "Schuldhulp FHIR Weigeren" });
    const { referral } = await world.refer(n);
    const path = { params: { path: { referralId: referral.id } } };
    const outsider = await n.outsider.worker.browser.client.GET("/referrals/{referralId}/fhir", path);
    expect(outsider.response.status).toBe(404);
    expect(outsider.response.headers.get("content-type")).toContain("application/problem+json");
    expect(JSON.stringify(outsider.error)).not.toContain(RESIDENT.name);
    expect((await t.anonymous().client.GET("/referrals/{referralId}/fhir", path)).response.status).toBe(401);
    expect(
      (await t.anonymous().client.GET("/referrals/{referralId}/fhir", { params: { path: { referralId: randomUUID() } } }))
        .response.status,
    ).toBe(401);
    const bad = await n.sender.worker.browser.client.GET("/referrals/{referralId}/fhir", {
      params: { path: { referralId: "nope" } },
    });
    expect(bad.response.status).toBe(400);
    // The outsider's attempt read nothing: no access log entry of it.
    const logged = await t.db.select().from(accessLog).where(eq(accessLog.actorUserId, n.outsider.worker.user.id));
    expect(logged).toEqual([]);
  });
});
