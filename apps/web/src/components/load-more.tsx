import { toProblem } from "../api/problem";
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
