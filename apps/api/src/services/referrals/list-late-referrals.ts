import { formatReference, openStatuses, senderVisibleStatus, workingDaysBetween } from "@schakel/core";
import { organizations, referrals, services } from "@schakel/db";
import { and, asc, eq, gt, inArray, isNotNull, or, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { instantUuidCursor } from "../../lib/cursor";
import { forbidden } from "../../lib/problem";
import { requireActor, type ServiceContext } from "../context";
import { activeOrganizationIds } from "../membership";
import { closingDaysOfMany } from "./closing-days";

const sender = alias(organizations, "sender");
const receiver = alias(organizations, "receiver");

/**
 * The coordinator's "Te laat" list: every open referral in the network whose sender was told it
 * is late (the ladder's second rung), longest late first. For members with the coordinator role
 * in any organization — the coordinator watches the whole network (DESIGN.md), not one
 * organization. Facts only: a reference, service, organizations, a masked status and timing;
 * never the resident and no free text.
 */
export async function listLateReferrals(ctx: ServiceContext, input: { cursor?: string; limit: number }) {
  const actor = requireActor(ctx);
  const coordinatorOf = await activeOrganizationIds(ctx.db, actor.userId, ["coordinator"]);
  if (coordinatorOf.size === 0) throw forbidden("Alleen een netwerkcoördinator ziet de verwijzingen die te laat zijn.");
  const now = ctx.clock.now();
  const filters: (SQL | undefined)[] = [isNotNull(referrals.lateSince), inArray(referrals.status, openStatuses)];
  const after = instantUuidCursor.decode(input.cursor);
  if (after) {
    const [since, id] = after;
    filters.push(or(gt(referrals.lateSince, since), and(eq(referrals.lateSince, since), gt(referrals.id, id))));
  }
  const rows = await ctx.db
    .select({
      id: referrals.id,
      reference: referrals.reference,
      status: referrals.status,
      pausedFrom: referrals.pausedFrom,
      urgency: referrals.urgency,
      lateSince: referrals.lateSince,
      service: { id: services.id, name: services.name },
      receiver: { id: receiver.id, name: receiver.name },
      sender: { id: sender.id, name: sender.name },
    })
    .from(referrals)
    .innerJoin(services, eq(services.id, referrals.serviceId))
    .innerJoin(receiver, eq(receiver.id, referrals.receiverOrganizationId))
    .innerJoin(sender, eq(sender.id, referrals.senderOrganizationId))
    .where(and(...filters))
    .orderBy(asc(referrals.lateSince), asc(referrals.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const earliest = page[0]?.lateSince ?? now;
  const closed = await closingDaysOfMany(
    ctx.db,
    page.map((r) => r.receiver.id),
    earliest,
  );
  const last = page.at(-1);
  return {
    data: page.map((r) => {
      const since = r.lateSince ?? now;
      return {
        id: r.id,
        reference: formatReference(r.reference),
        service: r.service,
        receiver: r.receiver,
        sender: r.sender,
        status: senderVisibleStatus("contact_only", r),
        urgency: r.urgency,
        lateSince: since.toISOString(),
        workingDaysLate: workingDaysBetween(since, now, closed.get(r.receiver.id)),
      };
    }),
    meta: {
      nextCursor: rows.length > input.limit && last?.lateSince ? instantUuidCursor.encode([last.lateSince, last.id]) : null,
    },
  };
}
