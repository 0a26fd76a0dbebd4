import { proposedMomentProblems } from "@schakel/core";
import { driegesprekken } from "@schakel/db";
import { badRequest } from "../../lib/problem";
import type { ServiceContext } from "../context";
import { changeDriegesprek } from "./driegesprek-change";

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
