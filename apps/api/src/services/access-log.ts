import { accessLog, type Database } from "@schakel/db";
import { lt, sql } from "drizzle-orm";

export interface AccessLogEntry {
  at: Date;
  actorUserId: string | null;
  actorOrganizationId?: string | null;
  /** The API token, when an organization's system acted (then actorUserId is null). */
  actorApiTokenId?: string | null;
  action: string;
  subjectType: string;
  subjectId?: string | null;
  organizationId?: string | null;
  reason?: string;
  details?: Record<string, unknown>;
}

/** Appends to the access log inside the caller's transaction, so the log and the change commit together. */
export async function recordAccess(db: Database, entries: AccessLogEntry | AccessLogEntry[]): Promise<void> {
  const rows = Array.isArray(entries) ? entries : [entries];
  if (rows.length > 0) await db.insert(accessLog).values(rows);
}

/** One read or change of a resident's personal data by someone working for `organizationId`. */
export interface ResidentAccess {
  at: Date;
  /** Who: the signed-in person; null for an organization's system, then `apiTokenId` names its token. */
  userId: string | null;
  apiTokenId?: string | null;
  /** On behalf of which organization; the entry goes in that organization's log. */
  organizationId: string;
  /** What, e.g. referral.read or consent.record. */
  action: string;
  /** Whose data; null when one entry covers several residents (then `details.residentIds`). */
  residentId: string | null;
  /** Why, when it is not plain casework (a lawful basis, an AVG request). */
  reason?: string;
  details?: Record<string, unknown>;
}

/**
 * Writes the access-log row for a resident read (or change): the one way every service logs that
 * someone saw a resident's personal data, in the caller's transaction.
 */
export async function logResidentAccess(db: Database, entries: ResidentAccess | ResidentAccess[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  await recordAccess(
    db,
    list.map((e) => ({
      at: e.at,
      actorUserId: e.userId,
      actorOrganizationId: e.organizationId,
      ...(e.apiTokenId ? { actorApiTokenId: e.apiTokenId } : {}),
      action: e.action,
      subjectType: "resident",
      subjectId: e.residentId,
      organizationId: e.organizationId,
      ...(e.reason ? { reason: e.reason } : {}),
      ...(e.details ? { details: e.details } : {}),
    })),
  );
}

/**
 * Writes that the retention job anonymised residents: one entry per resident, by Schakel itself
 * (no actor), in the log of the organization that recorded them, with the period as the reason.
 */
export async function logRetention(db: Database, input: { at: Date; residents: { id: string; organizationId: string }[] }) {
  await recordAccess(
    db,
    input.residents.map((r) => ({
      at: input.at,
      actorUserId: null,
      action: "resident.anonymise",
      subjectType: "resident",
      subjectId: r.id,
      organizationId: r.organizationId,
      reason: "bewaartermijn",
    })),
  );
}

/**
 * Deletes the entries older than `before` — the retention job's, and the only DELETE the
 * append-only trigger (migration 0016) lets through: the cutoff is set for the caller's
 * transaction only (`set_config(..., true)`), so it must run inside one. Returns how many went.
 */
export async function pruneAccessLog(tx: Database, before: Date): Promise<number> {
  await tx.execute(sql`select set_config('schakel.access_log_cutoff', ${before.toISOString()}, true)`);
  const deleted = await tx.delete(accessLog).where(lt(accessLog.at, before)).returning({ id: accessLog.id });
  return deleted.length;
}
