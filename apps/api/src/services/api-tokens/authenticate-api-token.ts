import type { ApiTokenScope } from "@schakel/core";
import { apiTokens, type Database } from "@schakel/db";
import { and, eq, isNull, lte, or } from "drizzle-orm";
import type { TokenActor } from "../../context";
import { hashToken } from "../../lib/tokens";

/** last_used_at is written at most this often per token, not on every request. */
export const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * The actor for a bearer token, or null when it is unknown, revoked or expired. Marks the token as
 * used (at most once a minute, so a busy system does not write on every request).
 */
export async function authenticateApiToken(db: Database, token: string, now: Date): Promise<TokenActor | null> {
  const [row] = await db
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.tokenHash, hashToken(token)));
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt.getTime() <= now.getTime())) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    const stale = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
    await db
      .update(apiTokens)
      .set({ lastUsedAt: now })
      .where(and(eq(apiTokens.id, row.id), or(isNull(apiTokens.lastUsedAt), lte(apiTokens.lastUsedAt, stale))));
  }
  return {
    kind: "token",
    tokenId: row.id,
    organizationId: row.organizationId,
    scopes: row.scopes as ApiTokenScope[],
    name: row.name,
  };
}
