import { type ServiceStatus, serviceStatuses, serviceStatusLabels } from "@schakel/core";
import { useCallback, useEffect, useState } from "react";
import { Link, useLocation } from "react-router";
import { Alert } from "../../components/alert";
import { Page } from "../../components/page";
import { api, type Membership, type Problem, run, type ServiceSearchResult } from "../../lib/api";
import { formatDate } from "../../lib/format";
import { areaText, domainLabel, listText } from "../../lib/services";
import { AdminOnly } from "./admin-only";

const PAGE_SIZE = 50;
/** Enough for any organisation; past this the list says it is incomplete. */
const MAX_PAGES = 20;

type ListState =
  | { status: "loading" }
  | { status: "error"; problem: Problem }
  | { status: "ready"; services: ServiceSearchResult[]; complete: boolean };

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

/** All of an organisation's services with one status, page after page. */
async function servicesWithStatus(organizationId: string, status: ServiceStatus, signal: AbortSignal) {
  const found: ServiceSearchResult[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await run(
      api.GET("/services", { params: { query: { organization: organizationId, status, limit: PAGE_SIZE, cursor } }, signal }),
    );
    if (!result.ok) return result;
    found.push(...result.data.data);
    cursor = result.data.meta.nextCursor ?? undefined;
    if (!cursor) return { ok: true as const, services: found, complete: true };
  }
  return { ok: true as const, services: found, complete: false };
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
  const [list, setList] = useState<ListState>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  const { organizationId, organizationName } = membership;

  // biome-ignore lint/correctness/useExhaustiveDependencies: attempt is the retry trigger
  useEffect(() => {
    const controller = new AbortController();
    setList({ status: "loading" });
    void Promise.all(serviceStatuses.map((status) => servicesWithStatus(organizationId, status, controller.signal))).then(
      (results) => {
        if (controller.signal.aborted) return;
        const services: ServiceSearchResult[] = [];
        let complete = true;
        for (const result of results) {
          if (!result.ok) {
            setList({ status: "error", problem: result.problem });
            return;
          }
          services.push(...result.services);
          complete &&= result.complete;
        }
        services.sort((a, b) => a.name.localeCompare(b.name, "nl", { sensitivity: "base" }));
        setList({ status: "ready", services, complete });
      },
    );
    return () => controller.abort();
  }, [organizationId, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);

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

      {list.status === "loading" ? (
        <p className="utrecht-paragraph" role="status">
          Diensten worden geladen…
        </p>
      ) : null}
      {list.status === "error" ? (
        <>
          <Alert type="error">
            <p className="utrecht-paragraph">{list.problem.detail}</p>
          </Alert>
          <p className="utrecht-paragraph">
            <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={retry}>
              Opnieuw proberen
            </button>
          </p>
        </>
      ) : null}
      {list.status === "ready" && list.services.length === 0 ? (
        <p className="utrecht-paragraph">
          {organizationName} heeft nog geen diensten op de sociale kaart. Voeg de eerste toe met de knop hierboven.
        </p>
      ) : null}
      {list.status === "ready" && list.services.length > 0 ? (
        <section aria-labelledby="diensten-titel" className="schakel-section">
          <h2 className="utrecht-heading-2" id="diensten-titel">
            {list.services.length === 1 ? "1 dienst" : `${list.services.length} diensten`}
          </h2>
          <ul className="schakel-service-list">
            {list.services.map((service) => (
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
                    {listText(service.lifeDomains.map(domainLabel))} · {areaText(service.isNational, service.municipalityCodes)}
                  </p>
                  <p className="utrecht-paragraph schakel-muted schakel-service-list__meta">
                    Laatst gecontroleerd: {formatDate(service.lastVerifiedAt)}
                  </p>
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
          {list.complete ? null : (
            <Alert type="warning">
              <p className="utrecht-paragraph">Niet alle diensten passen in deze lijst. Zoek op de sociale kaart naar de rest.</p>
            </Alert>
          )}
        </section>
      ) : null}
    </Page>
  );
}
