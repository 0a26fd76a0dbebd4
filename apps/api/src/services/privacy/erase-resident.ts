import { openStatuses } from "@schakel/core";
import { accessLog, consents, type Database, personalData, referrals, residents, tableName } from "@schakel/db";
import { and, asc, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { conflict, notFound } from "../../lib/problem";
import { logResidentAccess } from "../access-log";
import { requireActor, type ServiceContext, withTransaction } from "../context";
import { referralWebhook } from "../webhooks/referral-events";
import { requirePrivacyAdmin } from "./authorize";
import { jsonKey, linkOf } from "./tables";

/**
 * What to clear: one resident, with everything linked to them; or, for the retention job, only
 * some closed referrals (their own personal fields and those of the rows linked to them by
 * referral_id) and the consents that only those referrals still rested on.
 */
export type ClearTarget = { residentId: string } | { referralIds: string[]; consentIds: string[] };

/**
 * Sets every column classified `resident` in packages/db/src/personal-data.ts to its erased value,
 * in the rows the target covers; marks residents and referrals `anonymizedAt`. Statuses, dates,
 * categories, services, outcomes and amounts stay for the anonymous figures; the access log is
 * never touched here (it is append-only). Returns how many rows were cleared per table.
 */
export async function clearPersonalFields(db: Database, target: ClearTarget, now: Date): Promise<Record<string, number>> {
  const referralIds =
    "residentId" in target
      ? (await db.select({ id: referrals.id }).from(referrals).where(eq(referrals.residentId, target.residentId))).map(
          (r) => r.id,
        )
      : target.referralIds;
  const cleared: Record<string, number> = {};
  for (const { table, columns } of personalData) {
    const erase = Object.entries(columns).flatMap(([key, c]) => (c.kind === "resident" ? [[key, c.erasedTo] as const] : []));
    if (erase.length === 0) continue;
    if (table === accessLog) throw new Error("the access log is append-only and holds no erasable resident data");
    const set: Record<string, unknown> = Object.fromEntries(erase);
    let where: SQL | undefined;
    if (table === residents) {
      if (!("residentId" in target)) continue;
      Object.assign(set, { anonymizedAt: now, updatedAt: now });
      where = eq(residents.id, target.residentId);
    } else if (table === referrals) {
      // The first anonymisation's moment stays.
      Object.assign(set, { anonymizedAt: sql`coalesce(${referrals.anonymizedAt}, ${now.toISOString()}::timestamptz)` });
      if (referralIds.length > 0) where = inArray(referrals.id, referralIds);
    } else if (table === consents && !("residentId" in target)) {
      if (target.consentIds.length > 0) where = inArray(consents.id, target.consentIds);
    } else {
      const link = linkOf(table);
      if (!link) throw new Error(`${tableName(table)} holds resident data but has no resident_id or referral_id`);
      if (link.by === "resident") {
        if ("residentId" in target) where = eq(link.column, target.residentId);
        else throw new Error(`${tableName(table)} is linked only to the resident: clear it with the resident`);
      } else if (referralIds.length > 0) where = inArray(link.column, referralIds);
    }
    if (!where) continue;
    const rows = await db
      .update(table as PgTable)
      .set(set as never)
      .where(where)
      .returning();
    cleared[jsonKey(table)] = rows.length;
  }
  return cleared;
}

/**
 * Removes a resident's personal data and keeps the anonymous facts (clearPersonalFields), in the
 * resident row and in every row linked to them by resident_id or referral_id. Consents still in
 * force are withdrawn (by `withdrawnByUserId`; null for Schakel itself), each referral resting on
 * them telling its webhooks (consent-withdrawn). Returns how many rows
 * were cleared per table.
 */
export async function anonymizeResident(
  db: Database,
  input: { residentId: string; now: Date; withdrawnByUserId: string | null },
): Promise<Record<string, number>> {
  const withdrawn = await db
    .update(consents)
    .set({ withdrawnAt: input.now, withdrawnByUserId: input.withdrawnByUserId })
    .where(and(eq(consents.residentId, input.residentId), isNull(consents.withdrawnAt)))
    .returning({ id: consents.id });
  // The partner systems of both sides hear of it on each referral that rested on them (ADR 0027).
  if (withdrawn.length > 0) {
    const resting = await db
      .select({
        id: referrals.id,
        reference: referrals.reference,
        senderOrganizationId: referrals.senderOrganizationId,
        receiverOrganizationId: referrals.receiverOrganizationId,
      })
      .from(referrals)
      .where(
        inArray(
          referrals.consentId,
          withdrawn.map((c) => c.id),
        ),
      )
      .orderBy(asc(referrals.createdAt), asc(referrals.id));
    for (const r of resting) await referralWebhook(db, r, "nl.schakel.referral.consent-withdrawn", input.now);
  }
  return clearPersonalFields(db, { residentId: input.residentId }, input.now);
}

const NOT_FOUND = "Deze inwoner bestaat niet of is niet door jouw organisatie vastgelegd.";

/**
 * The resident's right to erasure (AVG art. 17), carried out by an admin of the organization that
 * recorded them, once their referrals are closed: a referral still being worked on is withdrawn
 * or closed first, by people who know what it means for the help underway (409 until then).
 * Erasing twice is harmless: the second time clears whatever was added since.
 */
export async function eraseResident(ctx: ServiceContext, input: { residentId: string }) {
  const actor = requireActor(ctx);
  const now = ctx.clock.now();
  return withTransaction(ctx, async (tx) => {
    const [resident] = await tx
      .select({ id: residents.id, organizationId: residents.organizationId, anonymizedAt: residents.anonymizedAt })
      .from(residents)
      .where(eq(residents.id, input.residentId))
      .for("update");
    if (!resident) throw notFound(NOT_FOUND);
    await requirePrivacyAdmin(tx, actor.userId, resident.organizationId, {
      notFound: NOT_FOUND,
      forbidden: "Alleen een beheerder van je organisatie kan de gegevens van een inwoner wissen.",
    });
    const open = await tx
      .select({ id: referrals.id })
      .from(referrals)
      .where(and(eq(referrals.residentId, resident.id), inArray(referrals.status, openStatuses)));
    if (open.length > 0) {
      throw conflict(
        `Deze inwoner heeft nog ${open.length === 1 ? "een lopende verwijzing" : `${open.length} lopende verwijzingen`}. Trek die eerst in of laat ze afsluiten; daarna kun je de gegevens wissen.`,
      );
    }
    const cleared = await anonymizeResident(tx, { residentId: resident.id, now, withdrawnByUserId: actor.userId });
    const anonymizedAt = resident.anonymizedAt ?? now;
    if (resident.anonymizedAt) {
      // Keep the first erasure's moment.
      await tx.update(residents).set({ anonymizedAt }).where(eq(residents.id, resident.id));
    }
    await logResidentAccess(tx, {
      at: now,
      userId: actor.userId,
      organizationId: resident.organizationId,
      action: "resident.erase",
      residentId: resident.id,
      reason: "verzoek tot wissen (AVG art. 17)",
      details: { cleared },
    });
    return { residentId: resident.id, anonymizedAt: anonymizedAt.toISOString(), cleared };
  });
}
