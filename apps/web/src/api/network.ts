import type { paths } from "@schakel/api-client";
import { infiniteQueryOptions, useQueryClient } from "@tanstack/react-query";
import { $api, api } from "./client";
import { cursorPaging } from "./cursor-pages";

const PAGE_SIZE = 50;
const organizationsKey = ["get", "/organizations"] as const;

/** The network's organizations (the public list), by name, page after page. */
export const networkQueries = {
  organizations: () =>
    infiniteQueryOptions({
      queryKey: [...organizationsKey, "network", "pages"] as const,
      queryFn: async ({ pageParam, signal }) => {
        const { data, error } = await api.GET("/organizations", {
          params: { query: { limit: PAGE_SIZE, cursor: pageParam } },
          signal,
        });
        if (error) throw error;
        return data;
      },
      ...cursorPaging,
    }),
};

/** POST /organizations: a network admin adds an organization and invites its first admin. */
export function useCreateOrganization() {
  const queryClient = useQueryClient();
  return $api.useMutation("post", "/organizations", {
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organizationsKey }),
  });
}

/** PUT /organizations/{id}/partner-light: a network admin lets an organization work without an account (ADR 0029). */
export function useSetOrganizationPartnerLight() {
  const queryClient = useQueryClient();
  return $api.useMutation("put", "/organizations/{organizationId}/partner-light", {
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organizationsKey }),
  });
}

/** What the security log is filtered on at the API; the cursor and page size are added here. */
export type SecurityLogQuery = Omit<NonNullable<paths["/security-log"]["get"]["parameters"]["query"]>, "cursor" | "limit">;

/** The security log (network admins only, ADR 0025), newest first, a page at a time ("Meer laden"). */
export const securityLogQueries = {
  events: (query: SecurityLogQuery) =>
    infiniteQueryOptions({
      queryKey: ["get", "/security-log", { params: { query } }, "pages"] as const,
      queryFn: async ({ pageParam, signal }) => {
        const { data, error } = await api.GET("/security-log", {
          params: { query: { ...query, limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) } },
          signal,
        });
        if (error) throw error;
        return data;
      },
      ...cursorPaging,
    }),
};
