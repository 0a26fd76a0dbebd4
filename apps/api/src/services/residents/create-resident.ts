import { residents } from "@schakel/db";
import type { z } from "zod";
import type { ResidentCreateSchema } from "../../schemas/residents";
import { logResidentAccess } from "../access-log";
import { requireActor, type ServiceContext, withTransaction } from "../context";
import { requireCaseworker } from "../membership";
import { residentColumns, toResident } from "./resident-records";

export async function createResident(ctx: ServiceContext, input: { resident: z.infer<typeof ResidentCreateSchema> }) {
  const actor = requireActor(ctx);
  const now = ctx.clock.now();
  return withTransaction(ctx, async (tx) => {
    await requireCaseworker(
      tx,
      actor.userId,
      input.resident.organizationId,
      "Deze organisatie bestaat niet of je bent er geen medewerker van.",
    );
    const [row] = await tx
      .insert(residents)
      .values({ ...input.resident, createdByUserId: actor.userId, createdAt: now, updatedAt: now })
      .returning(residentColumns);
    if (!row) throw new Error("resident insert returned nothing");
    await logResidentAccess(tx, {
      at: now,
      userId: actor.userId,
      organizationId: row.organizationId,
      action: "resident.create",
      residentId: row.id,
    });
    return toResident(row);
  });
}
