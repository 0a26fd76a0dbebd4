import { useQueryClient } from "@tanstack/react-query";
import { $api } from "./client";

const listKey = ["get", "/api-tokens"] as const;

/** The organisation's API tokens (koppelingen), for its admins: never the token itself. */
export const apiTokenQueries = {
  list: (organizationId: string) => $api.queryOptions("get", "/api-tokens", { params: { query: { organizationId } } }),
};

/** POST /api-tokens: the answer carries the token, once. */
export function useCreateApiToken() {
  const queryClient = useQueryClient();
  return $api.useMutation("post", "/api-tokens", { onSuccess: () => queryClient.invalidateQueries({ queryKey: listKey }) });
}

/** DELETE /api-tokens/{tokenId}: revoked at once; it stays on the list as revoked. */
export function useRevokeApiToken() {
  const queryClient = useQueryClient();
  return $api.useMutation("delete", "/api-tokens/{tokenId}", {
    onSuccess: () => queryClient.invalidateQueries({ queryKey: listKey }),
  });
}
