import type { LifeDomain } from "@schakel/core";
import { domainLabel } from "../lib/services";

/**
 * The life domains of a service as badges, whether it accepts referrals through Schakel, and
 * whether its receiver works without an account (partner-light: it answers from its mail).
 */
export function ServiceBadges({
  lifeDomains,
  acceptsReferrals,
  partnerLight = false,
}: {
  lifeDomains: readonly LifeDomain[];
  acceptsReferrals: boolean;
  partnerLight?: boolean;
}) {
  return (
    <ul className="schakel-badges" aria-label="Leefgebieden en verwijzen">
      {lifeDomains.map((domain) => (
        <li key={domain} className="utrecht-data-badge schakel-badge--domain">
          {domainLabel(domain)}
        </li>
      ))}
      {acceptsReferrals ? (
        <li className="utrecht-status-badge utrecht-status-badge--success schakel-badge--active">Neemt verwijzingen aan</li>
      ) : null}
      {acceptsReferrals && partnerLight ? (
        <li className="utrecht-data-badge">Werkt zonder account: reageert via een link in de mail</li>
      ) : null}
    </ul>
  );
}
