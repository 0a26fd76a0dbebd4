import type { paths } from "@schakel/api-client";
import { infiniteQueryOptions, queryOptions, useQueryClient } from "@tanstack/react-query";
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
   * Everything the organisation holds about a resident (AVG art. 15), made by an admin for a
   * reason, which the API logs with it. Every load is a new entry in the access log, so it is made
   * once per reason: not again on focus or after a while (erasing makes it again, to show what is left).
   */
  completeExport: (residentId: string, reason: string) =>
    queryOptions({
      queryKey: ["post", "/residents/{residentId}/complete-exports", { params: { path: { residentId } } }, reason] as const,
      queryFn: async ({ signal }) => {
        const { data, error } = await api.POST("/residents/{residentId}/complete-exports", {
          params: { path: { residentId } },
          body: { reason },
          signal,
        });
        if (error) throw error;
        return data;
      },
      staleTime: Number.POSITIVE_INFINITY,
      refetchOnWindowFocus: false,
      retry: false,
    }),
};

/** Erase a resident's personal data. Afterwards the inzage shows the anonymous record and the log the erasure. */
export function useEraseResident() {
  const queryClient = useQueryClient();
  return $api.useMutation("post", "/residents/{residentId}/erasure", {
    onSuccess: async (_data, variables) => {
      await Promise.all([
        queryClient.invalidateQueries({
          queryKey: ["post", "/residents/{residentId}/complete-exports", { params: { path: variables.params.path } }],
        }),
        queryClient.invalidateQueries({ queryKey: ["get", "/access-log"] }),
        // Referral lists and pages name the resident; after erasure they no longer may.
        queryClient.invalidateQueries({ queryKey: ["get", "/referrals"] }),
        queryClient.invalidateQueries({ queryKey: ["get", "/referrals/{referralId}"] }),
      ]);
    },
  });
}
