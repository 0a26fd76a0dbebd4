import { contactAttempts } from "@schakel/db";
import { and, asc, eq, gt, or, type SQL } from "drizzle-orm";
import { instantUuidCursor } from "../../lib/cursor";
import { actingAs } from "../actor";
import { requireActor, type ServiceContext, withTransaction } from "../context";
import { loadReferralForActor } from "./access";
import { attemptViews, seesContactAttempts } from "./contact-attempt-view";
import { logActivityRead, viewerOf } from "./participants";

/**
 * The receiver's attempts to reach the resident, oldest first. Both sides see them — except a
 * sender whose resident chose to share only whether contact was made (contact_only): an attempt's
 * result says more than that, so that sender sees none.
 */
export async function listContactAttempts(ctx: ServiceContext, input: { referralId: string; cursor?: string; limit: number }) {
  const actor = requireActor(ctx, { scope: "referrals:read" });
  const now = ctx.clock.now();
  return withTransaction(ctx, async (tx) => {
    const { referral, sides } = await loadReferralForActor(tx, actor, input.referralId);
    const viewer = await viewerOf(tx, referral, sides, actingAs(actor), now);
    const after = instantUuidCursor.decode(input.cursor);
    if (!seesContactAttempts(viewer)) return { data: [], meta: { nextCursor: null } };
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
