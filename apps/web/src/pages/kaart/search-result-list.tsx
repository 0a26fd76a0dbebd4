import { canReferTo } from "@schakel/core";
import { useEffect, useState } from "react";
import { Link } from "react-router";
import type { ServiceSearch, ServiceSearchResult } from "../../api/types";
import { Alert, LiveRegion } from "../../components/alert";
import { Highlighted, hasMatch } from "../../components/highlighted";
import { QueryError } from "../../components/query-state";
import { ServiceBadges } from "../../components/service-badges";
import { formatNumber } from "../../lib/format";
import { useMunicipalityName } from "../../lib/municipality-names";
import { ageText, areaText, listText } from "../../lib/services";
import { useSession } from "../../lib/session";
import type { KaartFilters } from "./search-params";
import type { useServiceSearch } from "./use-service-search";

/** Past this many matches the API counts no further (meta.truncated). */
const CAP = 2000;

interface Props {
  search: ReturnType<typeof useServiceSearch>;
  filters: KaartFilters;
  /** The query string of the search on screen, handed to the detail page for "back to the results". */
  searchKey: string;
  onClearFilters: (() => void) | null;
  onSearchEverywhere: (() => void) | null;
  onStartOver: (() => void) | null;
}

function countText(meta: ServiceSearch["meta"], q: string): string {
  if (meta.truncated) return `Meer dan ${formatNumber(CAP)} diensten gevonden${q ? ` voor ‘${q}’` : ""}.`;
  if (meta.total === 0) return "Geen hulp gevonden — probeer een ander woord, minder filters, of zoek in heel Nederland.";
  return `${formatNumber(meta.total)} ${meta.total === 1 ? "dienst" : "diensten"} gevonden${q ? ` voor ‘${q}’` : ""}.`;
}

/** "Gezocht naar: arnhem (in plaats van arnhm)." */
function correctionText(corrections: ServiceSearch["meta"]["corrections"]): string | null {
  if (corrections.length === 0) return null;
  const parts = corrections.map((c) => `${listText(c.suggestions, "of")} (in plaats van ${c.term})`);
  return `Gezocht naar: ${parts.join(", ")}.`;
}

/** The result count (announced politely), notes about the search, the list, and "Meer laden". */
export function SearchResultList({ search, filters, searchKey, onClearFilters, onSearchEverywhere, onStartOver }: Props) {
  const { results, loading, problem } = search;
  const [focusId, setFocusId] = useState<string | null>(null);

  useEffect(() => {
    if (!focusId) return;
    document.getElementById(`dienst-${focusId}`)?.focus();
    setFocusId(null);
  }, [focusId]);

  const q = filters.q.trim();
  const meta = results?.meta;
  // A failed refresh keeps the results on screen, with a warning above them.
  const showResults = results !== null;
  const correction = meta && !loading ? correctionText(meta.corrections) : null;

  return (
    <section className="schakel-kaart__results" aria-labelledby="kaart-resultaten-titel">
      <h2 className="schakel-visually-hidden" id="kaart-resultaten-titel" tabIndex={-1}>
        Resultaten
      </h2>
      <LiveRegion>
        <p className="utrecht-paragraph schakel-result-count">
          {loading ? <span className="schakel-searching">Zoeken…</span> : meta ? <strong>{countText(meta, q)}</strong> : null}
        </p>
        {correction ? <p className="utrecht-paragraph schakel-correction">{correction}</p> : null}
      </LiveRegion>

      {problem ? (
        <QueryError
          problem={results ? problem : { ...problem, detail: `Zoeken lukt nu niet. ${problem.detail}` }}
          retry={search.retry}
          busy={search.retrying}
          stale={results !== null}
        />
      ) : null}

      {showResults && meta?.truncated ? (
        <Alert type="info">
          <p className="utrecht-paragraph">
            Meer dan {formatNumber(CAP)} resultaten — kies een gemeente of leefgebied om te verfijnen.
          </p>
        </Alert>
      ) : null}
      {showResults && meta && !meta.matchedAllTerms && meta.total > 0 ? (
        <Alert type="info">
          <p className="utrecht-paragraph">
            Geen hulp gevonden met alle woorden; dit zijn resultaten met een deel van de woorden.
          </p>
        </Alert>
      ) : null}

      {showResults && meta && meta.total === 0 && results.items.length === 0 ? (
        <div className="schakel-empty">
          <div className="utrecht-button-group">
            {onClearFilters ? (
              <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={onClearFilters}>
                Filters wissen
              </button>
            ) : null}
            {onSearchEverywhere ? (
              <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={onSearchEverywhere}>
                Zoek in heel Nederland
              </button>
            ) : null}
            {onStartOver ? (
              <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={onStartOver}>
                Opnieuw beginnen
              </button>
            ) : null}
          </div>
        </div>
      ) : null}

      {showResults && results.items.length > 0 ? (
        <>
          <ol className="schakel-results" aria-labelledby="kaart-resultaten-titel" aria-busy={loading || undefined}>
            {results.items.map((service) => (
              <ResultItem key={service.id} service={service} searchKey={searchKey} />
            ))}
          </ol>
          {search.moreProblem ? (
            <Alert type="error">
              <p className="utrecht-paragraph">Meer resultaten laden lukte niet. {search.moreProblem.detail}</p>
            </Alert>
          ) : null}
          {meta?.nextCursor ? (
            <div className="schakel-more">
              <p className="utrecht-paragraph schakel-muted">
                {formatNumber(results.items.length)} van {meta.truncated ? "meer dan " : ""}
                {formatNumber(meta.total)} getoond
              </p>
              <button
                type="button"
                className="utrecht-button utrecht-button--secondary-action"
                aria-disabled={search.loadingMore || loading || undefined}
                onClick={async () => {
                  const first = await search.loadMore();
                  if (first) setFocusId(first.id);
                }}
              >
                {search.loadingMore ? "Meer resultaten worden geladen…" : "Meer laden"}
              </button>
            </div>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

/** Up to this many characters of the summary are added to a fragment instead of an ellipsis. */
const FILL = 40;

/**
 * The matching fragment of the description, completed from the summary where it only leaves out
 * a few words at the start or end (ts_headline starts and stops at whole words), else with "…".
 */
function fragmentEnds(summary: string, fragment: string): { before: string; after: string } {
  const text = fragment.trim();
  const start = summary.indexOf(text.slice(0, FILL));
  const before = start === 0 ? "" : start > 0 && start <= FILL ? summary.slice(0, start) : "… ";
  const tail = text.slice(-FILL);
  const end = summary.indexOf(tail, Math.max(0, start));
  const rest = end >= 0 ? summary.slice(end + tail.length) : null;
  const after = rest === null ? (/[.!?…]$/.test(text) ? "" : " …") : rest.length <= FILL ? rest : " …";
  return { before, after };
}

function ResultItem({ service, searchKey }: { service: ServiceSearchResult; searchKey: string }) {
  const municipalityName = useMunicipalityName();
  const session = useSession();
  const canRefer = canReferTo(service, session.membership?.role);
  const description = hasMatch(service.highlights.description) ? service.highlights.description : null;
  const ends = description ? fragmentEnds(service.summary, description.map((s) => s.text).join("")) : null;

  return (
    <li className="schakel-result">
      <h3 className="utrecht-heading-3 schakel-result__title">
        <Link
          id={`dienst-${service.id}`}
          to={`/kaart/diensten/${service.id}`}
          state={{ kaart: searchKey }}
          className="utrecht-link utrecht-link--html-a"
        >
          <Highlighted segments={service.highlights.name} />
        </Link>
      </h3>
      <p className="utrecht-paragraph schakel-result__organization">{service.organization.name}</p>
      <p className="utrecht-paragraph schakel-result__description">
        {description && ends ? (
          <>
            {ends.before}
            <Highlighted segments={description} />
            {ends.after}
          </>
        ) : (
          service.summary
        )}
      </p>
      <dl className="schakel-facts">
        <div>
          <dt>Leeftijd</dt>
          <dd>{ageText(service.ageMin, service.ageMax)}</dd>
        </div>
        <div>
          <dt>Waar</dt>
          <dd>{areaText(service.isNational, service.municipalityCodes, municipalityName)}</dd>
        </div>
      </dl>
      <ServiceBadges
        lifeDomains={service.lifeDomains}
        acceptsReferrals={service.acceptsReferrals}
        partnerLight={service.partnerLight}
      />
      {canRefer ? (
        <p className="utrecht-paragraph schakel-result__actions">
          <Link
            to={`/kaart/diensten/${service.id}/verwijzen`}
            className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action"
          >
            Verwijzen<span className="schakel-visually-hidden"> naar {service.name}</span>
          </Link>
        </p>
      ) : null}
    </li>
  );
}
