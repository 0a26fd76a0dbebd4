import type { paths } from "@schakel/api-client";
import { SECURITY_LOG_RETENTION_DAYS, type SecurityEventKind, securityEventKindLabels, securityEventKinds } from "@schakel/core";
import { useInfiniteQuery } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router";
import { securityLogQueries } from "../../api/network";
import { FormField } from "../../components/form-field";
import { InvalidFilters } from "../../components/invalid-filters";
import { AnnouncedLoadMore } from "../../components/load-more";
import { LogFilterPanel, LogFilterText } from "../../components/log-filters";
import { NotAllowed } from "../../components/not-allowed";
import { Page } from "../../components/page";
import { QueryState } from "../../components/query-state";
import { fieldId } from "../../forms/error-summary-items";
import { FormErrorSummary } from "../../forms/form-error-summary";
import { useZodForm } from "../../forms/use-zod-form";
import { formatDateTime } from "../../lib/format";
import { useSignedIn } from "../../lib/session";
import {
  readSecurityLogFilters,
  type SecurityLogFilters,
  securityLogFilterSchema,
  securityLogQuery,
  writeSecurityLogFilters,
} from "./security-log-filters";

type SecurityEvent = paths["/security-log"]["get"]["responses"][200]["content"]["application/json"]["data"][number];

const TITLE = "Beveiligingslog";
const PATH = "/netwerk/beveiligingslog";

/** What an answer's status means, in plain Dutch. */
const statusLabels: Record<number, string> = {
  401: "niet ingelogd of inloggen mislukt",
  403: "geen toegang",
  404: "niet gevonden of niet van jou",
  429: "te veel pogingen",
};

/** /netwerk/beveiligingslog: refusals and failed sign-ins across the network, for its admins (ADR 0025). */
export function SecurityLogPage() {
  const { me } = useSignedIn();
  if (!me.networkAdmin) {
    return (
      <NotAllowed title={TITLE}>
        Alleen netwerkbeheerders kunnen het beveiligingslog zien. Dat is meestal de regie van de gemeente.
      </NotAllowed>
    );
  }
  return <SecurityLog />;
}

function SecurityLog() {
  const [search, setSearch] = useSearchParams();
  const filters = readSecurityLogFilters(search);
  const query = securityLogQuery(filters);
  return (
    <Page title={TITLE} heading="Beveiligingslog van het netwerk">
      <p className="utrecht-paragraph">
        Hier zie je wat Schakel heeft geweigerd. Bijvoorbeeld: iemand wilde gegevens zien van een andere organisatie, een verzoek
        kwam van een andere website, of inloggen ging mis. Het nieuwste staat bovenaan.
      </p>
      <p className="utrecht-paragraph">
        Er staan geen gegevens van inwoners in. Ook het adres dat iemand opvroeg staat er niet in, alleen het soort adres. Van het
        internetadres van de computer zie je alleen een code: hetzelfde adres geeft dezelfde code. Schakel bewaart dit{" "}
        {SECURITY_LOG_RETENTION_DAYS} dagen.
      </p>
      <p className="utrecht-paragraph">
        <Link to="/netwerk" className="utrecht-link utrecht-link--html-a">
          Terug naar de organisaties in het netwerk
        </Link>
      </p>

      <FilterForm key={search.toString()} filters={filters} onApply={(next) => setSearch(writeSecurityLogFilters(next))} />

      <section aria-labelledby="gebeurtenissen-titel" className="schakel-section">
        <h2 className="utrecht-heading-2" id="gebeurtenissen-titel">
          Gebeurtenissen
        </h2>
        {query ? <Events query={query} /> : <InvalidFilters error={securityLogFilterSchema.safeParse(filters).error} />}
      </section>
    </Page>
  );
}

const labels = { kind: "Soort", from: "Van", to: "Tot en met" } as const;

/** The filters; applying them changes the address (so Back returns to the previous ones). */
function FilterForm({ filters, onApply }: { filters: SecurityLogFilters; onApply: (filters: SecurityLogFilters) => void }) {
  const form = useZodForm(securityLogFilterSchema, { defaultValues: filters });
  const { errors } = form.formState;
  const date = (name: "from" | "to", description: string) => (
    <LogFilterText
      name={name}
      label={labels[name]}
      description={description}
      error={errors[name]?.message}
      registration={form.register(name)}
      short
    />
  );
  return (
    <LogFilterPanel
      active={Object.values(filters).some((v) => v.trim() !== "")}
      clearTo={PATH}
      onSubmit={form.handleSubmit((values) => onApply(values))}
    >
      <FormErrorSummary formState={form.formState} labels={labels} />
      <FormField id={fieldId("kind")} label={labels.kind} error={errors.kind?.message}>
        {({ invalidClass, ...aria }) => (
          <select
            {...aria}
            {...form.register("kind")}
            className={`utrecht-select utrecht-select--html-select${invalidClass ? " utrecht-select--invalid" : ""}`}
          >
            <option value="">Alle soorten</option>
            {securityEventKinds.map((kind) => (
              <option key={kind} value={kind}>
                {securityEventKindLabels[kind]}
              </option>
            ))}
          </select>
        )}
      </FormField>
      {date("from", "Dag-maand-jaar, bijvoorbeeld 1-11-2026.")}
      {date("to", "Dag-maand-jaar. Deze dag telt mee.")}
    </LogFilterPanel>
  );
}

function Events({ query }: { query: NonNullable<ReturnType<typeof securityLogQuery>> }) {
  const log = useInfiniteQuery(securityLogQueries.events(query));
  return (
    <QueryState query={log} loading="Het beveiligingslog wordt geladen…">
      {(data) => {
        const loaded = data.pages.flatMap((page) => page.data);
        return (
          <>
            {loaded.length === 0 ? (
              <p className="utrecht-paragraph schakel-empty">
                {Object.keys(query).length > 0
                  ? "Er is niets gebeurd dat bij deze filters past."
                  : "Er is nog niets geweigerd. Zodra Schakel iets weigert, zie je het hier."}
              </p>
            ) : (
              <>
                <p className="utrecht-paragraph">{loaded.length === 1 ? "1 gebeurtenis." : `${loaded.length} gebeurtenissen.`}</p>
                <ol className="schakel-timeline" aria-labelledby="gebeurtenissen-titel">
                  {loaded.map((event) => (
                    <EventItem key={event.id} event={event} />
                  ))}
                </ol>
              </>
            )}
            <AnnouncedLoadMore
              query={log}
              loaded={loaded.length}
              noun={["gebeurtenis", "gebeurtenissen"]}
              end={loaded.length > 0 ? <p className="utrecht-paragraph schakel-muted">Dit zijn alle gebeurtenissen.</p> : null}
            />
          </>
        );
      }}
    </QueryState>
  );
}

function EventItem({ event }: { event: SecurityEvent }) {
  const who = event.user ? `${event.user.name}${event.organization ? ` (${event.organization.name})` : ""}` : "Niemand ingelogd";
  const status = statusLabels[event.status];
  return (
    <li className="schakel-timeline__item">
      <p className="utrecht-paragraph">
        <strong>{securityEventKindLabels[event.kind as SecurityEventKind] ?? event.kind}</strong>
      </p>
      <p className="utrecht-paragraph schakel-muted">
        {formatDateTime(event.at)} · {who}
      </p>
      <p className="utrecht-paragraph">
        Verzoek: <code>{`${event.method} ${event.route}`}</code> · Antwoord: {event.status}
        {status ? ` (${status})` : null}
      </p>
      <p className="utrecht-paragraph schakel-muted">
        Code van het internetadres: <code>{event.addressHash.slice(0, 12)}</code> · Meldnummer: <code>{event.requestId}</code>
      </p>
    </li>
  );
}
