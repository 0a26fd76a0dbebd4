import { organizations, services } from "@schakel/db";
import { eq } from "drizzle-orm";
import { unprocessable } from "../../lib/problem";
import { requireActor, type ServiceContext, withTransaction } from "../context";
import { requireOrganizationAdmin } from "../members/authorize";
import { isNetworkAdmin } from "../organizations/network";
import { getService } from "../sociale-kaart/get-service";
import { NO_INTAKE_ADDRESS } from "./set-organization-partner-light";

/**
 * One service of an organization works without accounts (partner-light, ADR 0029), or back: set
 * by the organization's admin, or by a network admin for an organization without admins. Needs
 * the organization's intake address to switch on.
 */
export async function setServicePartnerLight(ctx: ServiceContext, input: { serviceId: string; partnerLight: boolean }) {
  const actor = requireActor(ctx);
  const now = ctx.clock.now();
  return withTransaction(ctx, async (tx) => {
    const current = await getService(tx, input.serviceId);
    if (!(await isNetworkAdmin(tx, actor.userId))) {
      await requireOrganizationAdmin(tx, actor.userId, current.organization.id);
    }
    const [org] = await tx
      .select({ intakeEmail: organizations.intakeEmail })
      .from(organizations)
      .where(eq(organizations.id, current.organization.id));
    if (input.partnerLight && !org?.intakeEmail) throw unprocessable("no-intake-address", NO_INTAKE_ADDRESS, "body.partnerLight");
    await tx.update(services).set({ partnerLight: input.partnerLight, updatedAt: now }).where(eq(services.id, current.id));
    return getService(tx, current.id);
  });
}
