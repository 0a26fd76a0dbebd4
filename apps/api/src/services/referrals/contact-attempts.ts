import type { ReferralStatus } from "@schakel/core";
import { contactAttempts, type Database, referralEvents } from "@schakel/db";
import { and, asc, eq, gt, or, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { instantUuidCursor } from "../../lib/cursor";
import { badRequest, conflict, forbidden } from "../../lib/problem";
import type { ContactAttemptCreateSchema } from "../../schemas/referral-activity";
import { requireActor, type ServiceContext, withTransaction } from "../context";
import { loadReferralForActor, type ReferralRow } from "./access";
import { actorResolver, logActivityRead, requireOpen, type Viewer, viewerOf } from "./participants";
import { hiddenReason } from "./timeline";

type AttemptRow = typeof contactAttempts.$inferSelect;

/** Attempts are logged once the receiver has taken the referral up, until it closes. */
const ATTEMPT_STATUSES: readonly ReferralStatus[] = ["accepted", "in_contact", "in_progress", "on_hold"];

/** How far ahead of our clock an attempt's time may be (a browser's clock runs a little fast). */
const CLOCK_SKEW_MS = 5 * 60_000;

async function attemptViews(db: Database, referral: ReferralRow, viewer: Viewer, rows: AttemptRow[]) {
  const actorOf = await actorResolver(
    db,
    referral,
    viewer,
    rows.map((r) => ({ organizationId: referral.receiverOrganizationId, userId: r.byUserId })),
  );
  return rows.map((r) => {
    const hidden = hiddenReason(viewer, { note: r.note, actorOrganizationId: referral.receiverOrganizationId });
    return {
      id: r.id,
      referralId: r.referralId,
      channel: r.channel,
      result: r.result,
      note: hidden ? null : r.note,
      noteHidden: hidden,
      at: r.at.toISOString(),
      by: actorOf(referral.receiverOrganizationId, r.byUserId),
    };
  });
}

/**
 * The receiver's attempts to reach the resident, oldest first. Both sides see them — except a
 * sender whose resident chose to share only whether contact was made (contact_only): an attempt's
 * result says more than that, so that sender sees none.
 */
export async function listContactAttempts(ctx: ServiceContext, input: { referralId: string; cursor?: string; limit: number }) {
  const actor = requireActor(ctx);
  const now = ctx.clock.now();
  return withTransaction(ctx, async (tx) => {
    const { referral, sides } = await loadReferralForActor(tx, actor.userId, input.referralId);
    const viewer = await viewerOf(tx, referral, sides, actor.userId, now);
    const after = instantUuidCursor.decode(input.cursor);
    if (viewer.side === "sender" && viewer.feedbackLevel === "contact_only") return { data: [], meta: { nextCursor: null } };
    const filters: (SQL | undefined)[] = [eq(contactAttempts.referralId, referral.id)];
    if (after) {
      const [at, id] = after;
      filters.push(or(gt(contactAttempts.at, at), and(eq(contactAttempts.at, at), gt(contactAttempts.id, id))));
    }
    const rows = await tx
      .select()
      .from(contactAttempts)
      .where(and(...filters))
      .orderBy(asc(contactAttempts.at), asc(contactAttempts.id))
      .limit(input.limit + 1);
    const more = rows.length > input.limit;
    const shown = more ? rows.slice(0, input.limit) : rows;
    const last = shown.at(-1);
    const data = await attemptViews(tx, referral, viewer, shown);
    if (data.some((a) => a.note !== null)) {
      await logActivityRead(tx, referral, viewer, { action: "referral.contact_attempts.read", at: now });
    }
    return { data, meta: { nextCursor: more && last ? instantUuidCursor.encode([last.at, last.id]) : null } };
  });
}

/**
 * The receiver logs an attempt to reach the resident (needed before 'niet bereikt'). Only the
 * receiving organization, only on an open referral it has accepted; the time defaults to now and
 * lies neither in the future nor before the referral was sent.
 */
export async function logContactAttempt(
  ctx: ServiceContext,
  input: { referralId: string; attempt: z.infer<typeof ContactAttemptCreateSchema> },
) {
  const actor = requireActor(ctx);
  const now = ctx.clock.now();
  return withTransaction(ctx, async (tx) => {
    const { referral, sides } = await loadReferralForActor(tx, actor.userId, input.referralId, { forUpdate: true });
    if (!sides.has("receiver")) {
      throw forbidden("Alleen de ontvangende organisatie legt contactpogingen vast. Stuur de ontvanger een bericht.");
    }
    requireOpen(referral, "een contactpoging vastleggen");
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
        byUserId: actor.userId,
      })
      .returning();
    if (!row) throw new Error("contact attempt not stored");
    await tx.insert(referralEvents).values({
      referralId: referral.id,
      at: now,
      actorUserId: actor.userId,
      actorOrganizationId: referral.receiverOrganizationId,
      type: "contact_attempt",
      note: row.note,
      details: { attemptId: row.id, channel: row.channel, result: row.result, attemptedAt: at.toISOString() },
    });
    const viewer = await viewerOf(tx, referral, new Set(["receiver"]), actor.userId, now);
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
