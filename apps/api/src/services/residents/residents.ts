import { consentIsValid } from "@schakel/core";
import { consents, type Database, residents } from "@schakel/db";
import { and, desc, eq } from "drizzle-orm";
import type { z } from "zod";
import { notFound, unprocessable } from "../../lib/problem";
import type { ConsentCreateSchema, ResidentCreateSchema } from "../../schemas/residents";
import { logResidentAccess } from "../access-log";
import { requireActor, type ServiceContext, withTransaction } from "../context";
import { requireCaseworker } from "../membership";

const residentColumns = {
  id: residents.id,
  organizationId: residents.organizationId,
  name: residents.name,
  birthDate: residents.birthDate,
  birthYear: residents.birthYear,
  address: residents.address,
  postcode: residents.postcode,
  phone: residents.phone,
  email: residents.email,
  preferredChannel: residents.preferredChannel,
  language: residents.language,
  anonymizedAt: residents.anonymizedAt,
  createdAt: residents.createdAt,
};

type ResidentRow = { [K in keyof typeof residentColumns]: (typeof residents.$inferSelect)[K] };

export const toResident = ({ anonymizedAt: _, ...r }: ResidentRow) => ({ ...r, createdAt: r.createdAt.toISOString() });

/** The resident, for a caseworker of the organization that recorded them; 404 for anyone else. */
export async function loadOwnResident(db: Database, userId: string, residentId: string) {
  const [row] = await db.select(residentColumns).from(residents).where(eq(residents.id, residentId));
  const missing = "Deze inwoner bestaat niet of is niet door jouw organisatie vastgelegd.";
  if (!row) throw notFound(missing);
  await requireCaseworker(db, userId, row.organizationId, missing);
  return row;
}

export async function createResident(ctx: ServiceContext, input: { resident: z.infer<typeof ResidentCreateSchema> }) {
  const actor = requireActor(ctx);
  const now = ctx.clock.now();
  return withTransaction(ctx, async (tx) => {
    await requireCaseworker(
      tx,
      actor.userId,
      input.resident.organizationId,
      "Deze organisatie bestaat niet of je bent er geen medewerker van.",
    );
    const [row] = await tx
      .insert(residents)
      .values({ ...input.resident, createdByUserId: actor.userId, createdAt: now, updatedAt: now })
      .returning(residentColumns);
    if (!row) throw new Error("resident insert returned nothing");
    await logResidentAccess(tx, {
      at: now,
      userId: actor.userId,
      organizationId: row.organizationId,
      action: "resident.create",
      residentId: row.id,
    });
    return toResident(row);
  });
}

export async function getResident(ctx: ServiceContext, input: { residentId: string }) {
  const actor = requireActor(ctx);
  return withTransaction(ctx, async (tx) => {
    const row = await loadOwnResident(tx, actor.userId, input.residentId);
    await logResidentAccess(tx, {
      at: ctx.clock.now(),
      userId: actor.userId,
      organizationId: row.organizationId,
      action: "resident.read",
      residentId: row.id,
    });
    return toResident(row);
  });
}

export function toConsent(row: typeof consents.$inferSelect, now: Date) {
  return {
    id: row.id,
    residentId: row.residentId,
    receivingOrganizationId: row.receivingOrganizationId,
    purpose: row.purpose,
    dataCategories: row.dataCategories,
    method: row.method,
    feedbackLevel: row.feedbackLevel,
    recordedByUserId: row.recordedByUserId,
    recordedAt: row.recordedAt.toISOString(),
    validUntil: row.validUntil.toISOString(),
    withdrawnAt: row.withdrawnAt?.toISOString() ?? null,
    withdrawalReason: row.withdrawalReason,
    valid: consentIsValid(row, now),
  };
}

/** The sending organization records the resident's consent for one receiving organization. */
export async function recordConsent(
  ctx: ServiceContext,
  input: { residentId: string; consent: z.infer<typeof ConsentCreateSchema> },
) {
  const actor = requireActor(ctx);
  const now = ctx.clock.now();
  return withTransaction(ctx, async (tx) => {
    const resident = await loadOwnResident(tx, actor.userId, input.residentId);
    if (resident.anonymizedAt) {
      throw unprocessable(
        "resident-anonymized",
        "De gegevens van deze inwoner zijn gewist; er valt geen toestemming meer vast te leggen.",
      );
    }
    const validUntil = new Date(input.consent.validUntil);
    const [row] = await tx
      .insert(consents)
      .values({ ...input.consent, validUntil, residentId: resident.id, recordedByUserId: actor.userId, recordedAt: now })
      .returning();
    if (!row) throw new Error("consent insert returned nothing");
    await logResidentAccess(tx, {
      at: now,
      userId: actor.userId,
      organizationId: resident.organizationId,
      action: "consent.record",
      residentId: resident.id,
      details: { consentId: row.id, receivingOrganizationId: row.receivingOrganizationId, dataCategories: row.dataCategories },
    });
    return toConsent(row, now);
  });
}

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

/** Loads a consent with its resident, for a caseworker of the sending organization; 404 otherwise. */
export async function loadOwnConsent(db: Database, userId: string, consentId: string) {
  const [row] = await db.select().from(consents).where(eq(consents.id, consentId));
  if (!row) throw notFound("Deze toestemming bestaat niet.");
  const resident = await loadOwnResident(db, userId, row.residentId);
  return { consent: row, resident };
}

/**
 * The resident withdraws consent: from now on the receiver no longer sees their data. Open
 * referrals that rely on it are withdrawn by `onWithdrawn` (the referral lifecycle), in the same
 * transaction.
 */
export async function withdrawConsent(
  ctx: ServiceContext,
  input: { consentId: string; reason?: string },
  onWithdrawn: (consentId: string, now: Date) => Promise<void> = async () => {},
) {
  const actor = requireActor(ctx);
  const now = ctx.clock.now();
  return withTransaction(ctx, async (tx) => {
    const { consent, resident } = await loadOwnConsent(tx, actor.userId, input.consentId);
    if (consent.withdrawnAt) return toConsent(consent, now);
    const [row] = await tx
      .update(consents)
      .set({ withdrawnAt: now, withdrawnByUserId: actor.userId, withdrawalReason: input.reason ?? null })
      .where(and(eq(consents.id, consent.id)))
      .returning();
    if (!row) throw new Error("consent vanished");
    await onWithdrawn(consent.id, now);
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
