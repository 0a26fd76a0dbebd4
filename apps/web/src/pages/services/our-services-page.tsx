import { type ServiceStatus, serviceStatuses, serviceStatusLabels } from "@schakel/core";
import { useQuery } from "@tanstack/react-query";
import { Link, useLocation } from "react-router";
import { serviceQueries } from "../../api/services";
import type { Membership } from "../../api/types";
import { Alert } from "../../components/alert";
import { Page } from "../../components/page";
import { QueryState } from "../../components/query-state";
import { ServiceResponsivenessLine } from "../../components/service-responsiveness";
import { formatDate } from "../../lib/format";
import { useMunicipalityName } from "../../lib/municipality-names";
import { areaText, domainLabel, listText } from "../../lib/services";
import { AdminOnly } from "./admin-only";

export const statusBadgeClass: Record<ServiceStatus, string> = {
  active: "utrecht-status-badge--success schakel-badge--active",
  temporarily_closed: "utrecht-status-badge--warning",
  inactive: "utrecht-status-badge--inactive",
  defunct: "utrecht-status-badge--inactive",
};

/** A notice handed over by the page that saved a service. */
function noticeFrom(state: unknown): string | null {
  if (typeof state === "object" && state !== null && "notice" in state && typeof state.notice === "string") return state.notice;
  return null;
}

/** /diensten: the current organisation's services on the sociale kaart, for its admins. */
export function OurServicesPage() {
  return (
    <AdminOnly title="Onze diensten">
      {(membership) => <OurServices key={membership.organizationId} membership={membership} />}
    </AdminOnly>
  );
}

function OurServices({ membership }: { membership: Membership }) {
  const location = useLocation();
  const notice = noticeFrom(location.state);
  const { organizationId, organizationName } = membership;
  const list = useQuery(serviceQueries.ofOrganization(organizationId, serviceStatuses));
  const municipalityName = useMunicipalityName();

  return (
    <Page title="Onze diensten" heading={`Diensten van ${organizationName}`}>
      {notice ? (
        <Alert type="ok">
          <p className="utrecht-paragraph">{notice}</p>
        </Alert>
      ) : null}
      <p className="utrecht-paragraph">
        Dit zijn de diensten van {organizationName} op de sociale kaart. Houd ze actueel: verwijzers zien wanneer een dienst voor
        het laatst is gecontroleerd.
      </p>
      <p className="utrecht-paragraph">
        <Link
          to="/diensten/nieuw"
          className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action"
        >
          Dienst toevoegen
        </Link>
      </p>

      <QueryState
        query={list}
        loading="Diensten worden geladen…"
        isEmpty={({ services }) => services.length === 0}
        empty={
          <p className="utrecht-paragraph">
            {organizationName} heeft nog geen diensten op de sociale kaart. Voeg de eerste toe met de knop hierboven.
          </p>
        }
      >
        {({ services, complete }) => (
          <section aria-labelledby="diensten-titel" className="schakel-section">
            <h2 className="utrecht-heading-2" id="diensten-titel">
              {services.length === 1 ? "1 dienst" : `${services.length} diensten`}
            </h2>
            <ul className="schakel-service-list">
              {services.map((service) => (
                <li key={service.id} className="schakel-service-list__item">
                  <div className="schakel-service-list__main">
                    <h3 className="utrecht-heading-3 schakel-service-list__name">
                      <Link to={`/kaart/diensten/${service.id}`} className="utrecht-link utrecht-link--html-a">
                        {service.name}
                      </Link>
                    </h3>
                    <p className="utrecht-paragraph schakel-service-list__meta">
                      <span className={`utrecht-status-badge ${statusBadgeClass[service.status]}`}>
                        {serviceStatusLabels[service.status]}
                      </span>{" "}
                      {listText(service.lifeDomains.map(domainLabel))} ·{" "}
                      {areaText(service.isNational, service.municipalityCodes, municipalityName)}
                    </p>
                    <p className="utrecht-paragraph schakel-muted schakel-service-list__meta">
                      Laatst gecontroleerd: {formatDate(service.lastVerifiedAt)}
                    </p>
                    {service.acceptsReferrals ? <ServiceResponsivenessLine serviceId={service.id} /> : null}
                  </div>
                  <Link
                    to={`/diensten/${service.id}/bewerken`}
                    className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action"
                  >
                    Bewerken<span className="schakel-visually-hidden"> {service.name}</span>
                  </Link>
                </li>
              ))}
            </ul>
            {complete ? null : (
              <Alert type="warning">
                <p className="utrecht-paragraph">
                  Niet alle diensten passen in deze lijst. Zoek op de sociale kaart naar de rest.
                </p>
              </Alert>
            )}
          </section>
        )}
      </QueryState>
    </Page>
  );
}
