import {
  awaitsFirstResponse,
  closedViewStatuses,
  type ReferralViewStatus,
  referralViewStatuses,
  statusLabelFor,
} from "@schakel/core";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router";
import { toProblem } from "../../api/problem";
import { referralQueries, useAssignReferral } from "../../api/referrals";
import { SelectField } from "../../components/form-field";
import { LoadMore } from "../../components/load-more";
import { Page } from "../../components/page";
import { QueryState } from "../../components/query-state";
import { formatDate, formatDateTime } from "../../lib/format";
import { type ReferralSummary, referenceText, statusBadgeClass } from "../../lib/referrals";
import { useSignedIn } from "../../lib/session";

type Box = "inbox" | "outbox";
/** "" the open ones (the work still to do), "alle" every status, "afgesloten" the closed ones, or one status. */
type StatusFilter = "" | "alle" | "afgesloten" | ReferralViewStatus;

/** The box a page without `?box=` opens on: a worker who sends more than receives sees their sent ones. */
export function defaultBox(receives: boolean): Box {
  return receives ? "inbox" : "outbox";
}

/** The status filter as the API takes it. */
export function statusQuery(status: StatusFilter, box: Box): ReferralViewStatus[] | undefined {
  if (status === "") return undefined;
  if (status === "alle") return referralViewStatuses.filter((s) => box === "outbox" || s !== "closed");
  if (status === "afgesloten") return closedViewStatuses.filter((s) => box === "outbox" || s !== "closed");
  return [status];
}

const PAGE_SIZE = 25;

/** /verwijzingen?box=inbox|outbox: received or sent referrals, overdue first, with filters in the address. */
export function ReferralListPage() {
  const { membership } = useSignedIn();
  const [params, setParams] = useSearchParams();
  const organizationId = membership?.organizationId;
  // Does the organisation receive referrals at all? One inbox item is enough to know.
  const receives = useInfiniteQuery({
    ...referralQueries.list({
      box: "inbox",
      limit: 1,
      status: [...referralViewStatuses.filter((s) => s !== "closed")],
      ...(organizationId ? { organizationId } : {}),
    }),
    enabled: !params.get("box"),
  });
  const boxParam = params.get("box");
  const box: Box =
    boxParam === "outbox" || boxParam === "inbox"
      ? boxParam
      : defaultBox(receives.data ? (receives.data.pages[0]?.meta.total ?? 0) > 0 : true);
  const statusParam = params.get("status") ?? "";
  const status: StatusFilter =
    statusParam === "alle" || statusParam === "afgesloten" || (referralViewStatuses as readonly string[]).includes(statusParam)
      ? (statusParam as StatusFilter)
      : "";
  const assignedParam = params.get("toegewezen") ?? "";
  const assignedTo = box === "inbox" ? assignedParam : "";
  const overdue = params.get("overdue") === "true" ? "true" : "";
  const urgency = params.get("urgency") === "urgent" ? "urgent" : "";
  const statuses = statusQuery(status, box);
  const colleagues = useQuery({
    ...referralQueries.colleagues(organizationId ?? ""),
    enabled: Boolean(organizationId) && box === "inbox",
  });
  const query = useInfiniteQuery({
    ...referralQueries.list({
      box,
      limit: PAGE_SIZE,
      ...(organizationId ? { organizationId } : {}),
      ...(statuses ? { status: statuses } : {}),
      ...(assignedTo ? { assignedTo } : {}),
      ...(overdue ? { overdue: "true" as const } : {}),
      ...(urgency ? { urgency: "urgent" as const } : {}),
    }),
    // Without ?box= the page waits until it knows which box to open.
    enabled: Boolean(boxParam) || !receives.isPending,
  });
  // A page after the first that failed is shown at "Meer laden", not as a stale list.
  const firstPages = { ...query, isError: query.isError && !query.isFetchNextPageError };

  function setFilter(key: string, value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  }

  const title = box === "inbox" ? "Ontvangen verwijzingen" : "Verstuurde verwijzingen";
  const side = box === "inbox" ? "receiver" : "sender";
  const statusOptions: { value: StatusFilter; label: string }[] = [
    { value: "", label: "Alle open verwijzingen" },
    { value: "alle", label: "Alle verwijzingen" },
    { value: "afgesloten", label: "Alle afgesloten verwijzingen" },
    // The receiver calls sent and received both "Nieuw": one option for the two.
    ...referralViewStatuses
      .filter((s) => box === "outbox" || (s !== "closed" && s !== "received"))
      .map((s) => ({ value: s as StatusFilter, label: statusLabelFor(side, s) })),
  ];
  const assigneeOptions = [
    { value: "", label: "Iedereen" },
    { value: "me", label: "Aan mij" },
    { value: "none", label: "Niet toegewezen" },
    ...(colleagues.data?.data ?? []).map((c) => ({ value: c.id, label: c.name })),
  ];

  return (
    <Page title={title}>
      <nav aria-label="Verwijzingen" className="schakel-tabs">
        <Link
          to="/verwijzingen?box=inbox"
          replace
          className="schakel-tabs__link"
          aria-current={box === "inbox" ? "page" : undefined}
        >
          Ontvangen
        </Link>
        <Link
          to="/verwijzingen?box=outbox"
          replace
          className="schakel-tabs__link"
          aria-current={box === "outbox" ? "page" : undefined}
        >
          Verstuurd
        </Link>
      </nav>
      <form className="schakel-list-filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
        <SelectField
          id="filter-status"
          name="status"
          label="Status"
          value={status}
          options={statusOptions}
          onChange={(v) => setFilter("status", v)}
        />
        {box === "inbox" ? (
          <SelectField
            id="filter-toegewezen"
            name="toegewezen"
            label="Toegewezen aan"
            value={assignedTo}
            options={assigneeOptions}
            onChange={(v) => setFilter("toegewezen", v)}
          />
        ) : null}
        <SelectField
          id="filter-te-laat"
          name="overdue"
          label="Te laat"
          value={overdue}
          options={[
            { value: "" as const, label: "Alle" },
            { value: "true" as const, label: "Alleen te laat" },
          ]}
          onChange={(v) => setFilter("overdue", v)}
        />
        <SelectField
          id="filter-spoed"
          name="urgency"
          label="Spoed"
          value={urgency}
          options={[
            { value: "" as const, label: "Alle" },
            { value: "urgent" as const, label: "Alleen spoed" },
          ]}
          onChange={(v) => setFilter("urgency", v)}
        />
      </form>

      <QueryState query={firstPages} loading="De verwijzingen worden geladen…">
        {(data) => {
          const items = data.pages.flatMap((page) => page.data);
          const total = data.pages[0]?.meta.total ?? 0;
          return (
            <>
              <p className="utrecht-paragraph" role="status">
                {total === 1 ? "1 verwijzing" : `${total} verwijzingen`}
              </p>
              {items.length === 0 ? (
                <div className="schakel-empty">
                  <p className="utrecht-paragraph">
                    {status || overdue || urgency || assignedTo
                      ? "Geen verwijzingen met deze filters. Kies andere filters."
                      : box === "inbox"
                        ? "Er zijn geen open verwijzingen voor je organisatie. Nieuwe verwijzingen komen hier binnen."
                        : "Je organisatie heeft geen open verwijzingen verstuurd."}
                  </p>
                  {box === "outbox" ? (
                    <p className="utrecht-paragraph">
                      <Link to="/kaart" className="utrecht-link utrecht-link--html-a">
                        Zoek hulp op de sociale kaart en verwijs een inwoner
                      </Link>
                    </p>
                  ) : null}
                </div>
              ) : (
                <div className="schakel-table-scroll">
                  <table className="utrecht-table schakel-referrals">
                    <caption className="schakel-visually-hidden">{title}, te laat eerst</caption>
                    <thead className="utrecht-table__header">
                      <tr className="utrecht-table__row">
                        <th className="utrecht-table__header-cell" scope="col">
                          Inwoner
                        </th>
                        <th className="utrecht-table__header-cell" scope="col">
                          {box === "inbox" ? "Van" : "Naar"}
                        </th>
                        <th className="utrecht-table__header-cell" scope="col">
                          Status
                        </th>
                        {box === "inbox" ? (
                          <th className="utrecht-table__header-cell" scope="col">
                            Toegewezen aan
                          </th>
                        ) : null}
                        <th className="utrecht-table__header-cell" scope="col">
                          Reactie uiterlijk
                        </th>
                        <th className="utrecht-table__header-cell" scope="col">
                          Laatste wijziging
                        </th>
                      </tr>
                    </thead>
                    <tbody className="utrecht-table__body">
                      {items.map((item) => (
                        <tr key={item.id} className={`utrecht-table__row${item.overdue ? " schakel-row--overdue" : ""}`}>
                          <th className="utrecht-table__header-cell" scope="row">
                            <Link to={`/verwijzingen/${item.id}`} className="utrecht-link utrecht-link--html-a">
                              {item.residentName ?? "Inwoner (naam niet zichtbaar)"}
                            </Link>
                            <span className="schakel-block schakel-muted">
                              {item.service.name} ({referenceText(item.reference)})
                            </span>
                          </th>
                          <td className="utrecht-table__cell">{item.counterpart.name}</td>
                          <td className="utrecht-table__cell">
                            <span className="schakel-badges schakel-badges--inline">
                              <span className={statusBadgeClass(item.status)}>{statusLabelFor(side, item.status)}</span>
                              {item.overdue ? <span className="utrecht-status-badge schakel-flag">Te laat</span> : null}
                              {item.urgency === "urgent" ? (
                                <span className="utrecht-status-badge schakel-flag schakel-flag--urgent">Spoed</span>
                              ) : null}
                            </span>
                          </td>
                          {box === "inbox" ? (
                            <td className="utrecht-table__cell">
                              <AssignCell item={item} colleagues={colleagues.data?.data ?? []} />
                            </td>
                          ) : null}
                          <td className="utrecht-table__cell">
                            {awaitsFirstResponse(item.status) ? formatDate(item.dueDate) : "Gereageerd"}
                          </td>
                          <td className="utrecht-table__cell">{formatDateTime(item.lastMoveAt)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
              <LoadMore query={query} shown={items.length} total={total} />
            </>
          );
        }}
      </QueryState>
    </Page>
  );
}

/**
 * Who has the referral, and a choice to give it to a colleague (or take it). The list item has no
 * version, so the referral is read first for its ETag; a change in between is a 412, said here.
 */
function AssignCell({ item, colleagues }: { item: ReferralSummary; colleagues: { id: string; name: string }[] }) {
  const assign = useAssignReferral(item.id);
  const detail = useQuery({ ...referralQueries.detail(item.id), enabled: false });
  const closed = (closedViewStatuses as readonly string[]).includes(item.status);
  const current = item.assignee?.id ?? "";
  if (closed || colleagues.length === 0) return <>{item.assignee?.name ?? "Niemand"}</>;
  const options = [
    { value: "", label: "Niemand" },
    ...colleagues.map((c) => ({ value: c.id, label: c.name })),
    ...(item.assignee && !colleagues.some((c) => c.id === item.assignee?.id)
      ? [{ value: item.assignee.id, label: item.assignee.name }]
      : []),
  ];
  return (
    <>
      <label className="schakel-visually-hidden" htmlFor={`toewijzen-${item.id}`}>
        Toewijzen: {item.service.name} ({referenceText(item.reference)})
      </label>
      <select
        id={`toewijzen-${item.id}`}
        className="utrecht-select utrecht-select--html-select"
        value={current}
        aria-disabled={assign.isPending || undefined}
        onChange={async (e) => {
          if (assign.isPending) return;
          const chosen = e.target.value || null;
          const fresh = await detail.refetch();
          if (!fresh.data) return;
          assign.mutate({ ifMatch: `"${fresh.data.version}"`, assignedUserId: chosen });
        }}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {assign.isError ? (
        <span className="schakel-block" role="alert">
          {toProblem(assign.error).detail}
        </span>
      ) : assign.isSuccess ? (
        <span className="schakel-block" role="status">
          Toegewezen.
        </span>
      ) : null}
    </>
  );
}
