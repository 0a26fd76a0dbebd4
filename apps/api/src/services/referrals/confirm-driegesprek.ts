import { driegesprekken } from "@schakel/db";
import { eq } from "drizzle-orm";
import type { z } from "zod";
import { badRequest } from "../../lib/problem";
import type { DriegesprekConfirmationSchema } from "../../schemas/referral-activity";
import type { ServiceContext } from "../context";
import { changeDriegesprek } from "./driegesprek-change";

/** Either side confirms a moment in the future (one of the proposed or another) with a place or a video link. */
export async function confirmDriegesprek(
  ctx: ServiceContext,
  input: { referralId: string; confirmation: z.infer<typeof DriegesprekConfirmationSchema> },
) {
  const at = new Date(input.confirmation.at);
  if (at.getTime() <= ctx.clock.now().getTime()) {
    throw badRequest("De aanvraag bevat fouten; zie invalidParams.", [
      { name: "body.at", code: "in_past", reason: "Kies een moment in de toekomst." },
    ]);
  }
  return changeDriegesprek(ctx, { ...input, action: "confirm" }, async (tx, referral, _before, now) => {
    const [row] = await tx
      .update(driegesprekken)
      .set({
        state: "confirmed",
        confirmedAt: at,
        place: input.confirmation.place ?? null,
        videoLink: input.confirmation.videoLink ?? null,
        updatedAt: now,
      })
      .where(eq(driegesprekken.referralId, referral.id))
      .returning();
    if (!row) throw new Error("driegesprek vanished");
    return row;
  });
}
