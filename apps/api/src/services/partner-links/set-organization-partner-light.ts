import { organizations } from "@schakel/db";
import { eq } from "drizzle-orm";
import { notFound, unprocessable } from "../../lib/problem";
import { requireActor, type ServiceContext, withTransaction } from "../context";
import { requireNetworkAdmin } from "../organizations/network";

export const NO_INTAKE_ADDRESS =
  "Stel eerst een intake-adres in: daar krijgt een organisatie zonder account de links naar haar verwijzingen.";

/**
 * A network admin sets a receiving organization to work without accounts (partner-light, ADR
 * 0029), or back. Switching it on needs the organization's intake address (422 without).
 */
export async function setOrganizationPartnerLight(ctx: ServiceContext, input: { organizationId: string; partnerLight: boolean }) {
  const actor = requireActor(ctx);
  const now = ctx.clock.now();
  return withTransaction(ctx, async (tx) => {
    await requireNetworkAdmin(tx, actor.userId, "Alleen netwerkbeheerders kunnen een organisatie zonder account laten werken.");
    const [org] = await tx
      .select({ intakeEmail: organizations.intakeEmail })
      .from(organizations)
      .where(eq(organizations.id, input.organizationId))
      .for("update");
    if (!org) throw notFound("Deze organisatie bestaat niet.");
    if (input.partnerLight && !org.intakeEmail) throw unprocessable("no-intake-address", NO_INTAKE_ADDRESS, "body.partnerLight");
    const [row] = await tx
      .update(organizations)
      .set({ partnerLight: input.partnerLight, updatedAt: now })
      .where(eq(organizations.id, input.organizationId))
      .returning({
        organizationId: organizations.id,
        partnerLight: organizations.partnerLight,
        intakeEmail: organizations.intakeEmail,
      });
    if (!row) throw notFound("Deze organisatie bestaat niet.");
    return row;
  });
}
