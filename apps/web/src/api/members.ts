import { infiniteQueryOptions, useQueryClient } from "@tanstack/react-query";
import { $api, api } from "./client";
import { cursorPaging } from "./cursor-pages";

const PAGE_SIZE = 25;

/** Every member list and member of every organisation starts with this key. */
const membersKey = ["get", "/organizations/{organizationId}/members"] as const;

export const memberQueries = {
  /** An organisation's members, sorted by name, page after page. */
  list: (organizationId: string) =>
    infiniteQueryOptions({
      queryKey: [
        ...$api.queryOptions("get", "/organizations/{organizationId}/members", {
          params: { path: { organizationId }, query: { limit: PAGE_SIZE } },
        }).queryKey,
        "pages",
      ] as const,
      queryFn: async ({ pageParam, signal }) => {
        const { data, error } = await api.GET("/organizations/{organizationId}/members", {
          params: { path: { organizationId }, query: { limit: PAGE_SIZE, cursor: pageParam } },
          signal,
        });
        if (error) throw error;
        return data;
      },
      ...cursorPaging,
    }),
};

function useInvalidateMembers() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: membersKey });
}

/** POST /organizations/{organizationId}/members: invite a colleague (or invite them again). */
export function useInviteMember() {
  const invalidate = useInvalidateMembers();
  return $api.useMutation("post", "/organizations/{organizationId}/members", { onSuccess: () => invalidate() });
}

/** PATCH /organizations/{organizationId}/members/{memberId}: a new role or status. */
export function useUpdateMember() {
  const invalidate = useInvalidateMembers();
  return $api.useMutation("patch", "/organizations/{organizationId}/members/{memberId}", { onSuccess: () => invalidate() });
}
