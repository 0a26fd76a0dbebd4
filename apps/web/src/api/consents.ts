import type { Schemas } from "@schakel/api-client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { $api, api } from "./client";

/** A resident's consents, and recording or withdrawing one. */
export const consentQueries = {
  ofResident: (residentId: string) =>
    $api.queryOptions("get", "/residents/{residentId}/consents", { params: { path: { residentId } } }),
};

export function useCreateConsent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ residentId, body }: { residentId: string; body: Schemas["ConsentCreate"] }) => {
      const { data, error } = await api.POST("/residents/{residentId}/consents", { params: { path: { residentId } }, body });
      if (error) throw error;
      return data;
    },
    onSuccess: (_, { residentId }) =>
      queryClient.invalidateQueries({
        queryKey: ["get", "/residents/{residentId}/consents", { params: { path: { residentId } } }],
      }),
  });
}

/**
 * Withdrawing consent. It closes the open referrals that rest on it and hides the resident from
 * the receiver, so every referral query is asked again, not only the consent.
 */
export function useWithdrawConsent(residentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ consentId, body }: { consentId: string; body: Schemas["ConsentWithdrawal"] }) => {
      const { data, error } = await api.POST("/consents/{consentId}/withdrawal", { params: { path: { consentId } }, body });
      if (error) throw error;
      return data;
    },
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({
          queryKey: ["get", "/residents/{residentId}/consents", { params: { path: { residentId } } }],
        }),
        queryClient.invalidateQueries({
          predicate: (q) => typeof q.queryKey[1] === "string" && q.queryKey[1].startsWith("/referrals"),
        }),
      ]),
  });
}
