import type { ApiTokenScope } from "@schakel/core";
import type { apiTokens } from "@schakel/db";

type ApiTokenRow = typeof apiTokens.$inferSelect;

/** A token as the admin page shows it: never the token itself, nor its hash. */
export const toApiTokenView = (row: ApiTokenRow) => ({
  id: row.id,
  organizationId: row.organizationId,
  name: row.name,
  prefix: row.prefix,
  scopes: row.scopes as ApiTokenScope[],
  createdAt: row.createdAt.toISOString(),
  expiresAt: row.expiresAt?.toISOString() ?? null,
  revokedAt: row.revokedAt?.toISOString() ?? null,
  lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
});

export type ApiTokenView = ReturnType<typeof toApiTokenView>;

export const ADMIN_ONLY = "Alleen beheerders van deze organisatie beheren koppelingen (API-tokens).";
