import { consents, residents } from "@schakel/db";
import { and, eq } from "drizzle-orm";
import { logResidentAccess } from "../access-log";
import { requireActor, type ServiceContext, withTransaction } from "../context";
import { withdrawReferralsForConsent } from "../referrals/move";
import { loadOwnConsent, toConsent } from "./resident-records";

/**
 * The resident withdraws a consent (recorded by the sending side): from now on the receiver no
 * longer sees their data. In the same transaction every open referral resting on it is withdrawn
 * by Schakel; the referring workers are told after commit. Withdrawing twice changes nothing.
 */
export async function withdrawConsent(ctx: ServiceContext, input: { consentId: string; reason?: string }) {
  const actor = requireActor(ctx);
  const now = ctx.clock.now();
  return withTransaction(ctx, async (tx, txCtx) => {
    const { resident } = await loadOwnConsent(tx, actor.userId, input.consentId);
    // Lock order (ADR 0022): the resident, then the consent — as creating a referral and erasing
    // take them. A referral being created on this consent commits first and is withdrawn below.
    await tx.select({ id: residents.id }).from(residents).where(eq(residents.id, resident.id)).for("share");
    const [consent] = await tx.select().from(consents).where(eq(consents.id, input.consentId)).for("update");
    if (!consent) throw new Error("consent vanished");
    if (consent.withdrawnAt) return toConsent(consent, now);
    const [row] = await tx
      .update(consents)
      .set({ withdrawnAt: now, withdrawnByUserId: actor.userId, withdrawalReason: input.reason ?? null })
      .where(and(eq(consents.id, consent.id)))
      .returning();
    if (!row) throw new Error("consent vanished");
    await withdrawReferralsForConsent(txCtx, consent.id, now);
    await logResidentAccess(tx, {
      at: now,
      userId: actor.userId,
      organizationId: resident.organizationId,
      action: "consent.withdraw",
      residentId: resident.id,
      details: { consentId: consent.id },
    });
    return toConsent(row, now);
  });
}
