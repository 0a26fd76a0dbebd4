import { useQueryClient } from "@tanstack/react-query";
import { $api, BACKGROUND_HEADERS } from "./client";

/** How many notifications the panel lists. */
const LIST_SIZE = 20;

/** Every notifications query starts with this key. */
const allKey = $api.queryOptions("get", "/notifications").queryKey;

export const notificationQueries = {
  /**
   * Only the unread count (one item is the smallest page the API gives). The app asks for it by
   * itself (polling), so it is marked as background: it does not extend the session (ADR 0016).
   */
  unreadCount: () =>
    $api.queryOptions(
      "get",
      "/notifications",
      { params: { query: { limit: 1 } }, headers: BACKGROUND_HEADERS },
      { select: (page) => page.meta.unreadCount },
    ),
  /** The newest notifications, for the panel. */
  list: () => $api.queryOptions("get", "/notifications", { params: { query: { limit: LIST_SIZE } } }),
};

/** Look again at the count and the list (after a mutation, or a navigation). */
export function useInvalidateNotifications() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: allKey });
}

/** POST /notifications/{notificationId}/read. */
export function useMarkNotificationRead() {
  const invalidate = useInvalidateNotifications();
  return $api.useMutation("post", "/notifications/{notificationId}/read", { onSuccess: () => invalidate() });
}

/** POST /notifications/read-all. */
export function useMarkAllNotificationsRead() {
  const invalidate = useInvalidateNotifications();
  return $api.useMutation("post", "/notifications/read-all", { onSuccess: () => invalidate() });
}

/** Every notification-settings query starts with this key. */
const settingsKey = $api.queryOptions("get", "/me/notification-settings").queryKey;

/** GET /me/notification-settings: how the signed-in user hears of referrals by mail. */
export const notificationSettingsQuery = () => $api.queryOptions("get", "/me/notification-settings");

/** PUT /me/notification-settings; the answer is the saved state. */
export function useUpdateNotificationSettings() {
  const queryClient = useQueryClient();
  return $api.useMutation("put", "/me/notification-settings", {
    onSuccess: (saved) => queryClient.setQueryData(settingsKey, saved),
  });
}
