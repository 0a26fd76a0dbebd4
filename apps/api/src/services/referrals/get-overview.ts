import { closedViewStatuses, openStatuses, referralViewStatuses } from "@schakel/core";
import { notificationSettings } from "@schakel/db";
import { eq } from "drizzle-orm";
import { notFound } from "../../lib/problem";
import { requireActor, type ServiceContext, withTransaction } from "../context";
import { activeOrganizationIds } from "../membership";
import { countReferrals, type ReferralFilterInput, referralFilters } from "./list-referrals";

/**
 * The sender's overview on the start page: how many of their organizations' sent referrals are
 * open, late, declined with a suggestion or closed, and how many changed (as the sender is shown
 * them) since their last visit. Counts only: the items come from the outbox list with the same
 * filters. Reading it does not mark the visit (PUT /me/overview-visit does).
 */
export async function getOverview(ctx: ServiceContext, input: { organizationId?: string }) {
  const actor = requireActor(ctx);
  const now = ctx.clock.now();
  return withTransaction(ctx, async (tx) => {
    const ownOrgs = await activeOrganizationIds(tx, actor.userId);
    if (input.organizationId && !ownOrgs.has(input.organizationId)) {
      throw notFound("Deze organisatie bestaat niet of je werkt er niet.");
    }
    const orgs = input.organizationId ? [input.organizationId] : [...ownOrgs];
    const [settings] = await tx
      .select({ overviewSeenAt: notificationSettings.overviewSeenAt })
      .from(notificationSettings)
      .where(eq(notificationSettings.userId, actor.userId));
    const lastVisitAt = settings?.overviewSeenAt ?? null;

    const count = async (filter: Omit<ReferralFilterInput, "box">) =>
      orgs.length === 0 ? 0 : countReferrals(tx, referralFilters({ box: "outbox", ...filter }, orgs, actor.userId, now));
    return {
      lastVisitAt: lastVisitAt?.toISOString() ?? null,
      counts: {
        all: await count({ status: [...referralViewStatuses] }),
        open: await count({ status: [...openStatuses] }),
        overdue: await count({ status: [...openStatuses], overdue: true }),
        suggestion: await count({ status: ["declined"], suggestion: true }),
        closed: await count({ status: [...closedViewStatuses] }),
        changed: lastVisitAt ? await count({ status: [...referralViewStatuses], changedSince: lastVisitAt }) : 0,
      },
    };
  });
}
