import { logResidentAccess } from "../access-log";
import { requireActor, type ServiceContext, withTransaction } from "../context";
import { loadOwnResident, toResident } from "./resident-records";

export async function getResident(ctx: ServiceContext, input: { residentId: string }) {
  const actor = requireActor(ctx);
  return withTransaction(ctx, async (tx) => {
    const row = await loadOwnResident(tx, actor.userId, input.residentId);
    await logResidentAccess(tx, {
      at: ctx.clock.now(),
      userId: actor.userId,
      organizationId: row.organizationId,
      action: "resident.read",
      residentId: row.id,
    });
    return toResident(row);
  });
}
