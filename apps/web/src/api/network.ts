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
