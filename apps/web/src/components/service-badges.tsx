import type { LifeDomain } from "@schakel/core";
import { domainLabel } from "../lib/services";

/** The life domains of a service as badges, and whether it accepts referrals through Schakel. */
export function ServiceBadges({
  lifeDomains,
  acceptsReferrals,
}: {
  lifeDomains: readonly LifeDomain[];
  acceptsReferrals: boolean;
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
    </ul>
  );
}
