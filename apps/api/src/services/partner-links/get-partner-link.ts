import { type ServiceContext, withTransaction } from "../context";
import { admitPartnerLinkUse, logPartnerLinkUse, partnerLinkUseSucceeded, partnerLinkView } from "./partner-link-view";
import { resolvePartnerLink } from "./resolve-partner-link";

/** What a partner-light link may see, for the page it opens; the view is logged for the receiver. */
export async function getPartnerLink(ctx: ServiceContext, input: { token: string; address: string }) {
  await admitPartnerLinkUse(ctx, input.address);
  const now = ctx.clock.now();
  const view = await withTransaction(ctx, async (tx) => {
    const { link, referral } = await resolvePartnerLink(tx, input.token, now);
    await logPartnerLinkUse(tx, { at: now, link, referral, action: "partner_link.view" });
    return partnerLinkView(tx, link, referral);
  });
  await partnerLinkUseSucceeded(ctx, input.address);
  return view;
}
