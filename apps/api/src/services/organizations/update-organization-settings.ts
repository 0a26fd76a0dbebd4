import type { OrganizationSettingsUpdate } from "@schakel/core";
import { organizations } from "@schakel/db";
import { eq } from "drizzle-orm";
import { notFound } from "../../lib/problem";
import { requireActor, type ServiceContext, withTransaction } from "../context";
import { requireNoPartnerLight } from "../partner-links/partner-light";
import { requireSettingsAdmin } from "./authorize";

/** An admin sets or clears the organization's intake address, and whether its workers need a second factor. */
export async function updateOrganizationSettings(
  ctx: ServiceContext,
  input: { organizationId: string; changes: OrganizationSettingsUpdate },
) {
  const actor = requireActor(ctx);
  const now = ctx.clock.now();
  return withTransaction(ctx, async (tx) => {
    await requireSettingsAdmin(tx, actor.userId, input.organizationId);
    if (!input.changes.intakeEmail) await requireNoPartnerLight(tx, input.organizationId);
    const [row] = await tx
      .update(organizations)
      .set({
        intakeEmail: input.changes.intakeEmail,
        requireWorkerSecondFactor: input.changes.requireWorkerSecondFactor,
        updatedAt: now,
      })
      .where(eq(organizations.id, input.organizationId))
      .returning({
        organizationId: organizations.id,
        intakeEmail: organizations.intakeEmail,
        requireWorkerSecondFactor: organizations.requireWorkerSecondFactor,
      });
    if (!row) throw notFound("Deze organisatie bestaat niet.");
    return row;
  });
}
