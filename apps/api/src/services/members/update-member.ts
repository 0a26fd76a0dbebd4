import { canChangeMembershipStatus, type Role } from "@schakel/core";
import { invitations, memberships, sessions, users } from "@schakel/db";
import { and, asc, count, eq, isNull, max, ne } from "drizzle-orm";
import { conflict, forbidden, notFound } from "../../lib/problem";
import { recordAccess } from "../access-log";
import { requireActor, type ServiceContext, withTransaction } from "../context";
import { requireOrganizationAdmin } from "./authorize";
import { memberColumns, toMember } from "./member-view";

/**
 * Changes a member's role or status. Deactivating ends all of the person's sessions in the same
 * transaction; an organization always keeps at least one active admin.
 */
export async function updateMember(
  ctx: ServiceContext,
  input: { organizationId: string; memberId: string; role?: Role; status?: "active" | "deactivated" },
) {
  const actor = requireActor(ctx);
  const now = ctx.clock.now();
  return withTransaction(ctx, async (tx) => {
    const self = await requireOrganizationAdmin(tx, actor.userId, input.organizationId);
    // The check below depends on every active admin of the organization: lock them all, in one
    // order (ADR 0022), before the member being changed. Two admins demoting each other then take
    // turns, and the second sees the first's change: no longer an admin (403) or the last (409).
    const admins = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .where(
        and(
          eq(memberships.organizationId, input.organizationId),
          eq(memberships.role, "admin"),
          eq(memberships.status, "active"),
        ),
      )
      .orderBy(asc(memberships.id))
      .for("update");
    if (!admins.some((a) => a.id === self.id)) {
      throw forbidden("Je bent geen beheerder meer van deze organisatie.");
    }
    const [current] = await tx
      .select({ id: memberships.id, userId: memberships.userId, role: memberships.role, status: memberships.status })
      .from(memberships)
      .where(and(eq(memberships.id, input.memberId), eq(memberships.organizationId, input.organizationId)))
      .for("update");
    if (!current) throw notFound("Dit lid bestaat niet in deze organisatie.");

    const nextStatus = input.status ?? current.status;
    const nextRole = input.role ?? current.role;
    if (!canChangeMembershipStatus(current.status, nextStatus)) {
      throw conflict("Een uitgenodigd lid wordt pas actief door de uitnodiging te accepteren.");
    }
    const losesAdmin =
      current.role === "admin" && current.status === "active" && (nextRole !== "admin" || nextStatus !== "active");
    if (losesAdmin) {
      const [others] = await tx
        .select({ n: count() })
        .from(memberships)
        .where(
          and(
            eq(memberships.organizationId, input.organizationId),
            eq(memberships.role, "admin"),
            eq(memberships.status, "active"),
            ne(memberships.id, current.id),
          ),
        );
      if ((others?.n ?? 0) === 0) throw conflict("Er moet minstens één actieve beheerder blijven.");
    }

    await tx
      .update(memberships)
      .set({
        role: nextRole,
        status: nextStatus,
        deactivatedAt: nextStatus === "deactivated" ? (current.status === "deactivated" ? undefined : now) : null,
        updatedAt: now,
      })
      .where(eq(memberships.id, current.id));
    if (nextStatus === "deactivated" && current.status !== "deactivated") {
      await tx.delete(sessions).where(eq(sessions.userId, current.userId));
      await tx
        .update(invitations)
        .set({ usedAt: now })
        .where(and(eq(invitations.membershipId, current.id), isNull(invitations.usedAt)));
    }

    await recordAccess(tx, {
      at: now,
      actorUserId: actor.userId,
      actorOrganizationId: input.organizationId,
      action: "member.update",
      subjectType: "member",
      subjectId: current.id,
      organizationId: input.organizationId,
      details: { role: { from: current.role, to: nextRole }, status: { from: current.status, to: nextStatus } },
    });

    const [row] = await tx
      .select({ ...memberColumns, invitationExpiresAt: max(invitations.expiresAt) })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .leftJoin(invitations, and(eq(invitations.membershipId, memberships.id), isNull(invitations.usedAt)))
      .where(eq(memberships.id, current.id))
      .groupBy(memberships.id, users.id);
    if (!row) throw new Error("membership vanished");
    return toMember(row);
  });
}
