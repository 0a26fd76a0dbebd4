import { services } from "@schakel/db";
import type { z } from "zod";
import type { ServiceCreateSchema } from "../../schemas/services";
import { requireOwnOrganizationAdmin } from "../actor";
import { requireActor, type ServiceContext, withTransaction } from "../context";
import { serviceWebhook } from "../webhooks/referral-events";
import { getService } from "./get-service";
import { postcodeRangesValue, searchKeywords } from "./service-record";

export type ServiceCreate = z.infer<typeof ServiceCreateSchema>;

/** An organization's admin adds a service to the sociale kaart; it counts as verified now. */
export async function createService(ctx: ServiceContext, input: { service: ServiceCreate }) {
  const actor = requireActor(ctx, { scope: "services:write" });
  const now = ctx.clock.now();
  return withTransaction(ctx, async (tx) => {
    const { organizationId, postcodeRanges, ...fields } = input.service;
    await requireOwnOrganizationAdmin(tx, actor, organizationId);
    const [created] = await tx
      .insert(services)
      .values({
        ...fields,
        organizationId,
        postcodeRanges: postcodeRangesValue(postcodeRanges),
        searchKeywords: await searchKeywords(tx, { organizationId, ...fields }),
        lastVerifiedAt: now,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: services.id });
    if (!created) throw new Error("service insert returned nothing");
    await serviceWebhook(tx, { id: created.id, organizationId }, "nl.schakel.service.created", now);
    return getService(tx, created.id);
  });
}
