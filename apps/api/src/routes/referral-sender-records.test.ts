import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestContext, type TestContext } from "../test/harness";
import { referralWorld } from "../test/referral-world";

let t: TestContext;
let world: ReturnType<typeof referralWorld>;
beforeAll(async () => {
  t = await createTestContext();
  world = referralWorld(t);
});
afterAll(() => t.close());

describe("getReferral", () => {
  test("the sender gets its resident and consent ids, so it can withdraw consent from any device; the receiver does not", async () => {
    const n = await world.network();
    const { resident, consent, referral } = await world.refer(n);
    expect(referral).toMatchObject({ residentId: resident.id, consentId: consent.id });
    const asReceiver = await world.open(n.receiver.worker.browser, referral.id);
    expect(asReceiver).toMatchObject({ residentId: null, consentId: null });
    const withdrawn = await n.sender.admin.browser.client.POST("/consents/{consentId}/withdrawal", {
      params: { path: { consentId: asReceiver.consentId ?? referral.consentId ?? "" } },
      body: {},
    });
    expect(withdrawn.data?.valid).toBe(false);
  });
});
