import type { paths } from "@schakel/api-client";
import { infiniteQueryOptions, useQueryClient } from "@tanstack/react-query";
import { $api, api } from "./client";
import { cursorPaging } from "./cursor-pages";

const PAGE_SIZE = 25;

export type WebhookSubscription =
  paths["/webhook-subscriptions/{subscriptionId}"]["get"]["responses"][200]["content"]["application/json"];
export type WebhookDelivery =
  paths["/webhook-subscriptions/{subscriptionId}/deliveries"]["get"]["responses"][200]["content"]["application/json"]["data"][number];
export type WebhookTest =
  paths["/webhook-subscriptions/{subscriptionId}/tests"]["post"]["responses"][200]["content"]["application/json"]["test"];
export type DeliveryStatus = WebhookDelivery["status"];

/** Every subscription list, subscription and delivery log starts with one of these keys. */
const listKey = ["get", "/webhook-subscriptions"] as const;
const oneKey = ["get", "/webhook-subscriptions/{subscriptionId}"] as const;
const deliveriesKey = ["get", "/webhook-subscriptions/{subscriptionId}/deliveries"] as const;

export const webhookQueries = {
  list: (organizationId: string) => $api.queryOptions("get", "/webhook-subscriptions", { params: { query: { organizationId } } }),
  detail: (subscriptionId: string) =>
    $api.queryOptions("get", "/webhook-subscriptions/{subscriptionId}", { params: { path: { subscriptionId } } }),
  /** The delivery log, newest first, page after page, optionally of one status. */
  deliveries: (subscriptionId: string, status: DeliveryStatus | undefined) =>
    infiniteQueryOptions({
      queryKey: [
        ...$api.queryOptions("get", "/webhook-subscriptions/{subscriptionId}/deliveries", {
          params: { path: { subscriptionId }, query: { limit: PAGE_SIZE, status } },
        }).queryKey,
        "pages",
      ] as const,
      queryFn: async ({ pageParam, signal }) => {
        const { data, error } = await api.GET("/webhook-subscriptions/{subscriptionId}/deliveries", {
          params: { path: { subscriptionId }, query: { limit: PAGE_SIZE, status, cursor: pageParam } },
          signal,
        });
        if (error) throw error;
        return data;
      },
      ...cursorPaging,
    }),
};

function useInvalidateSubscriptions() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([queryClient.invalidateQueries({ queryKey: listKey }), queryClient.invalidateQueries({ queryKey: oneKey })]);
}

function useInvalidateDeliveries() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: deliveriesKey });
}

/** POST /webhook-subscriptions: stored, tested, and its secret shown once. */
export function useCreateWebhookSubscription() {
  const invalidate = useInvalidateSubscriptions();
  return $api.useMutation("post", "/webhook-subscriptions", { onSuccess: () => invalidate() });
}

/** PATCH /webhook-subscriptions/{subscriptionId}: a new address (tested again), switched off or on. */
export function useUpdateWebhookSubscription() {
  const invalidate = useInvalidateSubscriptions();
  return $api.useMutation("patch", "/webhook-subscriptions/{subscriptionId}", { onSuccess: () => invalidate() });
}

export function useDeleteWebhookSubscription() {
  const queryClient = useQueryClient();
  return $api.useMutation("delete", "/webhook-subscriptions/{subscriptionId}", {
    onSuccess: () => queryClient.invalidateQueries({ queryKey: listKey }),
  });
}

/** "Test opnieuw". */
export function useTestWebhookSubscription() {
  const invalidate = useInvalidateSubscriptions();
  return $api.useMutation("post", "/webhook-subscriptions/{subscriptionId}/tests", { onSuccess: () => invalidate() });
}

export function useRotateWebhookSecret() {
  const invalidate = useInvalidateSubscriptions();
  return $api.useMutation("post", "/webhook-subscriptions/{subscriptionId}/secret-rotations", { onSuccess: () => invalidate() });
}

/** "Opnieuw versturen" of one delivery. */
export function useResendWebhookDelivery() {
  const invalidate = useInvalidateDeliveries();
  return $api.useMutation("post", "/webhook-subscriptions/{subscriptionId}/deliveries/{deliveryId}/resends", {
    onSuccess: () => invalidate(),
  });
}

/** "Opnieuw versturen" of every failed delivery. */
export function useResendFailedWebhookDeliveries() {
  const invalidate = useInvalidateDeliveries();
  return $api.useMutation("post", "/webhook-subscriptions/{subscriptionId}/failed-delivery-resends", {
    onSuccess: () => invalidate(),
  });
}
