import type { Schemas } from "@schakel/api-client";
import {
  closedViewStatuses,
  expiryReasonLabels,
  outcomeLabels,
  type ReferralViewStatus,
  referralViewStatuses,
  referralViewStatusLabels,
} from "@schakel/core";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { Link, useSearchParams } from "react-router";
import { type ListQuery, referralQueries, useRecordOverviewVisit } from "../api/referrals";
import { SelectField } from "../components/form-field";
import { LoadMore } from "../components/load-more";
import { QueryState } from "../components/query-state";
import { formatDate, formatDateTime } from "../lib/format";
import { type ReferralSummary, referenceText, statusBadgeClass, statusLabel } from "../lib/referrals";

type Overview = Schemas["Overview"];

/** The groups of the overview, as the address names them (`/?overzicht=te-laat`). */
export const overviewGroups = ["gewijzigd", "te-laat", "suggestie", "open", "afgesloten", "alle"] as const;
export type OverviewGroup = (typeof overviewGroups)[number];

const groupLabels: Record<OverviewGroup, string> = {
  gewijzigd: "Nieuw sinds je vorige bezoek",
  "te-laat": "Te laat",
  suggestie: "Afgewezen met een voorstel",
  open: "Open",
  afgesloten: "Afgesloten",
  alle: "Alle",
};

const groupCount = (group: OverviewGroup, counts: Overview["counts"]): number =>
  ({
    gewijzigd: counts.changed,
    "te-laat": counts.overdue,
    suggestie: counts.suggestion,
    open: counts.open,
    afgesloten: counts.closed,
    alle: counts.all,
  })[group];

/** The outbox query behind a group (or one status), within each resident's feedback level (the API decides). */
export function overviewQuery(
  group: OverviewGroup,
  status: ReferralViewStatus | "",
  organizationId: string,
  lastVisitAt: string | null,
): ListQuery {
  const base: ListQuery = { box: "outbox", organizationId, limit: PAGE_SIZE };
  if (status) return { ...base, status };
  switch (group) {
    case "gewijzigd":
      return { ...base, status: [...referralViewStatuses], ...(lastVisitAt ? { changedSince: lastVisitAt } : {}) };
    case "te-laat":
      return { ...base, overdue: "true" };
    case "suggestie":
      return { ...base, status: "declined", suggestion: "true" };
    case "open":
      return base;
    case "afgesloten":
      return { ...base, status: [...closedViewStatuses] };
    case "alle":
      return { ...base, status: [...referralViewStatuses] };
  }
}

const PAGE_SIZE = 20;

/** The group to show first: what changed, when something did; else what is open. */
export function defaultGroup(overview: Overview): OverviewGroup {
  return overview.lastVisitAt && overview.counts.changed > 0 ? "gewijzigd" : "open";
}

/** How a closed referral ended, as far as the sender may know. */
export function endText(item: Pick<ReferralSummary, "status" | "outcome" | "expiryReason" | "suggestedService">): string | null {
  if (item.status === "expired") return item.expiryReason ? expiryReasonLabels[item.expiryReason] : "Niemand heeft gereageerd.";
  if (item.status === "declined")
    return item.suggestedService ? `De ontvanger stelt ${item.suggestedService.name} voor.` : "Zoek een andere dienst.";
  if (item.status === "completed" && item.outcome) return `Uitkomst: ${outcomeLabels[item.outcome].toLowerCase()}.`;
  if (item.status === "closed") return "Afgesloten. De inwoner koos ervoor dat je niet hoort hoe het afliep.";
  return null;
}

/** The start page's overview of the organisation's sent referrals. The visit is recorded once the counts are in. */
export function SenderOverview({ organizationId }: { organizationId: string }) {
  const overview = useQuery(referralQueries.overview(organizationId));
  const visit = useRecordOverviewVisit();
  const recorded = useRef<string | null>(null);
  useEffect(() => {
    if (overview.data && recorded.current !== organizationId) {
      recorded.current = organizationId;
      visit.mutate({});
    }
  }, [overview.data, organizationId, visit]);

  return (
    <section className="schakel-section" aria-labelledby="overzicht-titel">
      <h2 className="utrecht-heading-2" id="overzicht-titel">
        Jullie verstuurde verwijzingen
      </h2>
      <QueryState query={overview} loading="Het overzicht wordt geladen…">
        {(data) => <OverviewBody overview={data} organizationId={organizationId} />}
      </QueryState>
    </section>
  );
}

function OverviewBody({ overview, organizationId }: { overview: Overview; organizationId: string }) {
  const [params, setParams] = useSearchParams();
  const asked = params.get("overzicht");
  const group: OverviewGroup = (overviewGroups as readonly string[]).includes(asked ?? "")
    ? (asked as OverviewGroup)
    : defaultGroup(overview);
  const statusParam = params.get("status") ?? "";
  const status = (referralViewStatuses as readonly string[]).includes(statusParam) ? (statusParam as ReferralViewStatus) : "";
  const groups = overviewGroups.filter((g) => g !== "gewijzigd" || overview.lastVisitAt);

  function choose(next: { overzicht?: OverviewGroup; status?: string }) {
    const to = new URLSearchParams(params);
    if (next.overzicht) to.set("overzicht", next.overzicht);
    if (next.status !== undefined) {
      if (next.status) to.set("status", next.status);
      else to.delete("status");
    }
    setParams(to, { replace: true });
  }

  if (overview.counts.all === 0) {
    return (
      <div className="schakel-empty">
        <p className="utrecht-paragraph">Jullie hebben nog geen inwoners verwezen.</p>
        <p className="utrecht-paragraph">
          <Link to="/kaart" className="utrecht-link utrecht-link--html-a">
            Zoek hulp op de sociale kaart en verwijs een inwoner
          </Link>
        </p>
      </div>
    );
  }

  return (
    <>
      <p className="utrecht-paragraph">
        {overview.lastVisitAt
          ? overview.counts.changed === 0
            ? `Sinds je vorige bezoek (${formatDateTime(overview.lastVisitAt)}) is er niets veranderd.`
            : `Sinds je vorige bezoek (${formatDateTime(overview.lastVisitAt)}) ${overview.counts.changed === 1 ? "heeft 1 verwijzing" : `hebben ${overview.counts.changed} verwijzingen`} een nieuwe status.`
          : "Hier zie je wat er met jullie verwijzingen gebeurt."}
      </p>
      <nav aria-label="Overzicht van verwijzingen" className="schakel-tabs schakel-tabs--wrap">
        {groups.map((g) => (
          <Link
            key={g}
            to={`/?overzicht=${g}`}
            replace
            className="schakel-tabs__link"
            aria-current={!status && g === group ? "page" : undefined}
          >
            {groupLabels[g]} ({groupCount(g, overview.counts)})
          </Link>
        ))}
      </nav>
      <form className="schakel-list-filters" aria-label="Filter op status" onSubmit={(e) => e.preventDefault()}>
        <SelectField
          id="overzicht-status"
          name="status"
          label="Of kies één status"
          value={status}
          options={[
            { value: "" as const, label: "Geen: toon de groep hierboven" },
            ...referralViewStatuses.map((s) => ({ value: s, label: referralViewStatusLabels[s] })),
          ]}
          onChange={(v) => choose({ status: v })}
        />
      </form>
      <OverviewList
        query={overviewQuery(group, status, organizationId, overview.lastVisitAt)}
        heading={status ? referralViewStatusLabels[status] : groupLabels[group]}
      />
    </>
  );
}

function OverviewList({ query: listQuery, heading }: { query: ListQuery; heading: string }) {
  const query = useInfiniteQuery(referralQueries.list(listQuery));
  const firstPages = { ...query, isError: query.isError && !query.isFetchNextPageError };
  return (
    <QueryState query={firstPages} loading="De verwijzingen worden geladen…">
      {(data) => {
        const items = data.pages.flatMap((p) => p.data);
        const total = data.pages[0]?.meta.total ?? 0;
        return (
          <>
            <h3 className="utrecht-heading-3">
              {heading}: {total === 1 ? "1 verwijzing" : `${total} verwijzingen`}
            </h3>
            {items.length === 0 ? (
              <p className="utrecht-paragraph schakel-empty">Hier staan nu geen verwijzingen.</p>
            ) : (
              <ul className="schakel-overview" aria-label={heading}>
                {items.map((item) => (
                  <OverviewItem key={item.id} item={item} />
                ))}
              </ul>
            )}
            <LoadMore query={query} shown={items.length} total={total} />
          </>
        );
      }}
    </QueryState>
  );
}

function OverviewItem({ item }: { item: ReferralSummary }) {
  const end = endText(item);
  return (
    <li className={`schakel-overview__item${item.overdue ? " schakel-row--overdue" : ""}`}>
      <p className="utrecht-paragraph schakel-overview__title">
        <Link to={`/verwijzingen/${item.id}`} className="utrecht-link utrecht-link--html-a">
          {item.service.name} <span className="schakel-muted">({referenceText(item.reference)})</span>
        </Link>
      </p>
      <p className="utrecht-paragraph">
        {item.residentName ?? "Inwoner (naam niet zichtbaar)"} · {item.counterpart.name}
      </p>
      <p className="schakel-badges schakel-badges--inline">
        <span className={statusBadgeClass(item.status)}>{statusLabel(item.status)}</span>
        {item.overdue ? <span className="utrecht-status-badge schakel-flag">Te laat</span> : null}
        {item.urgency === "urgent" ? <span className="utrecht-status-badge schakel-flag schakel-flag--urgent">Spoed</span> : null}
      </p>
      {end ? <p className="utrecht-paragraph">{end}</p> : null}
      <p className="utrecht-paragraph schakel-muted">
        {item.overdue
          ? `Reactie had er uiterlijk ${formatDate(item.dueDate)} moeten zijn.`
          : `Laatste wijziging ${formatDateTime(item.lastMoveAt)}.`}
      </p>
      {item.status === "declined" && item.suggestedService ? (
        <p className="utrecht-paragraph">
          <Link
            to={referAgainPath(item.suggestedService.id, item.id)}
            className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action"
          >
            Verwijs naar {item.suggestedService.name}
          </Link>
        </p>
      ) : null}
    </li>
  );
}

/** The refer flow for a follow-up: the suggested service, with the declined referral to reuse. */
export const referAgainPath = (serviceId: string, previousReferralId: string) =>
  `/kaart/diensten/${serviceId}/verwijzen?vorige=${previousReferralId}`;
