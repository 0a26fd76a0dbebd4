import { consents } from "@schakel/db";
import { desc, eq } from "drizzle-orm";
import { logResidentAccess } from "../access-log";
import { requireActor, type ServiceContext, withTransaction } from "../context";
import { loadOwnResident, toConsent } from "./resident-records";

/** The resident's consents (their purpose and any reason for withdrawal are the resident's data: the read is logged). */
export async function listConsents(ctx: ServiceContext, input: { residentId: string }) {
  const actor = requireActor(ctx);
  const now = ctx.clock.now();
  return withTransaction(ctx, async (tx) => {
    const resident = await loadOwnResident(tx, actor.userId, input.residentId);
    const rows = await tx.select().from(consents).where(eq(consents.residentId, resident.id)).orderBy(desc(consents.recordedAt));
    await logResidentAccess(tx, {
      at: now,
      userId: actor.userId,
      organizationId: resident.organizationId,
      action: "consent.list",
      residentId: resident.id,
      details: { consentIds: rows.map((r) => r.id) },
    });
    return { data: rows.map((r) => toConsent(r, now)) };
  });
}
