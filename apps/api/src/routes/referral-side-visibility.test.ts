import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestContext, type TestContext } from "../test/harness";
import { type Browser, referralWorld } from "../test/referral-world";

// What each side of a referral is shown, beyond the status: the version (ETag) a side sees moves
// only with what that side can see; the life domains and the reason for urgency follow the consent.

let t: TestContext;
let world: ReturnType<typeof referralWorld>;
beforeAll(async () => {
  t = await createTestContext();
  world = referralWorld(t);
});
afterAll(() => t.close());

const read = async (b: Browser, referralId: string) => {
  const { data, response } = await b.client.GET("/referrals/{referralId}", { params: { path: { referralId } } });
  if (!data) throw new Error(`referral not readable: ${response.status}`);
  return { data, etag: response.headers.get("etag") };
};

describe("the version a side is shown", () => {
  test("under contact_only a move the sender cannot see leaves the sender's ETag as it was; one they can see changes it", async () => {
    const n = await world.network();
    const { referral } = await world.refer(n, { consent: { feedbackLevel: "contact_only" } });
    const sw = n.sender.worker.browser;
    const rw = n.receiver.worker.browser;

    await read(rw, referral.id); // received: the sender sees it arrived
    const before = await read(sw, referral.id);
    expect(before.data.status).toBe("received");
    expect(before.etag).toBe(`"${before.data.version}"`);

    const received = await read(rw, referral.id);
    const accepted = await world.move(rw, referral.id, received.data.version, { to: "accepted" });
    expect(accepted.response.status).toBe(200);
    expect(accepted.data?.version).toBeGreaterThan(received.data.version);
    // The receiver assigns a colleague: a change on its own side only.
    const assigned = await rw.client.PATCH("/referrals/{referralId}", {
      params: { path: { referralId: referral.id }, header: { "if-match": `"${accepted.data?.version}"` } },
      body: { assignedUserId: n.receiver.worker.user.id },
    });
    expect(assigned.response.status).toBe(200);

    const after = await read(sw, referral.id);
    expect(after.data.status).toBe("received");
    expect(after.data.assignedUserId).toBeNull();
    expect(after.etag).toBe(before.etag);
    expect(after.data.version).toBe(before.data.version);

    // A move they can see (contact made) changes it.
    const receiverNow = await read(rw, referral.id);
    expect((await world.move(rw, referral.id, receiverNow.data.version, { to: "in_contact" })).response.status).toBe(200);
    const contact = await read(sw, referral.id);
    expect(contact.data.status).toBe("in_contact");
    expect(contact.data.version).toBe(before.data.version + 1);

    // in_progress is hidden again (shown as in_contact): the sender's ETag stays, and it still
    // works for the sender's own move — a 412 here would itself tell them something happened.
    const progressing = await read(rw, referral.id);
    expect((await world.move(rw, referral.id, progressing.data.version, { to: "in_progress" })).response.status).toBe(200);
    const withdrawn = await world.move(sw, referral.id, contact.data.version, { to: "withdrawn", note: "Inwoner wil stoppen" });
    expect(withdrawn.response.status).toBe(200);
    expect(withdrawn.data?.version).toBe(contact.data.version + 1);
    expect(withdrawn.response.headers.get("etag")).toBe(`"${contact.data.version + 1}"`);
  });

  test("a sender's stale ETag is still refused (412) after a move they can see", async () => {
    const n = await world.network();
    const { referral } = await world.refer(n, { consent: { feedbackLevel: "contact_only" } });
    const first = await read(n.sender.worker.browser, referral.id);
    await read(n.receiver.worker.browser, referral.id); // received: visible
    const stale = await world.move(n.sender.worker.browser, referral.id, first.data.version, { to: "withdrawn" });
    expect(stale.response.status).toBe(412);
  });

  test("under status and outcome every move is visible, so the sender's version moves with each", async () => {
    for (const feedbackLevel of ["status", "outcome"] as const) {
      const n = await world.network();
      const { referral } = await world.refer(n, { consent: { feedbackLevel } });
      const start = await read(n.sender.worker.browser, referral.id);
      await world.walk(n.receiver.worker.browser, referral.id, [{ to: "accepted" }]);
      const after = await read(n.sender.worker.browser, referral.id);
      expect(after.data.status, feedbackLevel).toBe("accepted");
      expect(after.data.version, feedbackLevel).toBe(start.data.version + 2); // received, accepted
    }
  });
});

describe("life domains and the reason for urgency follow the consent", () => {
  const urgent = {
    urgency: "urgent" as const,
    urgencyReason: "eviction" as const,
    lifeDomains: ["schulden" as const, "wonen" as const],
  };

  test("a receiver the referral does not share the request with sees neither; the sender sees both", async () => {
    const n = await world.network();
    const { referral } = await world.refer(n, {
      body: { ...urgent, dataCategories: ["contact", "debts"], categoryNotes: {} },
    });
    const receiver = await read(n.receiver.worker.browser, referral.id);
    expect(receiver.data).toMatchObject({ urgency: "urgent", urgencyReason: null, lifeDomains: [], request: null });
    const sender = await read(n.sender.worker.browser, referral.id);
    expect(sender.data).toMatchObject({ urgencyReason: "eviction", lifeDomains: ["schulden", "wonen"] });
  });

  test("shared with the request the receiver sees them — until the consent is withdrawn", async () => {
    const n = await world.network();
    const { referral, consent } = await world.refer(n, { body: urgent });
    const shared = await read(n.receiver.worker.browser, referral.id);
    expect(shared.data).toMatchObject({ urgencyReason: "eviction", lifeDomains: ["schulden", "wonen"] });

    const withdrawal = await n.sender.worker.browser.client.POST("/consents/{consentId}/withdrawal", {
      params: { path: { consentId: consent.id } },
      body: {},
    });
    expect(withdrawal.response.status).toBe(200);
    const after = await read(n.receiver.worker.browser, referral.id);
    expect(after.data).toMatchObject({ residentAccess: "none", urgency: "urgent", urgencyReason: null, lifeDomains: [] });
    expect(JSON.stringify(after.data)).not.toMatch(/eviction|wonen/);
  });
});
