import { driegesprekEnd, isFinal } from "@schakel/core";
import { referralEvents } from "@schakel/db";
import { and, count, eq } from "drizzle-orm";
import { calendarFile } from "../../lib/ics";
import { actingAs } from "../actor";
import { requireActor, type ServiceContext, withTransaction } from "../context";
import { loadReferralForActor } from "./access";
import { currentDriegesprek, driegesprekView, logPlaceRead, noDriegesprek } from "./driegesprek-change";
import { viewerOf } from "./participants";

/**
 * The confirmed driegesprek as an iCalendar file. Information-poor like every notification: a
 * fixed title, the time, the place or link — never the resident. The UID stays the same per
 * referral and SEQUENCE rises with every confirmation, so calendars update the one event.
 */
export async function getDriegesprekCalendar(ctx: ServiceContext, input: { referralId: string }) {
  const actor = requireActor(ctx, { scope: "referrals:read" });
  const now = ctx.clock.now();
  return withTransaction(ctx, async (tx) => {
    const { referral, sides } = await loadReferralForActor(tx, actor, input.referralId);
    const row = await currentDriegesprek(tx, referral.id);
    if (row?.state !== "confirmed" || !row.confirmedAt || isFinal(referral.status)) {
      throw noDriegesprek("Er is geen bevestigd driegesprek voor deze (open) verwijzing.");
    }
    const viewer = await viewerOf(tx, referral, sides, actingAs(actor), now);
    const view = driegesprekView(row, referral, viewer);
    await logPlaceRead(tx, referral, viewer, view, now);
    const [confirmations] = await tx
      .select({ n: count() })
      .from(referralEvents)
      .where(and(eq(referralEvents.referralId, referral.id), eq(referralEvents.type, "driegesprek_confirmed")));
    const start = new Date(row.confirmedAt);
    return calendarFile({
      uid: `driegesprek-${referral.id}@schakel`,
      stamp: row.updatedAt,
      start,
      end: driegesprekEnd(start),
      sequence: Math.max(0, (confirmations?.n ?? 1) - 1),
      summary: "Driegesprek (Schakel)",
      location: view.place,
      url: view.videoLink,
      description: view.videoLink ? `Videoverbinding: ${view.videoLink}` : null,
    });
  });
}
