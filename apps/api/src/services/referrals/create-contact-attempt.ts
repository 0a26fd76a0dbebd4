import { contactAttempts } from "@schakel/db";
import type { z } from "zod";
import { badRequest, conflict, forbidden } from "../../lib/problem";
import type { ContactAttemptCreateSchema } from "../../schemas/referral-activity";
import { actingAs, actingUserId, eventActor } from "../actor";
import { requireActor, type ServiceContext, withTransaction } from "../context";
import { loadReferralForActor } from "./access";
import { ATTEMPT_STATUSES, attemptViews, CLOCK_SKEW_MS } from "./contact-attempt-view";
import { recordEvent } from "./events";
import { logActivityRead, requireConsentInForce, requireOpen, viewerOf } from "./participants";

/**
 * The receiver logs an attempt to reach the resident (needed before 'niet bereikt'). Only the
 * receiving organization, only on an open referral it has accepted; the time defaults to now and
 * lies neither in the future nor before the referral was sent.
 */
export async function createContactAttempt(
  ctx: ServiceContext,
  input: { referralId: string; attempt: z.infer<typeof ContactAttemptCreateSchema> },
) {
  const actor = requireActor(ctx, { scope: "referrals:write" });
  const now = ctx.clock.now();
  return withTransaction(ctx, async (tx) => {
    const { referral, sides } = await loadReferralForActor(tx, actor, input.referralId, { forUpdate: true });
    if (!sides.has("receiver")) {
      throw forbidden("Alleen de ontvangende organisatie legt contactpogingen vast. Stuur de ontvanger een bericht.");
    }
    requireOpen(referral, "een contactpoging vastleggen");
    await requireConsentInForce(tx, referral, now, "een contactpoging vastleggen");
    if (!ATTEMPT_STATUSES.includes(referral.status)) {
      throw conflict("Accepteer de verwijzing eerst; daarna leg je contactpogingen vast.");
    }
    const at = input.attempt.at ? new Date(input.attempt.at) : now;
    if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) {
      throw badRequest("De aanvraag bevat fouten; zie invalidParams.", [
        { name: "body.at", code: "in_future", reason: "Een contactpoging kan niet in de toekomst liggen." },
      ]);
    }
    if (at.getTime() < referral.createdAt.getTime()) {
      throw badRequest("De aanvraag bevat fouten; zie invalidParams.", [
        { name: "body.at", code: "before_referral", reason: "Deze contactpoging ligt vóór de verwijzing." },
      ]);
    }
    const [row] = await tx
      .insert(contactAttempts)
      .values({
        referralId: referral.id,
        channel: input.attempt.channel,
        result: input.attempt.result,
        note: input.attempt.note || null,
        at,
        byUserId: actingUserId(actor),
      })
      .returning();
    if (!row) throw new Error("contact attempt not stored");
    await recordEvent(tx, {
      referralId: referral.id,
      at: now,
      ...eventActor(actor),
      actorOrganizationId: referral.receiverOrganizationId,
      type: "contact_attempt",
      note: row.note,
      details: { attemptId: row.id, channel: row.channel, result: row.result, attemptedAt: at.toISOString() },
    });
    const viewer = await viewerOf(tx, referral, new Set(["receiver"]), actingAs(actor), now);
    await logActivityRead(tx, referral, viewer, {
      action: "referral.contact_attempt.create",
      at: now,
      details: { attemptId: row.id },
    });
    const [view] = await attemptViews(tx, referral, viewer, [row]);
    if (!view) throw new Error("contact attempt not shown");
    return view;
  });
}
