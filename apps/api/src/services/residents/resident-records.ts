import { consentIsValid } from "@schakel/core";
import { consents, type Database, residents } from "@schakel/db";
import { eq } from "drizzle-orm";
import { notFound } from "../../lib/problem";
import { requireCaseworker } from "../membership";

export const residentColumns = {
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

/** Loads a consent with its resident, for a caseworker of the sending organization; 404 otherwise. */
export async function loadOwnConsent(db: Database, userId: string, consentId: string) {
  const [row] = await db.select().from(consents).where(eq(consents.id, consentId));
  if (!row) throw notFound("Deze toestemming bestaat niet.");
  const resident = await loadOwnResident(db, userId, row.residentId);
  return { consent: row, resident };
}
