import { RESPONSIVENESS_MIN_REFERRALS, responsiveness, responsivenessWindowStart } from "@schakel/core";
import { type Database, organizationClosingDays, referrals, services } from "@schakel/db";
import { and, asc, eq, gte, lte } from "drizzle-orm";
import { notFound } from "../../lib/problem";
import type { ServiceContext } from "../context";

/**
 * How a service answered its referrals of the last twelve months (core `responsiveness`):
 * public, like the sociale kaart, because it holds aggregates only — no resident, no referral,
 * no figures at all below the threshold. Reads the referrals through
 * `referrals_service_id_created_at_idx`.
 */
export async function getServiceResponsiveness(ctx: ServiceContext, input: { serviceId: string }) {
  const { db } = ctx;
  const now = ctx.clock.now();
  const since = responsivenessWindowStart(now);
  const [service] = await db
    .select({ id: services.id, organizationId: services.organizationId })
    .from(services)
    .where(eq(services.id, input.serviceId));
  if (!service) throw notFound("Deze dienst bestaat niet.");

  const rows = await referralsInWindow(db, service.id, since, now);
  const closed = await db
    .select({ day: organizationClosingDays.day })
    .from(organizationClosingDays)
    .where(eq(organizationClosingDays.organizationId, service.organizationId));

  return {
    serviceId: service.id,
    since: since.toISOString(),
    until: now.toISOString(),
    minimumReferrals: RESPONSIVENESS_MIN_REFERRALS,
    figures: responsiveness(rows, now, new Set(closed.map((c) => c.day))),
  };
}

/** The facts of a service's referrals sent in the window, by `referrals_service_id_created_at_idx`. */
export function referralsInWindow(db: Database, serviceId: string, since: Date, until: Date) {
  return db
    .select({
      createdAt: referrals.createdAt,
      responseTargetDays: referrals.responseTargetDays,
      urgency: referrals.urgency,
      firstResponseAt: referrals.firstResponseAt,
      status: referrals.status,
      closedAt: referrals.closedAt,
    })
    .from(referrals)
    .where(and(eq(referrals.serviceId, serviceId), gte(referrals.createdAt, since), lte(referrals.createdAt, until)))
    .orderBy(asc(referrals.createdAt));
}
