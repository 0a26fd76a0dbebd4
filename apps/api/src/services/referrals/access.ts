import { type Database, referrals } from "@schakel/db";
import { eq } from "drizzle-orm";
import { HttpProblem, notFound } from "../../lib/problem";
import { actingOrganizationIds } from "../actor";
import type { Actor } from "../context";

export type ReferralRow = typeof referrals.$inferSelect;
export type Side = "sender" | "receiver";

const NOT_FOUND = "Deze verwijzing bestaat niet of is niet van jouw organisatie.";

/**
 * The referral and the actor's side(s) of it. Only caseworkers of the sending and the receiving
 * organization (or their API tokens) see a referral; to everyone else it does not exist (404).
 */
export async function loadReferralForActor(
  db: Database,
  actor: Actor,
  referralId: string,
  options: { forUpdate?: boolean } = {},
) {
  const query = db.select().from(referrals).where(eq(referrals.id, referralId));
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound(NOT_FOUND);
  const orgs = await actingOrganizationIds(db, actor);
  const sides = new Set<Side>();
  if (orgs.has(row.senderOrganizationId)) sides.add("sender");
  if (orgs.has(row.receiverOrganizationId)) sides.add("receiver");
  if (sides.size === 0) throw notFound(NOT_FOUND);
  return { referral: row, sides };
}

/** The side whose view to show: someone in both organizations sees the sender's (fuller) view. */
export const viewSide = (sides: Set<Side>): Side => (sides.has("sender") ? "sender" : "receiver");

/**
 * 412 unless the caller saw the current version (If-Match): nobody overwrites a change unseen.
 * The version is the one the caller's side is shown (referralView): the sender's counts only what
 * the sender can see.
 */
export function requireVersion(referral: ReferralRow, expectedVersion: number, side: Side) {
  const current = side === "sender" ? referral.senderVersion : referral.version;
  if (current !== expectedVersion) {
    throw new HttpProblem(
      "stale-version",
      "Iemand anders heeft deze verwijzing net bijgewerkt. Laad haar opnieuw en kijk of je actie nog nodig is.",
    );
  }
}
