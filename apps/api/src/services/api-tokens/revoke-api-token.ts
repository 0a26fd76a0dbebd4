import { apiTokens } from "@schakel/db";
import { eq } from "drizzle-orm";
import { notFound } from "../../lib/problem";
import { recordAccess } from "../access-log";
import { requireActor, type ServiceContext, withTransaction } from "../context";
import { requireOrganizationAdmin } from "../members/authorize";
import { ADMIN_ONLY } from "./token-view";

/**
 * Revokes a token at once: its next request is 401. The row stays (the access log names it).
 * Revoking a revoked token changes nothing.
 */
export async function revokeApiToken(ctx: ServiceContext, input: { tokenId: string }) {
  const actor = requireActor(ctx);
  const now = ctx.clock.now();
  await withTransaction(ctx, async (tx) => {
    const [row] = await tx.select().from(apiTokens).where(eq(apiTokens.id, input.tokenId)).for("update");
    if (!row) throw notFound("Deze koppeling bestaat niet of is niet van jouw organisatie.");
    await requireOrganizationAdmin(tx, actor.userId, row.organizationId, ADMIN_ONLY);
    if (row.revokedAt) return;
    await tx.update(apiTokens).set({ revokedAt: now }).where(eq(apiTokens.id, row.id));
    await recordAccess(tx, {
      at: now,
      actorUserId: actor.userId,
      actorOrganizationId: row.organizationId,
      action: "api_token.revoke",
      subjectType: "api_token",
      subjectId: row.id,
      organizationId: row.organizationId,
      details: { name: row.name },
    });
  });
}
