import { apiTokens } from "@schakel/db";
import { desc, eq } from "drizzle-orm";
import { requireActor, type ServiceContext } from "../context";
import { requireOrganizationAdmin } from "../members/authorize";
import { ADMIN_ONLY, toApiTokenView } from "./token-view";

/** The most tokens one list shows; an organization has a handful. */
export const API_TOKEN_LIST_LIMIT = 500;

/** An organization's tokens, newest first, revoked ones included — for its admins; never the token. */
export async function listApiTokens(ctx: ServiceContext, input: { organizationId: string }) {
  const actor = requireActor(ctx);
  await requireOrganizationAdmin(ctx.db, actor.userId, input.organizationId, ADMIN_ONLY);
  const rows = await ctx.db
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.organizationId, input.organizationId))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id))
    .limit(API_TOKEN_LIST_LIMIT);
  return { data: rows.map(toApiTokenView) };
}
