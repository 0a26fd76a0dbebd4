import type { paths } from "@schakel/api-client";
import { infiniteQueryOptions, type QueryClient, queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { $api, api } from "./client";
import { isProblemType } from "./problem";

/**
 * Referrals and their activity (events, messages, contact attempts, driegesprek): query options
 * and mutations. Keys are openapi-react-query's [method, path, init], so invalidating
 * ["get", path] reaches every query of that path, and one with `{ params: { path: { referralId } } }`
 * reaches that referral's only.
 */

export type ListQuery = Omit<NonNullable<paths["/referrals"]["get"]["parameters"]["query"]>, "cursor">;

/** How many activity items a panel shows: the API's maximum page, more than a referral gathers. */
const ACTIVITY_LIMIT = 100;

const forReferral = (referralId: string) => ({ params: { path: { referralId } } });

export const referralQueries = {
  /** The inbox or outbox, page by page on the keyset cursor (meta.nextCursor). */
  list: (query: ListQuery) =>
    infiniteQueryOptions({
      queryKey: ["get", "/referrals", { params: { query } }, "pages"] as const,
      queryFn: async ({ pageParam, signal }) => {
        const { data, error } = await api.GET("/referrals", {
          params: { query: pageParam ? { ...query, cursor: pageParam } : query },
          signal,
        });
        if (error) throw error;
        return data;
      },
      initialPageParam: null as string | null,
      getNextPageParam: (page) => page.meta.nextCursor ?? null,
    }),
  detail: (referralId: string) => $api.queryOptions("get", "/referrals/{referralId}", forReferral(referralId)),
  events: (referralId: string) =>
    $api.queryOptions("get", "/referrals/{referralId}/events", {
      params: { path: { referralId }, query: { limit: ACTIVITY_LIMIT } },
    }),
  messages: (referralId: string) =>
    $api.queryOptions("get", "/referrals/{referralId}/messages", {
      params: { path: { referralId }, query: { limit: ACTIVITY_LIMIT } },
    }),
  contactAttempts: (referralId: string) =>
    $api.queryOptions("get", "/referrals/{referralId}/contact-attempts", {
      params: { path: { referralId }, query: { limit: ACTIVITY_LIMIT } },
    }),
  /** The driegesprek, or null while none was proposed (the API's 404 driegesprek-not-found). */
  driegesprek: (referralId: string) =>
    queryOptions({
      queryKey: ["get", "/referrals/{referralId}/driegesprek", forReferral(referralId)] as const,
      queryFn: async ({ signal }) => {
        const { data, error } = await api.GET("/referrals/{referralId}/driegesprek", { ...forReferral(referralId), signal });
        if (error) {
          if (isProblemType(error, "driegesprek-not-found")) return null;
          throw error;
        }
        return data;
      },
    }),
  /** The sender's overview on the start page: counts, and the previous visit (GET /me/overview). */
  overview: (organizationId: string) =>
    $api.queryOptions("get", "/me/overview", { params: { query: { organizationId } } }, { staleTime: Number.POSITIVE_INFINITY }),
  /** The organisation's active workers and admins by name: whom to give a referral to. */
  colleagues: (organizationId: string) =>
    $api.queryOptions("get", "/organizations/{organizationId}/colleagues", { params: { path: { organizationId } } }),
  /** Services that take referrals, to suggest instead when declining (`q` as typed). */
  suggestions: (q: string, exceptServiceId: string) =>
    $api.queryOptions(
      "get",
      "/services",
      { params: { query: { q, acceptsReferrals: "true", limit: 10 } } },
      { select: (page) => page.data.filter((s) => s.id !== exceptServiceId) },
    ),
};

/**
 * After any change to a referral: the referral, all its activity panels, and the inbox and
 * outbox lists (its status, overdue flag or last move may have changed there). The header's
 * notifications are asked again as well.
 */
export function invalidateReferral(queryClient: QueryClient, referralId: string): Promise<void> {
  const one = forReferral(referralId);
  return Promise.all([
    ...[
      "/referrals/{referralId}",
      "/referrals/{referralId}/events",
      "/referrals/{referralId}/messages",
      "/referrals/{referralId}/contact-attempts",
      "/referrals/{referralId}/driegesprek",
    ].map((path) => queryClient.invalidateQueries({ queryKey: ["get", path, one] })),
    queryClient.invalidateQueries({ queryKey: ["get", "/referrals"] }),
    queryClient.invalidateQueries({ queryKey: ["get", "/notifications"] }),
  ]).then(() => undefined);
}

/** A mutation on one referral that invalidates it, its activity and the lists once it is done (also when refused: a 412 means it changed). */
function useReferralMutation<TVars, TData>(referralId: string, mutationFn: (vars: TVars) => Promise<TData>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: () => invalidateReferral(queryClient, referralId),
  });
}

/** Throws the problem of a failed call, else gives its data. */
async function settle<T>(call: Promise<{ data?: T; error?: unknown }>): Promise<T> {
  const { data, error } = await call;
  if (error !== undefined) throw error;
  return data as T;
}

type Body<P extends keyof paths, M extends "post" | "put" | "patch"> = paths[P][M] extends {
  requestBody: { content: { "application/json": infer B } };
}
  ? B
  : never;

/** A move (accept, decline, complete…) with If-Match: the version the person saw. */
export function useMoveReferral(referralId: string) {
  return useReferralMutation(
    referralId,
    ({ ifMatch, body }: { ifMatch: string; body: Body<"/referrals/{referralId}/transitions", "post"> }) =>
      settle(
        api.POST("/referrals/{referralId}/transitions", {
          params: { path: { referralId }, header: { "if-match": ifMatch } },
          body,
        }),
      ),
  );
}

/** Assigning the receiver's worker, with If-Match. */
export function useAssignReferral(referralId: string) {
  return useReferralMutation(referralId, ({ ifMatch, assignedUserId }: { ifMatch: string; assignedUserId: string | null }) =>
    settle(
      api.PATCH("/referrals/{referralId}", {
        params: { path: { referralId }, header: { "if-match": ifMatch } },
        body: { assignedUserId },
      }),
    ),
  );
}

export function useSendMessage(referralId: string) {
  return useReferralMutation(referralId, (body: Body<"/referrals/{referralId}/messages", "post">) =>
    settle(api.POST("/referrals/{referralId}/messages", { ...forReferral(referralId), body })),
  );
}

export function useLogContactAttempt(referralId: string) {
  return useReferralMutation(referralId, (body: Body<"/referrals/{referralId}/contact-attempts", "post">) =>
    settle(api.POST("/referrals/{referralId}/contact-attempts", { ...forReferral(referralId), body })),
  );
}

export function useProposeDriegesprek(referralId: string) {
  return useReferralMutation(referralId, (body: Body<"/referrals/{referralId}/driegesprek", "put">) =>
    settle(api.PUT("/referrals/{referralId}/driegesprek", { ...forReferral(referralId), body })),
  );
}

export function useConfirmDriegesprek(referralId: string) {
  return useReferralMutation(referralId, (body: Body<"/referrals/{referralId}/driegesprek/confirmation", "post">) =>
    settle(api.POST("/referrals/{referralId}/driegesprek/confirmation", { ...forReferral(referralId), body })),
  );
}

export function useDriegesprekOutcome(referralId: string) {
  return useReferralMutation(referralId, (body: Body<"/referrals/{referralId}/driegesprek/outcome", "post">) =>
    settle(api.POST("/referrals/{referralId}/driegesprek/outcome", { ...forReferral(referralId), body })),
  );
}

/** Sending a new referral (the wizard's last call); the idempotency key makes a retry safe. */
export function useCreateReferral() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ idempotencyKey, body }: { idempotencyKey: string; body: Body<"/referrals", "post"> }) =>
      settle(api.POST("/referrals", { body, params: { header: { "idempotency-key": idempotencyKey } } })),
    // A follow-up changes the referral it follows up too: that one now links to the new one.
    onSuccess: (_data, { body }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ["get", "/referrals"] }),
        body.previousReferralId ? invalidateReferral(queryClient, body.previousReferralId) : undefined,
      ]),
  });
}

/** PUT /me/overview-visit: the next visit to the start page counts changes from now. */
export function useRecordOverviewVisit() {
  return $api.useMutation("put", "/me/overview-visit");
}
