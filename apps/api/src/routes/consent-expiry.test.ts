import { consents } from "@schakel/db";
import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { matrixCases } from "../test/privacy-matrix/cases";
import { useMatrixWorld } from "../test/privacy-matrix/fixtures";
import { secretsIn } from "../test/privacy-matrix/secrets";

// ---- expiry works like withdrawal, also for a referral that stays open ----

const m = useMatrixWorld({ shared: false });
const CASES = matrixCases(m);

describe("expired consent", () => {
  test("the receiver of an open referral whose consent expired reads its history, none of the resident", async () => {
    const fx = await m.mint("active", { serviceId: m.expiryService.id });
    await m.t.db
      .update(consents)
      .set({ validUntil: new Date(m.t.clock.now().getTime() - 1000) })
      .where(eq(consents.id, fx.consentId));
    const b = m.receiver.worker.browser;
    const reads = CASES.filter((c) => c.stage === "shared" && (c.role ?? "worker") === "worker");
    for (const c of reads) {
      const reply = await c.run({ b, actor: "receiver", fx });
      const where = `${c.operationId} (${c.title})`;
      // The referral is still open: the calendar file is still there, without the place.
      expect(reply.status, where).toBe(
        c.status.withdrawn === 404 && c.operationId === "getDriegesprekCalendar" ? 200 : c.status.withdrawn,
      );
      expect(secretsIn(reply.body), where).toEqual([]);
    }
  });
});
