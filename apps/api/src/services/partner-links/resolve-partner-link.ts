import { isFinal, type PartnerLinkRefusal, partnerLinkRefusalReasons } from "@schakel/core";
import { type Database, partnerLinks, referrals } from "@schakel/db";
import { eq } from "drizzle-orm";
import { HttpProblem, type ProblemSlug } from "../../lib/problem";
import { hashToken } from "../../lib/tokens";
import { partnerLightIntake } from "./partner-light";

const slugs: Record<PartnerLinkRefusal, ProblemSlug> = {
  unknown: "partner-link-unknown",
  expired: "partner-link-expired",
  revoked: "partner-link-revoked",
  moved_on: "partner-link-moved-on",
  used: "partner-link-used",
  closed: "partner-link-closed",
  with_account: "partner-link-with-account",
};

/** The refusal of a link, as problem+json the partner page explains; always a security event. */
export function partnerLinkRefused(reason: PartnerLinkRefusal) {
  const opening = reason === "unknown" ? "Deze link werkt niet, omdat" : "Deze link werkt niet meer, omdat";
  return new HttpProblem(slugs[reason], `${opening} ${partnerLinkRefusalReasons[reason]}`, {
    securityEvent: "partner-link-refused",
  });
}

/** A token as it may arrive: base64url, of the length generateToken makes (160 bits). */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,64}$/;

/**
 * The link and its referral, when the link still works: known, not expired, not revoked, not
 * used, and the referral still at the version it was issued for and open. Otherwise the refusal.
 */
export async function resolvePartnerLink(db: Database, token: string, now: Date, options: { forUpdate?: boolean } = {}) {
  if (!TOKEN_SHAPE.test(token)) throw partnerLinkRefused("unknown");
  const byToken = eq(partnerLinks.tokenHash, hashToken(token));
  let [link] = await db.select().from(partnerLinks).where(byToken);
  if (!link) throw partnerLinkRefused("unknown");
  const referralQuery = db.select().from(referrals).where(eq(referrals.id, link.referralId));
  // Referral first, then the link: the order every move takes (applyMove revokes links), so a
  // step by link and a step by a person at the same moment queue instead of deadlocking.
  const [referral] = options.forUpdate ? await referralQuery.for("update") : await referralQuery;
  if (!referral) throw partnerLinkRefused("unknown");
  if (options.forUpdate) {
    [link] = await db.select().from(partnerLinks).where(byToken).for("update");
    if (!link) throw partnerLinkRefused("unknown");
  }
  if (link.usedAt) throw partnerLinkRefused("used");
  if (isFinal(referral.status)) throw partnerLinkRefused("closed");
  if (referral.version !== link.referralVersion) throw partnerLinkRefused("moved_on");
  if (link.revokedAt) throw partnerLinkRefused("revoked");
  if (link.expiresAt.getTime() <= now.getTime()) throw partnerLinkRefused("expired");
  // Switched back to working with accounts: the links stop (whoever has one now signs in).
  if (!(await partnerLightIntake(db, referral))) throw partnerLinkRefused("with_account");
  return { link, referral };
}
