import type { MembershipStatus } from "@schakel/core";
import { invitations, memberships, users } from "@schakel/db";
import { and, asc, eq, gt, isNull, max, or, type SQL } from "drizzle-orm";
import { textUuidCursor } from "../../lib/cursor";
import { recordAccess } from "../access-log";
import { requireActor, type ServiceContext } from "../context";
import { requireOrganizationAdmin } from "./authorize";
import { memberColumns, memberName, toMember } from "./member-view";

/** An organization's members by name, for its admins. Reading them is logged. */
export async function listMembers(
  ctx: ServiceContext,
  input: { organizationId: string; status?: MembershipStatus; cursor?: string; limit: number },
) {
  const actor = requireActor(ctx);
  const { db } = ctx;
  const admin = await requireOrganizationAdmin(db, actor.userId, input.organizationId);
  const filters: (SQL | undefined)[] = [eq(memberships.organizationId, input.organizationId)];
  if (input.status) filters.push(eq(memberships.status, input.status));
  const after = textUuidCursor.decode(input.cursor);
  if (after) {
    const [name, id] = after;
    filters.push(or(gt(memberName, name), and(eq(memberName, name), gt(memberships.id, id))));
  }
  const rows = await db
    .select({ ...memberColumns, invitationExpiresAt: max(invitations.expiresAt) })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(invitations, and(eq(invitations.membershipId, memberships.id), isNull(invitations.usedAt)))
    .where(and(...filters))
    .groupBy(memberships.id, users.id)
    .orderBy(asc(memberName), asc(memberships.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  await recordAccess(db, {
    at: ctx.clock.now(),
    actorUserId: actor.userId,
    actorOrganizationId: input.organizationId,
    action: "member.list",
    subjectType: "organization",
    subjectId: input.organizationId,
    organizationId: input.organizationId,
    details: { membershipId: admin.id, count: page.length },
  });
  const last = page.at(-1);
  return {
    data: page.map(toMember),
    meta: { nextCursor: rows.length > input.limit && last ? textUuidCursor.encode([last.name, last.id]) : null },
  };
}
