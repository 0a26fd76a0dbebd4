import { memberships, referrals, residents } from "@schakel/db";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestContext, type TestContext } from "../test/harness";
import { referralWorld } from "../test/referral-world";

// PGlite runs one statement at a time, so only PostgreSQL can interleave two requests' transactions.
// Each round fires both requests at once through the app and checks the invariant afterwards.
const ROUNDS = 10;

let t: TestContext;
let world: ReturnType<typeof referralWorld>;
beforeAll(async () => {
  t = await createTestContext();
  world = referralWorld(t);
});
afterAll(() => t.close());

describe.runIf(Boolean(process.env.DATABASE_URL))("races on PostgreSQL", () => {
  test("erasing a resident while a referral is created never leaves that referral's hulpvraag", async () => {
    const n = await world.network({ receiverName: "Schuldhulp Race Wissen" });
    const worker = n.sender.worker.browser;
    const admin = n.sender.admin.browser;
    for (let round = 0; round < ROUNDS; round++) {
      const { resident, consent } = await world.residentWithConsent(worker, n.sender.organization.id, n.receiver.organization.id);
      const [erased, created] = await Promise.all([
        admin.client.POST("/residents/{residentId}/erasure", { params: { path: { residentId: resident.id } } }),
        worker.client.POST("/referrals", { body: world.referralBody(resident.id, n.service.id, consent.id) }),
      ]);
      // One of the two goes first; the other sees what it did.
      expect([erased.response.status, created.response.status].sort(), `round ${round}`).toSatisfy(
        (s: number[]) => (s[0] === 200 && s[1] === 422) || (s[0] === 201 && s[1] === 409),
      );
      const [row] = await t.db.select().from(residents).where(eq(residents.id, resident.id));
      const left = await t.db.select().from(referrals).where(eq(referrals.residentId, resident.id));
      if (row?.anonymizedAt)
        expect(
          left.map((r) => r.request),
          `round ${round}`,
        ).toEqual([]);
      else expect(left, `round ${round}`).toHaveLength(1);
    }
  });

  test("a referral created while its consent is withdrawn never stays open on the withdrawn consent", async () => {
    const n = await world.network({ receiverName: "Schuldhulp Race Toestemming" });
    const worker = n.sender.worker.browser;
    for (let round = 0; round < ROUNDS; round++) {
      const { resident, consent } = await world.residentWithConsent(worker, n.sender.organization.id, n.receiver.organization.id);
      const [withdrawn, created] = await Promise.all([
        worker.client.POST("/consents/{consentId}/withdrawal", { params: { path: { consentId: consent.id } }, body: {} }),
        worker.client.POST("/referrals", { body: world.referralBody(resident.id, n.service.id, consent.id) }),
      ]);
      expect(withdrawn.response.status, `round ${round}`).toBe(200);
      expect([201, 422], `round ${round}`).toContain(created.response.status);
      const open = await t.db
        .select({ id: referrals.id, status: referrals.status })
        .from(referrals)
        .where(eq(referrals.consentId, consent.id));
      expect(
        open.filter((r) => r.status !== "withdrawn"),
        `round ${round}`,
      ).toEqual([]);
    }
  });

  test("two admins demoting each other at once always leave an active admin", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const organization = await t.make.organization();
      const a = await t.make.member(organization.id, "admin");
      const b = await t.make.member(organization.id, "admin");
      const [asA, asB] = await Promise.all([t.signedIn(a.user.email), t.signedIn(b.user.email)]);
      const demote = (as: typeof asA, memberId: string) =>
        as.client.PATCH("/organizations/{organizationId}/members/{memberId}", {
          params: { path: { organizationId: organization.id, memberId } },
          body: { role: "worker" },
        });
      const answers = await Promise.all([demote(asA, b.membership.id), demote(asB, a.membership.id)]);
      const statuses = answers.map((x) => x.response.status);
      expect(
        statuses.filter((s) => s === 200),
        `round ${round}: ${statuses}`,
      ).toHaveLength(1);
      expect([403, 409], `round ${round}: ${statuses}`).toContain(statuses.find((s) => s !== 200));
      const admins = await t.db
        .select({ id: memberships.id })
        .from(memberships)
        .where(
          and(eq(memberships.organizationId, organization.id), eq(memberships.role, "admin"), eq(memberships.status, "active")),
        );
      expect(admins, `round ${round}`).toHaveLength(1);
    }
  });
});
