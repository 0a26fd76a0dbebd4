import { referrals, residents } from "@schakel/db";
import { asc, eq } from "drizzle-orm";
import { notFound } from "../../lib/problem";
import { requireActor, type ServiceContext, withTransaction } from "../context";
import { requirePrivacyAdmin } from "./authorize";
import { residentExport } from "./export-resident";

const NOT_FOUND = "Deze inwoner bestaat niet of is niet door jouw organisatie vastgelegd.";

/**
 * The resident's complete inzage (AVG art. 15): every row the recording organization holds about
 * them as controller — the record, every consent, every referral with all that happened on it,
 * whatever the feedback level — and the whole access log about them. An admin procedure: only an
 * admin of that organization, with a reason, which the access log keeps with the export. Workers
 * get 403 (their export is exportResident, their side's view), other organizations 404.
 */
export async function createCompleteResidentExport(ctx: ServiceContext, input: { residentId: string; reason: string }) {
  const actor = requireActor(ctx);
  const now = ctx.clock.now();
  return withTransaction(ctx, async (tx) => {
    const [resident] = await tx.select().from(residents).where(eq(residents.id, input.residentId));
    if (!resident) throw notFound(NOT_FOUND);
    await requirePrivacyAdmin(tx, actor.userId, resident.organizationId, {
      notFound: NOT_FOUND,
      forbidden:
        "Alleen een beheerder maakt de volledige inzage. Als medewerker download je wat jouw kant van de verwijzingen ziet.",
    });
    const all = await tx
      .select()
      .from(referrals)
      .where(eq(referrals.residentId, resident.id))
      .orderBy(asc(referrals.createdAt), asc(referrals.id));
    return residentExport(tx, {
      userId: actor.userId,
      resident,
      scope: { kind: "complete", reason: input.reason },
      referrals: all,
      holderId: resident.organizationId,
      now,
    });
  });
}
