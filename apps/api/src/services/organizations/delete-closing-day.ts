import { organizationClosingDays } from "@schakel/db";
import { and, eq } from "drizzle-orm";
import { notFound } from "../../lib/problem";
import { requireActor, type ServiceContext, withTransaction } from "../context";
import { requireSettingsAdmin } from "./authorize";

/** An admin removes a closing day (past ones too); a day not on the list is 404. */
export async function deleteClosingDay(ctx: ServiceContext, input: { organizationId: string; day: string }) {
  const actor = requireActor(ctx);
  await withTransaction(ctx, async (tx) => {
    await requireSettingsAdmin(tx, actor.userId, input.organizationId);
    const removed = await tx
      .delete(organizationClosingDays)
      .where(and(eq(organizationClosingDays.organizationId, input.organizationId), eq(organizationClosingDays.day, input.day)))
      .returning({ day: organizationClosingDays.day });
    if (removed.length === 0) throw notFound("Deze dag staat niet in de lijst met sluitingsdagen.");
  });
}
