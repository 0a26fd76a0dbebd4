import type { components } from "@schakel/api-client";
import { referrals } from "@schakel/db";
import { count, eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { must, useMatrixWorld } from "../test/privacy-matrix/fixtures";
import { CONTACT, RESIDENT, secretsIn, TEXT } from "../test/privacy-matrix/secrets";

// ---- data categories: the receiver sees only what was consented and shared ----

const m = useMatrixWorld({ shared: false });

describe("data categories", () => {
  test("consent covers contact and request: a debts note is refused at creation and nothing is stored", async () => {
    const sw = m.sender.worker.browser;
    const { resident, consent } = await m.residentWithConsent({ dataCategories: ["contact", "request"] });
    const debts = { debts: "Schuld bij de energieleverancier (schuld-x5v)" };

    const unshared = await sw.client.POST("/referrals", {
      body: m.referralBody(resident.id, consent.id, { dataCategories: ["contact", "request"], categoryNotes: debts }),
    });
    expect(unshared.response.status).toBe(400);
    expect((unshared.error as components["schemas"]["Problem"]).invalidParams?.map((p) => p.name)).toEqual([
      "body.categoryNotes.debts",
    ]);
    const unconsented = await sw.client.POST("/referrals", {
      body: m.referralBody(resident.id, consent.id, { dataCategories: ["contact", "request", "debts"], categoryNotes: debts }),
    });
    expect(unconsented.response.status).toBe(422);
    expect((unconsented.error as components["schemas"]["Problem"]).detail).toMatch(/toestemming/i);
    const [stored] = await m.t.db.select({ n: count() }).from(referrals).where(eq(referrals.residentId, resident.id));
    expect(stored?.n).toBe(0);

    // Within the consent it goes, and the receiver sees contact and request — no notes, no birth year.
    const sent = await must(
      "referral",
      sw.client.POST("/referrals", {
        body: m.referralBody(resident.id, consent.id, { dataCategories: ["contact", "request"], categoryNotes: {} }),
      }),
    );
    const { data } = await m.receiver.worker.browser.client.GET("/referrals/{referralId}", {
      params: { path: { referralId: sent.id } },
    });
    expect(data).toMatchObject({ dataCategories: ["contact", "request"], categoryNotes: {}, request: TEXT.request });
    expect(data?.resident).toMatchObject({ name: RESIDENT.name, birthYear: null });
    expect(JSON.stringify(data)).not.toMatch(/schuld-x5v|financien-f4m/);
  });

  test("a referral that shares less than the consent shows the receiver only what it shares", async () => {
    const sw = m.sender.worker.browser;
    const rw = m.receiver.worker.browser;
    const { resident, consent } = await m.residentWithConsent();
    const sent = await must(
      "referral",
      sw.client.POST("/referrals", {
        body: m.referralBody(resident.id, consent.id, {
          dataCategories: ["request"],
          categoryNotes: {},
          reachableViaSender: true,
        }),
      }),
    );
    const view = await rw.client.GET("/referrals/{referralId}", { params: { path: { referralId: sent.id } } });
    expect(view.data).toMatchObject({
      residentAccess: "consented",
      resident: null,
      request: TEXT.request,
      preferredChannel: null,
      // Without the contact data the receiver reaches the resident through the referring worker.
      reachableViaSender: true,
      reachVia: "sender",
      referringWorker: { name: expect.any(String), email: expect.stringContaining("@") },
    });
    const inbox = await rw.client.GET("/referrals", { params: { query: { box: "inbox", status: "received", limit: 100 } } });
    const item = inbox.data?.data.find((r) => r.id === sent.id);
    expect(item).toMatchObject({ residentName: null });
    for (const body of [JSON.stringify(view.data), JSON.stringify(item)]) {
      expect(secretsIn(body).filter((s) => CONTACT.includes(s))).toEqual([]);
    }
  });

  test("a withdrawn consent carries no new referral", async () => {
    const fx = await m.mint("consented", { withdrawn: true });
    const { response, error } = await m.sender.worker.browser.client.POST("/referrals", {
      body: m.referralBody(fx.residentId, fx.consentId),
    });
    expect(response.status).toBe(422);
    expect((error as components["schemas"]["Problem"]).detail).toMatch(/toestemming/i);
  });
});
