import { useInfiniteQuery } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router";
import { privacyQueries } from "../../api/privacy";
import { InvalidFilters } from "../../components/invalid-filters";
import { AnnouncedLoadMore } from "../../components/load-more";
import { Page } from "../../components/page";
import { QueryState } from "../../components/query-state";
import { formatDateTime } from "../../lib/format";
import { useSignedIn } from "../../lib/session";
import {
  type AccessLogEntry,
  accessActionLabel,
  actorLabel,
  reasonLabel,
  residentsOf,
  shortId,
  subjectTypeLabel,
} from "./access-actions";
import { AccessLogFilterForm } from "./access-log-filter-form";
import { type AccessLogFilters, accessLogFilterSchema, accessLogQuery, readFilters, writeFilters } from "./access-log-filters";
import { AdminOnly, mayUsePrivacyPages } from "./admin-only";

const TITLE = "Toegangslogboek";

/** /privacy: the organisation's access log, for its admins. */
export function AccessLogPage() {
  const { membership } = useSignedIn();
  if (!mayUsePrivacyPages(membership)) return <AdminOnly title={TITLE} membership={membership} />;
  return (
    <AccessLog
      key={membership.organizationId}
      organizationId={membership.organizationId}
      organizationName={membership.organizationName}
    />
  );
}

function AccessLog({ organizationId, organizationName }: { organizationId: string; organizationName: string }) {
  const [search, setSearch] = useSearchParams();
  const filters = readFilters(search);
  const query = accessLogQuery(organizationId, filters);
  const linkWith = (change: Partial<AccessLogFilters>) => `?${writeFilters({ ...filters, ...change }).toString()}`;

  return (
    <Page title={TITLE} heading={`Toegangslogboek van ${organizationName}`}>
      <p className="utrecht-paragraph">
        Hier zie je wie persoonsgegevens van inwoners heeft bekeken of gewijzigd, wanneer, en namens welke organisatie. Het
        nieuwste staat bovenaan. Alleen beheerders van {organizationName} kunnen dit logboek zien; ook dat je het nu bekijkt,
        wordt vastgelegd.
      </p>
      <p className="utrecht-paragraph">
        Vraagt een inwoner om inzage of om het wissen van zijn gegevens? Zoek een regel over die inwoner en kies{" "}
        <strong>Inzage en wissen</strong>.
      </p>

      <AccessLogFilterForm key={search.toString()} filters={filters} onApply={(next) => setSearch(writeFilters(next))} />

      <section aria-labelledby="regels-titel" className="schakel-section">
        <h2 className="utrecht-heading-2" id="regels-titel">
          Regels
        </h2>
        {query ? (
          <Entries query={query} filters={filters} linkWith={linkWith} />
        ) : (
          <InvalidFilters error={accessLogFilterSchema.safeParse(filters).error} />
        )}
      </section>
    </Page>
  );
}

function Entries({
  query,
  filters,
  linkWith,
}: {
  query: NonNullable<ReturnType<typeof accessLogQuery>>;
  filters: AccessLogFilters;
  linkWith: (change: Partial<AccessLogFilters>) => string;
}) {
  const log = useInfiniteQuery(privacyQueries.accessLog(query));

  return (
    <QueryState query={log} loading="Het toegangslogboek wordt geladen…">
      {(data) => {
        const loaded = data.pages.flatMap((page) => page.data);
        const person = filters.person ? loaded.find((e) => e.actor.user?.id === filters.person)?.actor.user?.name : null;
        return (
          <>
            {filters.person ? (
              <p className="utrecht-paragraph">
                Alleen wat {person ?? "de gekozen persoon"} deed.{" "}
                <Link to={linkWith({ person: "" })} className="utrecht-link utrecht-link--html-a">
                  Van iedereen tonen
                </Link>
              </p>
            ) : null}
            <p className="utrecht-paragraph">{loaded.length === 1 ? "1 regel." : `${loaded.length} regels.`}</p>
            {loaded.length === 0 ? (
              <p className="utrecht-paragraph schakel-empty">Er staat niets in het logboek dat bij deze filters past.</p>
            ) : (
              <ol className="schakel-timeline">
                {loaded.map((entry) => (
                  <EntryItem key={entry.id} entry={entry} filters={filters} linkWith={linkWith} />
                ))}
              </ol>
            )}
            <AnnouncedLoadMore
              query={log}
              loaded={loaded.length}
              noun={["regel", "regels"]}
              end={loaded.length > 0 ? <p className="utrecht-paragraph schakel-muted">Dit zijn alle regels.</p> : null}
            />
          </>
        );
      }}
    </QueryState>
  );
}

function EntryItem({
  entry,
  filters,
  linkWith,
}: {
  entry: AccessLogEntry;
  filters: AccessLogFilters;
  linkWith: (change: Partial<AccessLogFilters>) => string;
}) {
  const residents = residentsOf(entry);
  const resident = entry.subjectId && residents.length === 1 ? residents[0] : undefined;
  return (
    <li className="schakel-timeline__item">
      <p className="utrecht-paragraph">
        <strong>{accessActionLabel(entry.action)}</strong>
      </p>
      <p className="utrecht-paragraph schakel-muted">
        {formatDateTime(entry.at)} · {actorLabel(entry.actor, entry.details)}
      </p>
      <p className="utrecht-paragraph">
        Over:{" "}
        {resident
          ? `inwoner ${shortId(resident)}`
          : residents.length > 1
            ? `${residents.length} inwoners (namen in een lijst met verwijzingen)`
            : subjectTypeLabel(entry.subjectType)}
        {entry.reason ? ` · Reden: ${reasonLabel(entry.reason)}` : null}
      </p>
      {resident || (entry.actor.user && !filters.person) ? (
        <ul className="schakel-button-list">
          {resident ? (
            <li>
              <Link to={`/privacy/inwoners/${resident}`} className="utrecht-link utrecht-link--html-a">
                Inzage en wissen<span className="schakel-visually-hidden"> voor inwoner {shortId(resident)}</span>
              </Link>
            </li>
          ) : null}
          {resident && filters.resident !== resident ? (
            <li>
              <Link to={linkWith({ resident })} className="utrecht-link utrecht-link--html-a">
                Alleen deze inwoner<span className="schakel-visually-hidden"> ({shortId(resident)})</span>
              </Link>
            </li>
          ) : null}
          {entry.actor.user && !filters.person ? (
            <li>
              <Link to={linkWith({ person: entry.actor.user.id })} className="utrecht-link utrecht-link--html-a">
                Alleen van {entry.actor.user.name}
              </Link>
            </li>
          ) : null}
        </ul>
      ) : null}
    </li>
  );
}
