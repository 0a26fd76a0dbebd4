import { createHash } from "node:crypto";
import { SECURITY_LOG_RETENTION_DAYS, type SecurityEventKind } from "@schakel/core";
import { type Database, memberships, securityEvents } from "@schakel/db";
import { and, eq, lt } from "drizzle-orm";

export interface SecurityEventInput {
  at: Date;
  kind: SecurityEventKind;
  userId: string | null;
  /** Known beforehand for an API token's request (its organization); otherwise looked up from the user. */
  organizationId?: string | null;
  method: string;
  /** The route template (/api/v1/referrals/:referralId), never the concrete path. */
  route: string;
  status: number;
  requestId: string;
  /** The client address; only its hash is stored. */
  address: string;
}

/** SHA-256 (hex) of a client address, as the sign-in throttle keys it: the same address, the same value. */
export const addressHash = (address: string) => createHash("sha256").update(address).digest("hex");

/**
 * Writes one security event with `db` itself, never a request's transaction: the refusal it
 * records usually rolled that back (ADR 0025). The user's organization is kept when they are an
 * active member of exactly one; with several it would be a guess.
 */
export async function recordSecurityEvent(db: Database, event: SecurityEventInput) {
  let organizationId: string | null = event.organizationId ?? null;
  if (!organizationId && event.userId) {
    const active = await db
      .select({ organizationId: memberships.organizationId })
      .from(memberships)
      .where(and(eq(memberships.userId, event.userId), eq(memberships.status, "active")))
      .limit(2);
    if (active.length === 1) organizationId = active[0]?.organizationId ?? null;
  }
  await db.insert(securityEvents).values({
    at: event.at,
    kind: event.kind,
    userId: event.userId,
    organizationId,
    method: event.method,
    route: event.route,
    status: event.status,
    requestId: event.requestId,
    addressHash: addressHash(event.address),
  });
}

/** The first instant still kept: events before it are deleted. */
export const securityLogCutoff = (now: Date) => new Date(now.getTime() - SECURITY_LOG_RETENTION_DAYS * 86_400_000);

/** Deletes the events older than SECURITY_LOG_RETENTION_DAYS (the housekeeping job); returns how many. */
export async function pruneSecurityEvents(db: Database, now: Date): Promise<number> {
  const gone = await db
    .delete(securityEvents)
    .where(lt(securityEvents.at, securityLogCutoff(now)))
    .returning({ id: securityEvents.id });
  return gone.length;
}
