import {
  type DriegesprekAction,
  type DriegesprekState,
  driegesprekEnd,
  driegesprekNext,
  driegesprekProblem,
  isFinal,
} from "@schakel/core";
import { type Database, driegesprekken } from "@schakel/db";
import { eq } from "drizzle-orm";
import { API_BASE } from "../../lib/openapi";
import { conflict, HttpProblem } from "../../lib/problem";
import { actingAs, actingUserId, eventActor } from "../actor";
import { requireActor, type ServiceContext, withTransaction } from "../context";
import { referralWebhook } from "../webhooks/referral-events";
import { loadReferralForActor, type ReferralRow } from "./access";
import { recordEvent } from "./events";
import {
  logActivityRead,
  notifyOtherSide,
  organizationOf,
  requireConsentInForce,
  requireOpen,
  serviceName,
  type Viewer,
  viewerOf,
} from "./participants";

type DriegesprekRow = typeof driegesprekken.$inferSelect;

const NONE = "Er is (nog) geen driegesprek voor deze verwijzing.";

export const noDriegesprek = (detail = NONE) => new HttpProblem("driegesprek-not-found", detail);

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

/** The referral's driegesprek row, or null. */
export async function currentDriegesprek(db: Database, referralId: string) {
  const [row] = await db.select().from(driegesprekken).where(eq(driegesprekken.referralId, referralId));
  return row ?? null;
}

/** Reading where the driegesprek is (which may be the resident's home) is logged. */
export async function logPlaceRead(
  db: Database,
  referral: ReferralRow,
  viewer: Viewer,
  shown: { place: unknown; videoLink: unknown },
  at: Date,
) {
  if (shown.place || shown.videoLink) await logActivityRead(db, referral, viewer, { action: "referral.driegesprek.read", at });
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
export async function changeDriegesprek(
  ctx: ServiceContext,
  input: { referralId: string; action: DriegesprekAction; note?: string | null },
  apply: (tx: Database, referral: ReferralRow, row: DriegesprekRow | null, now: Date) => Promise<DriegesprekRow>,
) {
  const actor = requireActor(ctx, { scope: "referrals:write" });
  const now = ctx.clock.now();
  return withTransaction(ctx, async (tx, txCtx) => {
    const { referral, sides } = await loadReferralForActor(tx, actor, input.referralId, { forUpdate: true });
    requireOpen(referral, "het driegesprek wijzigen");
    await requireConsentInForce(tx, referral, now, "het driegesprek wijzigen");
    const viewer = await viewerOf(tx, referral, sides, actingAs(actor), now);
    const side = viewer.side;
    const before = await currentDriegesprek(tx, referral.id);
    const problem = driegesprekProblem(before, input.action, now);
    if (problem) throw conflict(problem);
    const row = await apply(tx, referral, before, now);
    const state = driegesprekNext(before?.state ?? null, input.action) as DriegesprekState;
    await recordEvent(tx, {
      referralId: referral.id,
      at: now,
      ...eventActor(actor),
      actorOrganizationId: organizationOf(referral, side),
      type: eventTypes[input.action],
      note: input.note || null,
      details: {
        state,
        proposedMoments: row.proposedMoments.map(iso),
        confirmedAt: row.confirmedAt ? iso(row.confirmedAt) : null,
      },
    });
    await referralWebhook(tx, referral, "nl.schakel.referral.driegesprek-changed", now);
    const name = await serviceName(tx, referral);
    await notifyOtherSide(txCtx, referral, {
      actingSide: side,
      actingUserId: actingUserId(actor),
      kind: "referral_driegesprek",
      text: `${notices[input.action]} voor de verwijzing naar ${name}.`,
      at: now,
    });
    const view = driegesprekView(row, referral, viewer);
    // The answer shows the place: logged like any read of it.
    await logPlaceRead(tx, referral, viewer, view, now);
    return view;
  });
}
