import type { Database, referralEvents } from "@schakel/db";
import type { ReferralRow } from "./access";
import { eventApiTokenId } from "./events";
import { actorResolver, type Viewer } from "./participants";
import { hiddenReason } from "./timeline-view";

type EventRow = typeof referralEvents.$inferSelect;

export async function messageViews(db: Database, referral: ReferralRow, viewer: Viewer, rows: EventRow[]) {
  const actorOf = await actorResolver(
    db,
    referral,
    viewer,
    rows.map((r) => ({ organizationId: r.actorOrganizationId, userId: r.actorUserId, apiTokenId: eventApiTokenId(r) })),
  );
  return rows.map((r) => {
    const hidden = hiddenReason(viewer, r);
    return {
      id: String(r.id),
      referralId: r.referralId,
      at: r.at.toISOString(),
      author: actorOf(r.actorOrganizationId, r.actorUserId, eventApiTokenId(r)),
      text: hidden ? null : r.note,
      textHidden: hidden,
    };
  });
}
