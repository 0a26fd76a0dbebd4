import { organizationClosingDays } from "@schakel/db";
import { asc, eq } from "drizzle-orm";
import { requireActor, type ServiceContext } from "../context";
import { requireSettingsAdmin } from "./authorize";

/** Every closing day of the organization, past ones too, earliest first (for its admins). */
export async function listClosingDays(ctx: ServiceContext, input: { organizationId: string }) {
  const actor = requireActor(ctx);
  await requireSettingsAdmin(ctx.db, actor.userId, input.organizationId);
  const data = await ctx.db
    .select({ day: organizationClosingDays.day, label: organizationClosingDays.label })
    .from(organizationClosingDays)
    .where(eq(organizationClosingDays.organizationId, input.organizationId))
    .orderBy(asc(organizationClosingDays.day));
  return { data };
}
