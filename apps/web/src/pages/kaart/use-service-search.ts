import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { pageItems } from "../../api/cursor-pages";
import { toProblem } from "../../api/problem";
import { serviceQueries } from "../../api/services";
import type { ServiceSearch, ServiceSearchResult } from "../../api/types";
import { apiQuery, filtersFromParams } from "./search-params";

export interface SearchResults {
  items: ServiceSearchResult[];
  /** The first page's meta (total, facets, corrections), with the last page's cursor. */
  meta: ServiceSearch["meta"];
}

/**
 * Searches the sociale kaart for the filters in `key` (a query string from the address bar): a
 * query keyed on the search, so a newer search never gets an older answer. While the next search
 * loads, the last results stay on screen.
 */
export function useServiceSearch(key: string) {
  const query = useInfiniteQuery({
    ...serviceQueries.search(apiQuery(filtersFromParams(new URLSearchParams(key)))),
    placeholderData: keepPreviousData,
  });
  const { data } = query;
  const first = data?.pages[0];
  const last = data?.pages.at(-1);
  const results: SearchResults | null =
    first && last ? { items: pageItems(data), meta: { ...first.meta, nextCursor: last.meta.nextCursor } } : null;
  const moreFailed = query.isFetchNextPageError;

  return {
    results,
    /** A new search is on its way (the results on screen, if any, are the last search's). */
    loading: query.isPending || query.isPlaceholderData,
    /** The search failed; with `results`, a refresh failed and what is shown may be out of date. */
    problem: query.isError && !moreFailed ? toProblem(query.error) : null,
    retrying: query.isFetching && !query.isFetchingNextPage,
    loadingMore: query.isFetchingNextPage,
    moreProblem: moreFailed ? toProblem(query.error) : null,
    retry: () => void query.refetch(),
    /** Loads the next page; returns the first new result, to put focus on. */
    async loadMore(): Promise<ServiceSearchResult | null> {
      if (!query.hasNextPage || query.isFetching || query.isPlaceholderData) return null;
      const known = new Set(results?.items.map((r) => r.id));
      const next = await query.fetchNextPage();
      return pageItems(next.data).find((r) => !known.has(r.id)) ?? null;
    },
  };
}
