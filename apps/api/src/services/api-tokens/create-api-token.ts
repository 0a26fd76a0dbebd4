import { API_TOKEN_PREFIX_LENGTH, type ApiTokenCreate } from "@schakel/core";
import { apiTokens } from "@schakel/db";
import { badRequest } from "../../lib/problem";
import { generateToken, hashToken } from "../../lib/tokens";
import { recordAccess } from "../access-log";
import { requireActor, type ServiceContext, withTransaction } from "../context";
import { requireOrganizationAdmin } from "../members/authorize";
import { ADMIN_ONLY, toApiTokenView } from "./token-view";

/** What every token starts with, so it is recognisable (and secret scanners can find a leaked one). */
export const API_TOKEN_MARK = "skl_";

/**
 * An organization's admin, signed in in person, creates a token for one of its systems. The token
 * itself is in this answer only: Schakel keeps its SHA-256 and a short prefix to tell it apart.
 */
export async function createApiToken(ctx: ServiceContext, input: ApiTokenCreate) {
  const actor = requireActor(ctx);
  const now = ctx.clock.now();
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  if (expiresAt && expiresAt.getTime() <= now.getTime()) {
    throw badRequest("De aanvraag bevat fouten; zie invalidParams.", [
      { name: "body.expiresAt", code: "in_past", reason: "Kies een einddatum in de toekomst." },
    ]);
  }
  return withTransaction(ctx, async (tx) => {
    await requireOrganizationAdmin(tx, actor.userId, input.organizationId, ADMIN_ONLY);
    const token = `${API_TOKEN_MARK}${generateToken()}`;
    const [row] = await tx
      .insert(apiTokens)
      .values({
        organizationId: input.organizationId,
        name: input.name,
        scopes: [...input.scopes],
        tokenHash: hashToken(token),
        prefix: token.slice(0, API_TOKEN_PREFIX_LENGTH),
        createdByUserId: actor.userId,
        createdAt: now,
        expiresAt,
      })
      .returning();
    if (!row) throw new Error("api token not stored");
    await recordAccess(tx, {
      at: now,
      actorUserId: actor.userId,
      actorOrganizationId: input.organizationId,
      action: "api_token.create",
      subjectType: "api_token",
      subjectId: row.id,
      organizationId: input.organizationId,
      details: { name: row.name, scopes: row.scopes, expiresAt: row.expiresAt?.toISOString() ?? null },
    });
    return { ...toApiTokenView(row), token };
  });
}
