import { caseworkerRoles, isCaseworker } from "@schakel/core";
import { memberships, users } from "@schakel/db";
import { and, asc, eq, inArray } from "drizzle-orm";
import { forbidden, notFound } from "../../lib/problem";
import { requireActor, type ServiceContext } from "../context";

/** At most this many colleagues are listed: more than an organization's caseworkers. */
export const COLLEAGUES_LIMIT = 500;

/**
 * The organization's active caseworkers (workers and admins) by name, for its own caseworkers:
 * whom to give a referral to. Names and ids only, no e-mail or role. Someone outside the
 * organization (or no longer active in it) gets 404; a member who does not work on referrals
 * (a coordinator) gets 403.
 */
export async function listColleagues(ctx: ServiceContext, input: { organizationId: string }) {
  const actor = requireActor(ctx);
  const [own] = await ctx.db
    .select({ role: memberships.role })
    .from(memberships)
    .where(
      and(
        eq(memberships.userId, actor.userId),
        eq(memberships.organizationId, input.organizationId),
        eq(memberships.status, "active"),
      ),
    );
  if (!own) throw notFound("Deze organisatie bestaat niet of je bent er geen lid van.");
  if (!isCaseworker(own.role)) throw forbidden("Alleen medewerkers en beheerders zien hun collega's.");
  const rows = await ctx.db
    .select({ id: users.id, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.organizationId, input.organizationId),
        eq(memberships.status, "active"),
        inArray(memberships.role, [...caseworkerRoles]),
      ),
    )
    .orderBy(asc(users.name), asc(users.id))
    .limit(COLLEAGUES_LIMIT);
  return { data: rows };
}
