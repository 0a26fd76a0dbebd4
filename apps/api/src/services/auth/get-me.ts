import { memberships, organizations, users } from "@schakel/db";
import { and, asc, eq } from "drizzle-orm";
import { secondFactorStatus } from "../../auth/second-factor";
import { secondFactorEnforced } from "../../config";
import { unauthorized } from "../../lib/problem";
import { requireActor, type ServiceContext } from "../context";
import { isNetworkAdmin } from "../organizations/network";

/** The signed-in user, their active memberships, the state of their second factor and whether they are a network admin. */
export async function getMe(ctx: ServiceContext) {
  const { userId } = requireActor(ctx, { secondFactorOptional: true });
  const [user] = await ctx.db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) throw unauthorized();
  const rows = await ctx.db
    .select({ organizationId: organizations.id, organizationName: organizations.name, role: memberships.role })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(and(eq(memberships.userId, userId), eq(memberships.status, "active")))
    .orderBy(asc(organizations.name));
  const status = await secondFactorStatus(ctx.db, userId);
  const secondFactor = { ...status, required: status.required && secondFactorEnforced(ctx.config) };
  return { user, memberships: rows, secondFactor, networkAdmin: await isNetworkAdmin(ctx.db, userId) };
}
