import { type Database, referralEvents } from "@schakel/db";
import { requireActor, type ServiceContext, withTransaction } from "../context";
import { loadReferralForActor, type ReferralRow } from "./access";
import { mailSenderOfMessage } from "./feedback-mail";
import {
  actorResolver,
  logActivityRead,
  notifyOtherSide,
  organizationOf,
  requireOpen,
  serviceName,
  type Viewer,
  viewerOf,
} from "./participants";
import { eventPage, hiddenReason } from "./timeline";

type EventRow = typeof referralEvents.$inferSelect;

async function messageViews(db: Database, referral: ReferralRow, viewer: Viewer, rows: EventRow[]) {
  const actorOf = await actorResolver(
    db,
    referral,
    viewer,
    rows.map((r) => ({ organizationId: r.actorOrganizationId, userId: r.actorUserId })),
  );
  return rows.map((r) => {
    const hidden = hiddenReason(viewer, r);
    return {
      id: String(r.id),
      referralId: r.referralId,
      at: r.at.toISOString(),
      author: actorOf(r.actorOrganizationId, r.actorUserId),
      text: hidden ? null : r.note,
      textHidden: hidden,
    };
  });
}

/**
 * The messages between both sides, oldest first. They may hold personal data: reading them is
 * logged, and a receiver that lost access to the resident (consent withdrawn or expired) sees
 * that a message was sent, by whom and when, but not what it says.
 */
export async function listMessages(ctx: ServiceContext, input: { referralId: string; cursor?: string; limit: number }) {
  const actor = requireActor(ctx);
  const now = ctx.clock.now();
  return withTransaction(ctx, async (tx) => {
    const { referral, sides } = await loadReferralForActor(tx, actor.userId, input.referralId);
    const viewer = await viewerOf(tx, referral, sides, actor.userId, now);
    const { rows, nextCursor } = await eventPage(tx, referral.id, { ...input, type: "message" });
    const data = await messageViews(tx, referral, viewer, rows);
    const read = data.filter((m) => m.text !== null);
    if (read.length > 0) {
      await logActivityRead(tx, referral, viewer, {
        action: "referral.messages.read",
        at: now,
        details: { messageIds: read.map((m) => m.id) },
      });
    }
    return { data, meta: { nextCursor } };
  });
}

/**
 * A message from one side to the other, on an open referral. It is an event on the timeline and
 * an information-poor notification for the other side; a message from the receiver also e-mails
 * the referring worker that there is one (never what it says), after the transaction commits.
 */
export async function postMessage(ctx: ServiceContext, input: { referralId: string; text: string }) {
  const actor = requireActor(ctx);
  const now = ctx.clock.now();
  return withTransaction(ctx, async (tx, txCtx) => {
    const { referral, sides } = await loadReferralForActor(tx, actor.userId, input.referralId);
    requireOpen(referral, "een bericht sturen");
    const viewer = await viewerOf(tx, referral, sides, actor.userId, now);
    const [row] = await tx
      .insert(referralEvents)
      .values({
        referralId: referral.id,
        at: now,
        actorUserId: actor.userId,
        actorOrganizationId: organizationOf(referral, viewer.side),
        type: "message",
        note: input.text,
      })
      .returning();
    if (!row) throw new Error("message not stored");
    // A message may carry personal data: writing it is a change, logged like one.
    await logActivityRead(tx, referral, viewer, { action: "referral.message.create", at: now, details: { eventId: row.id } });
    const name = await serviceName(tx, referral);
    await notifyOtherSide(tx, referral, {
      actingSide: viewer.side,
      actingUserId: actor.userId,
      text: `Nieuw bericht over de verwijzing naar ${name}.`,
      at: now,
    });
    if (viewer.side === "receiver") await mailSenderOfMessage(txCtx, { referral, at: now });
    const [view] = await messageViews(tx, referral, viewer, [row]);
    if (!view) throw new Error("message not shown");
    return view;
  });
}
