import { useCallback, useEffect, useRef, useState } from "react";
import { api, type Problem, run, type ServiceSearch, type ServiceSearchResult } from "../../lib/api";
import { apiQuery, filtersFromParams } from "./search-params";

export interface SearchResults {
  /** The search these results belong to (the normalised query string). */
  key: string;
  items: ServiceSearchResult[];
  meta: ServiceSearch["meta"];
}

interface SearchState {
  /** The last answer; stays on screen while the next search loads. */
  results: SearchResults | null;
  loading: boolean;
  problem: Problem | null;
  loadingMore: boolean;
  moreProblem: Problem | null;
}

const initial: SearchState = { results: null, loading: true, problem: null, loadingMore: false, moreProblem: null };

/**
 * Searches the sociale kaart for the filters in `key` (a query string from the address bar). A
 * newer search cancels the one before, so a late answer never replaces a newer one.
 */
export function useServiceSearch(key: string) {
  const [state, setState] = useState<SearchState>(initial);
  const [attempt, setAttempt] = useState(0);
  const more = useRef<AbortController | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: attempt is the retry trigger
  useEffect(() => {
    const controller = new AbortController();
    more.current?.abort();
    setState((s) => ({ ...s, loading: true, problem: null, loadingMore: false, moreProblem: null }));
    const query = apiQuery(filtersFromParams(new URLSearchParams(key)));
    void run(api.GET("/services", { params: { query }, signal: controller.signal })).then((result) => {
      if (controller.signal.aborted) return;
      if (result.ok) {
        setState({
          results: { key, items: result.data.data, meta: result.data.meta },
          loading: false,
          problem: null,
          loadingMore: false,
          moreProblem: null,
        });
      } else {
        setState((s) => ({ ...s, loading: false, problem: result.problem }));
      }
    });
    return () => controller.abort();
  }, [key, attempt]);

  useEffect(() => () => more.current?.abort(), []);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  /** Loads the next page; returns the first new result, to put focus on. */
  const loadMore = useCallback(async (): Promise<ServiceSearchResult | null> => {
    const current = state.results;
    const cursor = current?.meta.nextCursor;
    if (!current || !cursor || state.loadingMore || state.loading) return null;
    more.current?.abort();
    const controller = new AbortController();
    more.current = controller;
    setState((s) => ({ ...s, loadingMore: true, moreProblem: null }));
    const query = apiQuery(filtersFromParams(new URLSearchParams(current.key)), cursor);
    const result = await run(api.GET("/services", { params: { query }, signal: controller.signal }));
    if (controller.signal.aborted) return null;
    if (!result.ok) {
      setState((s) => ({ ...s, loadingMore: false, moreProblem: result.problem }));
      return null;
    }
    const known = new Set(current.items.map((r) => r.id));
    const added = result.data.data.filter((r) => !known.has(r.id));
    setState((s) =>
      s.results?.key === current.key
        ? {
            ...s,
            loadingMore: false,
            results: {
              ...s.results,
              items: [...s.results.items, ...added],
              meta: { ...s.results.meta, nextCursor: result.data.meta.nextCursor },
            },
          }
        : s,
    );
    return added[0] ?? null;
  }, [state.results, state.loadingMore, state.loading]);

  return { ...state, retry, loadMore };
}
