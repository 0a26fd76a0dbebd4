import { accessLog, type Database } from "@schakel/db";

export interface AccessLogEntry {
  at: Date;
  actorUserId: string | null;
  actorOrganizationId?: string | null;
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
