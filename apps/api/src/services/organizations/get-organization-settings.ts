import { organizations } from "@schakel/db";
import { eq } from "drizzle-orm";
import { notFound } from "../../lib/problem";
import { requireActor, type ServiceContext } from "../context";
import { requireSettingsAdmin } from "./authorize";

/** The organization's settings, for its admins. */
export async function getOrganizationSettings(ctx: ServiceContext, input: { organizationId: string }) {
  const actor = requireActor(ctx);
  await requireSettingsAdmin(ctx.db, actor.userId, input.organizationId);
  const [row] = await ctx.db
    .select({
      organizationId: organizations.id,
      intakeEmail: organizations.intakeEmail,
      requireWorkerSecondFactor: organizations.requireWorkerSecondFactor,
    })
    .from(organizations)
    .where(eq(organizations.id, input.organizationId));
  if (!row) throw notFound("Deze organisatie bestaat niet.");
  return row;
}
