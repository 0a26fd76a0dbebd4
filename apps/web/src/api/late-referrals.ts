import { infiniteQueryOptions } from "@tanstack/react-query";
import { api } from "./client";

/** How many late referrals a page holds. */
const PAGE_SIZE = 25;

export const lateReferralQueries = {
  /** The coordinator's "Te laat" list, longest late first, a page at a time ("Meer laden"). */
  list: () =>
    infiniteQueryOptions({
      queryKey: ["get", "/late-referrals", "pages"] as const,
      initialPageParam: null as string | null,
      queryFn: async ({ pageParam, signal }) => {
        const { data, error } = await api.GET("/late-referrals", {
          params: { query: { limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) } },
          signal,
        });
        if (error) throw error;
        return data;
      },
      getNextPageParam: (page) => page.meta.nextCursor ?? null,
    }),
};
