import {
  type DriegesprekAction,
  type DriegesprekState,
  driegesprekEnd,
  driegesprekNext,
  driegesprekProblem,
  isFinal,
  proposedMomentProblems,
} from "@schakel/core";
import { type Database, driegesprekken, referralEvents } from "@schakel/db";
import { and, count, eq } from "drizzle-orm";
import type { z } from "zod";
import { calendarFile } from "../../lib/ics";
import { API_BASE } from "../../lib/openapi";
import { badRequest, conflict, HttpProblem } from "../../lib/problem";
import type { DriegesprekConfirmationSchema, DriegesprekOutcomeSchema } from "../../schemas/referral-activity";
import { requireActor, type ServiceContext, withTransaction } from "../context";
import { loadReferralForActor, type ReferralRow } from "./access";
import {
  logActivityRead,
  notifyOtherSide,
  organizationOf,
  requireOpen,
  serviceName,
  type Viewer,
  viewerOf,
} from "./participants";

type DriegesprekRow = typeof driegesprekken.$inferSelect;

const NONE = "Er is (nog) geen driegesprek voor deze verwijzing.";
const noDriegesprek = (detail = NONE) => new HttpProblem("driegesprek-not-found", detail);

const iso = (d: Date | string) => new Date(d).toISOString();

/**
 * The driegesprek as the viewer may see it. The place and the video link may say where the
 * resident lives, so a receiver that lost access to the resident no longer sees them; a closed
 * referral's driegesprek stays readable but no longer goes in a calendar.
 */
export function driegesprekView(row: DriegesprekRow, referral: ReferralRow, viewer: Viewer) {
  const confirmedAt = row.confirmedAt ? new Date(row.confirmedAt) : null;
  const shown = viewer.readsPersonalText;
  return {
    referralId: row.referralId,
    state: row.state,
    proposedMoments: row.proposedMoments.map(iso),
    confirmedAt: confirmedAt?.toISOString() ?? null,
    endsAt: confirmedAt ? driegesprekEnd(confirmedAt).toISOString() : null,
    place: shown ? row.place : null,
    videoLink: shown ? row.videoLink : null,
    updatedAt: row.updatedAt.toISOString(),
    calendarUrl:
      row.state === "confirmed" && !isFinal(referral.status) ? `${API_BASE}/referrals/${row.referralId}/driegesprek.ics` : null,
  };
}

async function current(db: Database, referralId: string) {
  const [row] = await db.select().from(driegesprekken).where(eq(driegesprekken.referralId, referralId));
  return row ?? null;
}

/** Reading where the driegesprek is (which may be the resident's home) is logged. */
async function logPlaceRead(
  db: Database,
  referral: ReferralRow,
  viewer: Viewer,
  shown: { place: unknown; videoLink: unknown },
  at: Date,
) {
  if (shown.place || shown.videoLink) await logActivityRead(db, referral, viewer, { action: "referral.driegesprek.read", at });
}

/** The referral's driegesprek, for either side; 404 when none was proposed. */
export async function getDriegesprek(ctx: ServiceContext, input: { referralId: string }) {
  const actor = requireActor(ctx);
  const now = ctx.clock.now();
  return withTransaction(ctx, async (tx) => {
    const { referral, sides } = await loadReferralForActor(tx, actor.userId, input.referralId);
    const row = await current(tx, referral.id);
    if (!row) throw noDriegesprek();
    const viewer = await viewerOf(tx, referral, sides, actor.userId, now);
    const view = driegesprekView(row, referral, viewer);
    await logPlaceRead(tx, referral, viewer, view, now);
    return view;
  });
}

const eventTypes: Record<DriegesprekAction, string> = {
  propose: "driegesprek_proposed",
  confirm: "driegesprek_confirmed",
  held: "driegesprek_held",
  not_held: "driegesprek_not_held",
};

const notices: Record<DriegesprekAction, string> = {
  propose: "Driegesprek voorgesteld",
  confirm: "Driegesprek bevestigd",
  held: "Driegesprek gehouden",
  not_held: "Driegesprek niet doorgegaan",
};

/**
 * One change to the driegesprek by either side, on an open referral: the state rule from core
 * (409 when it does not apply now), the change itself, an event on the timeline and a
 * notification for the other side — in one transaction.
 */
async function changeDriegesprek(
  ctx: ServiceContext,
  input: { referralId: string; action: DriegesprekAction; note?: string | null },
  apply: (tx: Database, referral: ReferralRow, row: DriegesprekRow | null, now: Date) => Promise<DriegesprekRow>,
) {
  const actor = requireActor(ctx);
  const now = ctx.clock.now();
  return withTransaction(ctx, async (tx) => {
    const { referral, sides } = await loadReferralForActor(tx, actor.userId, input.referralId, { forUpdate: true });
    requireOpen(referral, "het driegesprek wijzigen");
    const viewer = await viewerOf(tx, referral, sides, actor.userId, now);
    const side = viewer.side;
    const before = await current(tx, referral.id);
    const problem = driegesprekProblem(before, input.action, now);
    if (problem) throw conflict(problem);
    const row = await apply(tx, referral, before, now);
    const state = driegesprekNext(before?.state ?? null, input.action) as DriegesprekState;
    await tx.insert(referralEvents).values({
      referralId: referral.id,
      at: now,
      actorUserId: actor.userId,
      actorOrganizationId: organizationOf(referral, side),
      type: eventTypes[input.action],
      note: input.note || null,
      details: {
        state,
        proposedMoments: row.proposedMoments.map(iso),
        confirmedAt: row.confirmedAt ? iso(row.confirmedAt) : null,
      },
    });
    const name = await serviceName(tx, referral);
    await notifyOtherSide(tx, referral, {
      actingSide: side,
      actingUserId: actor.userId,
      text: `${notices[input.action]} voor de verwijzing naar ${name}.`,
      at: now,
    });
    const view = driegesprekView(row, referral, viewer);
    // The answer shows the place: logged like any read of it.
    await logPlaceRead(tx, referral, viewer, view, now);
    return view;
  });
}

/**
 * Either side proposes 1–5 moments in the future. A new proposal replaces the earlier one and
 * drops a confirmed time (re-planning); after one that did not happen it starts anew.
 */
export async function proposeDriegesprek(ctx: ServiceContext, input: { referralId: string; moments: string[] }) {
  const moments = input.moments.map((m) => new Date(m));
  const problems = proposedMomentProblems(moments, ctx.clock.now());
  if (Object.keys(problems).length > 0) {
    throw badRequest(
      "De voorgestelde momenten kloppen niet; zie invalidParams.",
      Object.entries(problems).map(([i, reason]) => ({ name: `body.moments.${i}`, code: "invalid_moment", reason })),
    );
  }
  const sorted = [...moments].sort((a, b) => a.getTime() - b.getTime());
  return changeDriegesprek(ctx, { ...input, action: "propose" }, async (tx, referral, _before, now) => {
    const values = { state: "proposed" as const, proposedMoments: sorted, confirmedAt: null, place: null, videoLink: null };
    const [row] = await tx
      .insert(driegesprekken)
      .values({ referralId: referral.id, ...values, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({ target: driegesprekken.referralId, set: { ...values, updatedAt: now } })
      .returning();
    if (!row) throw new Error("driegesprek not stored");
    return row;
  });
}

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

/**
 * The confirmed driegesprek as an iCalendar file. Information-poor like every notification: a
 * fixed title, the time, the place or link — never the resident. The UID stays the same per
 * referral and SEQUENCE rises with every confirmation, so calendars update the one event.
 */
export async function driegesprekCalendar(ctx: ServiceContext, input: { referralId: string }) {
  const actor = requireActor(ctx);
  const now = ctx.clock.now();
  return withTransaction(ctx, async (tx) => {
    const { referral, sides } = await loadReferralForActor(tx, actor.userId, input.referralId);
    const row = await current(tx, referral.id);
    if (row?.state !== "confirmed" || !row.confirmedAt || isFinal(referral.status)) {
      throw noDriegesprek("Er is geen bevestigd driegesprek voor deze (open) verwijzing.");
    }
    const viewer = await viewerOf(tx, referral, sides, actor.userId, now);
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
