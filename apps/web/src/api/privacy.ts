import type { paths } from "@schakel/api-client";
import { infiniteQueryOptions, useQueryClient } from "@tanstack/react-query";
import { $api, api } from "./client";

/**
 * The privacy tools of an organisation's admins: the access log, a resident's inzage export and
 * erasure. Keys follow openapi-react-query's [method, path, init], so invalidating
 * ["get", "/access-log"] reaches every page of every filtered log.
 */

/** What the log is filtered on at the API; the cursor and page size are added here. */
export type AccessLogQuery = Omit<NonNullable<paths["/access-log"]["get"]["parameters"]["query"]>, "cursor" | "limit">;

const PAGE_SIZE = 50;

export const privacyQueries = {
  /**
   * The access log, newest first, a page at a time ("Meer laden"). Reading it is itself logged,
   * once per page fetched, so it is not fetched again by itself when the window gets focus.
   */
  accessLog: (query: AccessLogQuery) =>
    infiniteQueryOptions({
      refetchOnWindowFocus: false,
      queryKey: ["get", "/access-log", { params: { query } }, "pages"] as const,
      initialPageParam: null as string | null,
      queryFn: async ({ pageParam, signal }) => {
        const { data, error } = await api.GET("/access-log", {
          params: { query: { ...query, limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) } },
          signal,
        });
        if (error) throw error;
        return data;
      },
      getNextPageParam: (page) => page.meta.nextCursor ?? null,
    }),

  /**
   * Everything Schakel holds about a resident. Every load is written to the access log, so it is
   * loaded once per visit of the page: not again on focus or after a while.
   */
  export: (residentId: string) =>
    $api.queryOptions(
      "get",
      "/residents/{residentId}/export",
      { params: { path: { residentId } } },
      { staleTime: Number.POSITIVE_INFINITY, refetchOnWindowFocus: false, retry: false },
    ),
};

/** Erase a resident's personal data. Afterwards the inzage shows the anonymous record and the log the erasure. */
export function useEraseResident() {
  const queryClient = useQueryClient();
  return $api.useMutation("post", "/residents/{residentId}/erasure", {
    onSuccess: async (_data, variables) => {
      await Promise.all([
        queryClient.invalidateQueries({
          queryKey: privacyQueries.export(variables.params.path.residentId).queryKey,
        }),
        queryClient.invalidateQueries({ queryKey: ["get", "/access-log"] }),
        // Referral lists and pages name the resident; after erasure they no longer may.
        queryClient.invalidateQueries({ queryKey: ["get", "/referrals"] }),
        queryClient.invalidateQueries({ queryKey: ["get", "/referrals/{referralId}"] }),
      ]);
    },
  });
}
