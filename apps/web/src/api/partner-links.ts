import type { components } from "@schakel/api-client";
import { queryOptions, useMutation } from "@tanstack/react-query";
import { api } from "./client";

export type PartnerLink = components["schemas"]["PartnerLink"];
export type PartnerLinkMove = components["schemas"]["PartnerLinkMove"];

/** The link's token goes in a header, never in the URL (ADR 0029). */
const linkHeader = (token: string) => ({ header: { "partner-link": token } });

export const partnerLinkQueries = {
  /**
   * What the link shows. Read once: every view is logged for the receiver, and after a step the
   * link is stale, so it is not fetched again by itself (focus, reconnect).
   */
  view: (token: string) =>
    queryOptions({
      queryKey: ["get", "/partner-link", token] as const,
      queryFn: async ({ signal }) => {
        const { data, error } = await api.GET("/partner-link", { params: linkHeader(token), signal });
        if (error) throw error;
        return data;
      },
      staleTime: Number.POSITIVE_INFINITY,
      refetchOnWindowFocus: false,
      refetchOnReconnect: false,
      retry: false,
    }),
};

/** POST /partner-link/moves: one step with the link. */
export function usePartnerLinkMove(token: string) {
  return useMutation({
    mutationFn: async (body: PartnerLinkMove) => {
      const { data, error } = await api.POST("/partner-link/moves", { params: linkHeader(token), body });
      if (error) throw error;
      return data;
    },
  });
}

/** POST /referrals/{id}/partner-links: the sender revokes the link and mails a fresh one. */
export function useResendPartnerLink(referralId: string) {
  return useMutation({
    mutationFn: async () => {
      const { data, error } = await api.POST("/referrals/{referralId}/partner-links", {
        params: { path: { referralId } },
      });
      if (error) throw error;
      return data;
    },
  });
}
