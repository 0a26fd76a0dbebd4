import { referralEvents } from "@schakel/db";
import { actingAs, actingUserId, eventActor } from "../actor";
import { requireActor, type ServiceContext, withTransaction } from "../context";
import { referralWebhook } from "../webhooks/referral-events";
import { loadReferralForActor } from "./access";
import { eventValues } from "./events";
import { senderMessageMail } from "./feedback-mail";
import { messageViews } from "./message-view";
import {
  logActivityRead,
  notifyOtherSide,
  organizationOf,
  requireConsentInForce,
  requireOpen,
  serviceName,
  viewerOf,
} from "./participants";

/**
 * A message from one side to the other, on an open referral. It is an event on the timeline and
 * an information-poor notification and mail (as each person chose) for the other side: that there
 * is one, never what it says.
 */
export async function createReferralMessage(ctx: ServiceContext, input: { referralId: string; text: string }) {
  const actor = requireActor(ctx, { scope: "referrals:write" });
  const now = ctx.clock.now();
  return withTransaction(ctx, async (tx, txCtx) => {
    const { referral, sides } = await loadReferralForActor(tx, actor, input.referralId);
    requireOpen(referral, "een bericht sturen");
    await requireConsentInForce(tx, referral, now, "een bericht sturen");
    const viewer = await viewerOf(tx, referral, sides, actingAs(actor), now);
    const [row] = await tx
      .insert(referralEvents)
      .values(
        eventValues({
          referralId: referral.id,
          at: now,
          ...eventActor(actor),
          actorOrganizationId: organizationOf(referral, viewer.side),
          type: "message",
          note: input.text,
        }),
      )
      .returning();
    if (!row) throw new Error("message not stored");
    await referralWebhook(tx, referral, "nl.schakel.referral.message-created", now);
    // A message may carry personal data: writing it is a change, logged like one.
    await logActivityRead(tx, referral, viewer, { action: "referral.message.create", at: now, details: { eventId: row.id } });
    const name = await serviceName(tx, referral);
    await notifyOtherSide(txCtx, referral, {
      actingSide: viewer.side,
      actingUserId: actingUserId(actor),
      kind: "referral_message",
      text: `Nieuw bericht over de verwijzing naar ${name}.`,
      at: now,
      // The sender's mail says who wrote; the receiver's, what the notice says.
      mail: viewer.side === "receiver" ? await senderMessageMail(tx, referral) : undefined,
    });
    const [view] = await messageViews(tx, referral, viewer, [row]);
    if (!view) throw new Error("message not shown");
    return view;
  });
}
