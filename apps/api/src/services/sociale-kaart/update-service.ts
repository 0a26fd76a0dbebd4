import { serviceRuleProblems } from "@schakel/core";
import { services } from "@schakel/db";
import { eq } from "drizzle-orm";
import type { z } from "zod";
import { unprocessable } from "../../lib/problem";
import type { ServiceUpdateSchema } from "../../schemas/services";
import { requireOwnOrganizationAdmin } from "../actor";
import { requireActor, type ServiceContext, withTransaction } from "../context";
import { serviceWebhook } from "../webhooks/referral-events";
import { getService } from "./get-service";
import { postcodeRangesValue, searchKeywords } from "./service-record";

export type ServiceUpdate = z.infer<typeof ServiceUpdateSchema>;

/**
 * An organization's admin changes its own service (deactivating is a status change). Every
 * change stamps lastVerifiedAt. Another organization's service is 404, as if it were not there.
 */
export async function updateService(ctx: ServiceContext, input: { serviceId: string; changes: ServiceUpdate }) {
  const actor = requireActor(ctx, { scope: "services:write" });
  const now = ctx.clock.now();
  return withTransaction(ctx, async (tx) => {
    const current = await getService(tx, input.serviceId);
    await requireOwnOrganizationAdmin(tx, actor, current.organization.id);
    const { postcodeRanges, ...changes } = input.changes;
    const next = { ...current, ...changes, postcodeRanges: postcodeRanges ?? current.postcodeRanges };

    const [problem] = serviceRuleProblems(next);
    if (problem) throw unprocessable(problem.code, problem.message, `body.${problem.field}`);

    await tx
      .update(services)
      .set({
        ...changes,
        ...(postcodeRanges ? { postcodeRanges: postcodeRangesValue(postcodeRanges) } : {}),
        searchKeywords: await searchKeywords(tx, { organizationId: current.organization.id, ...next }),
        lastVerifiedAt: now,
        updatedAt: now,
      })
      .where(eq(services.id, current.id));
    await serviceWebhook(tx, { id: current.id, organizationId: current.organization.id }, "nl.schakel.service.changed", now);
    return getService(tx, current.id);
  });
}
