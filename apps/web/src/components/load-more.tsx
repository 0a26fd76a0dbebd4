import { type ReactNode, useState } from "react";
import { toProblem } from "../api/problem";
import { LiveRegion } from "./alert";
import { QueryError } from "./query-state";

/** What LoadMore needs of an infinite query (TanStack Query's useInfiniteQuery result). */
interface NextPages {
  hasNextPage: boolean;
  isFetchNextPageError: boolean;
  isFetchingNextPage: boolean;
  error: unknown;
  fetchNextPage: () => Promise<unknown>;
}

/**
 * "Meer laden" under a paged referral list, with how many of how many are shown; a next page
 * that failed is an error with a retry here, not a stale list.
 */
export function LoadMore({ query, shown, total }: { query: NextPages; shown: number; total: number }) {
  return (
    <>
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
            {shown} van {total} getoond
          </p>
        </div>
      ) : null}
      {query.isFetchNextPageError ? (
        <QueryError problem={toProblem(query.error)} retry={() => void query.fetchNextPage()} busy={query.isFetchingNextPage} />
      ) : null}
    </>
  );
}

/** What AnnouncedLoadMore needs of an infinite query whose pages are `{ data: [...] }`. */
interface PagedList {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<{ isError: boolean; data?: { pages: { data: unknown[] }[] } }>;
}

/**
 * "Meer laden" under a list without a total (logs, late referrals): how many came in is announced
 * politely ("3 regels erbij geladen."); on the last page `end` takes the button's place.
 */
export function AnnouncedLoadMore({
  query,
  loaded,
  noun,
  end,
}: {
  query: PagedList;
  loaded: number;
  /** The thing listed, one and many: ["regel", "regels"]. */
  noun: readonly [string, string];
  end?: ReactNode;
}) {
  const [announced, setAnnounced] = useState<string | null>(null);
  return (
    <>
      <LiveRegion>{announced ? <p className="utrecht-paragraph">{announced}</p> : null}</LiveRegion>
      {query.hasNextPage ? (
        <div className="schakel-more">
          <button
            type="button"
            className="utrecht-button utrecht-button--secondary-action"
            aria-disabled={query.isFetchingNextPage || undefined}
            onClick={async () => {
              if (query.isFetchingNextPage) return;
              setAnnounced(null);
              const result = await query.fetchNextPage();
              const added = (result.data?.pages.flatMap((page) => page.data).length ?? loaded) - loaded;
              if (!result.isError) setAnnounced(`${added} ${added === 1 ? noun[0] : noun[1]} erbij geladen.`);
            }}
          >
            {query.isFetchingNextPage ? "Bezig met laden…" : "Meer laden"}
          </button>
        </div>
      ) : (
        end
      )}
    </>
  );
}
