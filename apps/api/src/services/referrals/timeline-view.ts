import {
  type ContactAttemptChannel,
  type ContactAttemptResult,
  type DriegesprekState,
  type EscalationRung,
  escalationRungs,
  type FeedbackLevel,
  type ReferralStatus,
  type ReferralViewStatus,
  senderSeesOutcome,
  senderVisibleStatus,
} from "@schakel/core";
import { type Database, referralEvents } from "@schakel/db";
import { and, asc, eq, gt, or, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { instantSerialCursor } from "../../lib/cursor";
import type { hiddenReasons, ReferralEventSchema } from "../../schemas/referral-activity";
import type { ReferralRow } from "./access";
import { eventApiTokenId } from "./events";
import { actorResolver, type Viewer } from "./participants";

export type HiddenReason = (typeof hiddenReasons)[number];

type EventRow = typeof referralEvents.$inferSelect;

/**
 * Why the viewer may not read this text, or null. Text written by people may hold personal data,
 * so a receiver that lost access to the resident no longer reads it; Schakel's own notes stay.
 */
export function hiddenReason(viewer: Viewer, event: Pick<EventRow, "note" | "actorOrganizationId">): HiddenReason | null {
  if (!event.note) return null;
  if (!viewer.readsPersonalText && event.actorOrganizationId !== null) return "consent_withdrawn";
  return null;
}

/**
 * How one event looks to the sender under the resident's feedback level (core's
 * senderVisibleStatus and senderSeesOutcome, as the referral itself): statuses as the sender may
 * see them, and null for an event the sender may not see at all — a move that does not change what
 * they see (accepted under contact_only), or, under contact_only, a contact attempt (whose result
 * says more than whether contact was made). A move's note is hidden when the status is shown
 * masked (it could tell how a referral ended) and the note on completing — the outcome — unless
 * the resident chose to share outcomes.
 */
export function senderEventView(
  level: FeedbackLevel,
  event: Pick<EventRow, "type" | "fromStatus" | "toStatus" | "note">,
  pausedFrom: ReferralStatus | null,
): { fromStatus: ReferralViewStatus | null; toStatus: ReferralViewStatus | null; noteHidden: boolean } | null {
  if (event.type === "contact_attempt" && level === "contact_only") return null;
  if (event.type !== "status_changed" || !event.toStatus) {
    return { fromStatus: event.fromStatus, toStatus: event.toStatus, noteHidden: false };
  }
  const to = senderVisibleStatus(level, {
    status: event.toStatus,
    pausedFrom: event.toStatus === "on_hold" ? event.fromStatus : null,
  });
  const from = event.fromStatus ? senderVisibleStatus(level, { status: event.fromStatus, pausedFrom }) : null;
  if (from === to) return null;
  const noteHidden = to !== event.toStatus || (event.toStatus === "completed" && !senderSeesOutcome(level));
  return { fromStatus: from, toStatus: to, noteHidden: noteHidden && Boolean(event.note) };
}

/**
 * For each move out of on_hold, the status it had been paused from (the from-status of the move
 * into on_hold before it): what senderVisibleStatus needs to show a paused referral.
 */
async function pausedFromByEvent(db: Database, referralId: string): Promise<Map<number, ReferralStatus>> {
  const moves = await db
    .select({ id: referralEvents.id, fromStatus: referralEvents.fromStatus, toStatus: referralEvents.toStatus })
    .from(referralEvents)
    .where(and(eq(referralEvents.referralId, referralId), eq(referralEvents.type, "status_changed")))
    .orderBy(asc(referralEvents.at), asc(referralEvents.id));
  const out = new Map<number, ReferralStatus>();
  let pausedFrom: ReferralStatus | null = null;
  for (const m of moves) {
    if (m.fromStatus === "on_hold" && pausedFrom) out.set(m.id, pausedFrom);
    pausedFrom = m.toStatus === "on_hold" ? m.fromStatus : null;
  }
  return out;
}

/** One page of a referral's events, oldest first, keyset on (at, id). */
export async function eventPage(
  db: Database,
  referralId: string,
  page: { cursor?: string; limit: number; type?: string },
): Promise<{ rows: EventRow[]; nextCursor: string | null }> {
  const after = instantSerialCursor.decode(page.cursor);
  const filters: (SQL | undefined)[] = [eq(referralEvents.referralId, referralId)];
  if (page.type) filters.push(eq(referralEvents.type, page.type));
  if (after) {
    const [at, id] = after;
    filters.push(or(gt(referralEvents.at, at), and(eq(referralEvents.at, at), gt(referralEvents.id, id))));
  }
  const rows = await db
    .select()
    .from(referralEvents)
    .where(and(...filters))
    .orderBy(asc(referralEvents.at), asc(referralEvents.id))
    .limit(page.limit + 1);
  const more = rows.length > page.limit;
  const shown = more ? rows.slice(0, page.limit) : rows;
  const last = shown.at(-1);
  return { rows: shown, nextCursor: more && last ? instantSerialCursor.encode([last.at, last.id]) : null };
}

const str = (v: unknown) => (typeof v === "string" ? v : null);

type ActorOf = Awaited<ReturnType<typeof actorResolver>>;

function eventView(
  row: EventRow,
  viewer: Viewer,
  actor: ReturnType<ActorOf>,
  pausedFrom: Map<number, ReferralStatus>,
): ReferralEventView | null {
  const asSender = viewer.side === "sender" ? senderEventView(viewer.feedbackLevel, row, pausedFrom.get(row.id) ?? null) : null;
  if (viewer.side === "sender" && !asSender) return null;
  const hidden: HiddenReason | null = asSender?.noteHidden ? "feedback_level" : hiddenReason(viewer, row);
  const d = row.details ?? {};
  return {
    id: String(row.id),
    type: row.type,
    at: row.at.toISOString(),
    actor,
    fromStatus: asSender ? asSender.fromStatus : row.fromStatus,
    toStatus: asSender ? asSender.toStatus : row.toStatus,
    note: hidden ? null : row.note,
    noteHidden: hidden,
    contactAttempt:
      row.type === "contact_attempt"
        ? {
            channel: d.channel as ContactAttemptChannel,
            result: d.result as ContactAttemptResult,
            attemptedAt: str(d.attemptedAt) ?? row.at.toISOString(),
          }
        : null,
    driegesprek: row.type.startsWith("driegesprek_")
      ? {
          state: d.state as DriegesprekState,
          proposedMoments: Array.isArray(d.proposedMoments) ? d.proposedMoments.filter((m) => typeof m === "string") : [],
          confirmedAt: str(d.confirmedAt),
        }
      : null,
    // Timing is visible at every feedback level (core feedback.ts): both sides see the ladder.
    escalation:
      row.type === "escalation" && escalationRungs.includes(d.rung as EscalationRung) ? { rung: d.rung as EscalationRung } : null,
  };
}

export type ReferralEventView = z.infer<typeof ReferralEventSchema>;

/** The events as the viewer may see them; events the sender may not see are left out. */
export async function viewEvents(db: Database, referral: ReferralRow, viewer: Viewer, rows: EventRow[]) {
  const actorOf = await actorResolver(
    db,
    referral,
    viewer,
    rows.map((r) => ({ organizationId: r.actorOrganizationId, userId: r.actorUserId, apiTokenId: eventApiTokenId(r) })),
  );
  const pausedFrom =
    viewer.side === "sender" && rows.some((r) => r.fromStatus === "on_hold")
      ? await pausedFromByEvent(db, referral.id)
      : new Map<number, ReferralStatus>();
  return rows.flatMap(
    (r) => eventView(r, viewer, actorOf(r.actorOrganizationId, r.actorUserId, eventApiTokenId(r)), pausedFrom) ?? [],
  );
}
