import { type ReferralViewStatus, referralViewStatuses, referralViewStatusLabels } from "@schakel/core";
import { useInfiniteQuery } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router";
import { toProblem } from "../../api/problem";
import { referralQueries } from "../../api/referrals";
import { SelectField } from "../../components/form-field";
import { Page } from "../../components/page";
import { QueryError, QueryState } from "../../components/query-state";
import { formatDate, formatDateTime } from "../../lib/format";
import { statusBadgeClass, statusLabel } from "../../lib/referrals";
import { useSignedIn } from "../../lib/session";

type Box = "inbox" | "outbox";
type StatusFilter = "" | ReferralViewStatus;

const PAGE_SIZE = 25;

/** /verwijzingen?box=inbox|outbox: received or sent referrals, overdue first, with filters in the address. */
export function ReferralListPage() {
  const { membership } = useSignedIn();
  const [params, setParams] = useSearchParams();
  const box: Box = params.get("box") === "outbox" ? "outbox" : "inbox";
  const statusParam = params.get("status") ?? "";
  const status: StatusFilter = (referralViewStatuses as readonly string[]).includes(statusParam)
    ? (statusParam as ReferralViewStatus)
    : "";
  const overdue = params.get("overdue") === "true" ? "true" : "";
  const urgency = params.get("urgency") === "urgent" ? "urgent" : "";
  const organizationId = membership?.organizationId;
  const query = useInfiniteQuery(
    referralQueries.list({
      box,
      limit: PAGE_SIZE,
      ...(organizationId ? { organizationId } : {}),
      ...(status ? { status } : {}),
      ...(overdue ? { overdue: "true" as const } : {}),
      ...(urgency ? { urgency: "urgent" as const } : {}),
    }),
  );
  // A page after the first that failed is shown at "Meer laden", not as a stale list.
  const firstPages = { ...query, isError: query.isError && !query.isFetchNextPageError };

  function setFilter(key: string, value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  }

  const title = box === "inbox" ? "Ontvangen verwijzingen" : "Verstuurde verwijzingen";
  const statusOptions: { value: StatusFilter; label: string }[] = [
    { value: "", label: "Alle open verwijzingen" },
    ...referralViewStatuses
      .filter((s) => box === "outbox" || s !== "closed")
      .map((s) => ({ value: s as StatusFilter, label: referralViewStatusLabels[s] })),
  ];

  return (
    <Page title={title}>
      <nav aria-label="Verwijzingen" className="schakel-tabs">
        <Link to="/verwijzingen?box=inbox" className="schakel-tabs__link" aria-current={box === "inbox" ? "page" : undefined}>
          Ontvangen
        </Link>
        <Link to="/verwijzingen?box=outbox" className="schakel-tabs__link" aria-current={box === "outbox" ? "page" : undefined}>
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
                    {status || overdue || urgency
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
                            <span className="schakel-block schakel-muted">{item.service.name}</span>
                          </th>
                          <td className="utrecht-table__cell">{item.counterpart.name}</td>
                          <td className="utrecht-table__cell">
                            <span className="schakel-badges schakel-badges--inline">
                              <span className={statusBadgeClass(item.status)}>{statusLabel(item.status)}</span>
                              {item.overdue ? <span className="utrecht-status-badge schakel-flag">Te laat</span> : null}
                              {item.urgency === "urgent" ? (
                                <span className="utrecht-status-badge schakel-flag schakel-flag--urgent">Spoed</span>
                              ) : null}
                            </span>
                          </td>
                          <td className="utrecht-table__cell">{formatDate(item.dueDate)}</td>
                          <td className="utrecht-table__cell">{formatDateTime(item.lastMoveAt)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
              {query.hasNextPage && !query.isFetchNextPageError ? (
                <div className="schakel-more">
                  <button
                    type="button"
                    className="utrecht-button utrecht-button--secondary-action"
                    aria-disabled={query.isFetchingNextPage || undefined}
                    onClick={() => {
                      if (!query.isFetchingNextPage) void query.fetchNextPage();
                    }}
                  >
                    {query.isFetchingNextPage ? "Meer verwijzingen worden geladen…" : "Meer laden"}
                  </button>
                  <p className="utrecht-paragraph">
                    {items.length} van {total} getoond
                  </p>
                </div>
              ) : null}
              {query.isFetchNextPageError ? (
                <QueryError
                  problem={toProblem(query.error)}
                  retry={() => void query.fetchNextPage()}
                  busy={query.isFetchingNextPage}
                />
              ) : null}
            </>
          );
        }}
      </QueryState>
    </Page>
  );
}
