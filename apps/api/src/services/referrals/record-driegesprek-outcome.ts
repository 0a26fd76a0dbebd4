import { driegesprekken } from "@schakel/db";
import { eq } from "drizzle-orm";
import type { z } from "zod";
import type { DriegesprekOutcomeSchema } from "../../schemas/referral-activity";
import type { ServiceContext } from "../context";
import { changeDriegesprek } from "./driegesprek-change";

/** After the confirmed moment, either side records whether it took place. */
export async function recordDriegesprekOutcome(
  ctx: ServiceContext,
  input: { referralId: string; outcome: z.infer<typeof DriegesprekOutcomeSchema> },
) {
  const action = input.outcome.held ? "held" : "not_held";
  return changeDriegesprek(ctx, { ...input, action, note: input.outcome.note ?? null }, async (tx, referral, _before, now) => {
    const [row] = await tx
      .update(driegesprekken)
      .set({ state: action, updatedAt: now })
      .where(eq(driegesprekken.referralId, referral.id))
      .returning();
    if (!row) throw new Error("driegesprek vanished");
    return row;
  });
}
