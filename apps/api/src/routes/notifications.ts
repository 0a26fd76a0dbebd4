import { createRoute } from "@hono/zod-openapi";
import { createRouter, json } from "../lib/openapi";
import { problemResponses } from "../lib/problem";
import { requireSession } from "../middleware/session";
import {
  NotificationListQuerySchema,
  NotificationListSchema,
  NotificationParamsSchema,
  NotificationSchema,
  NotificationSettingsUpdateSchema,
  NotificationSettingsViewSchema,
  NotificationsReadSchema,
} from "../schemas/notifications";
import { getNotificationSettings } from "../services/notifications/get-notification-settings";
import { listNotifications } from "../services/notifications/list-notifications";
import { markAllNotificationsRead } from "../services/notifications/mark-all-notifications-read";
import { markNotificationRead } from "../services/notifications/mark-notification-read";
import { updateNotificationSettings } from "../services/notifications/update-notification-settings";

const security = [{ cookieAuth: [] }];

const listNotificationsRoute = createRoute({
  operationId: "listNotifications",
  method: "get",
  path: "/notifications",
  tags: ["Notifications"],
  summary: "Your notifications, newest first",
  description:
    "Information-poor: what happened and on which referral, never who the resident is. meta.unreadCount counts all unread.",
  security,
  middleware: [requireSession()] as const,
  request: { query: NotificationListQuerySchema },
  responses: { 200: json(NotificationListSchema, "A page of notifications"), ...problemResponses(400, 401) },
});

const markNotificationReadRoute = createRoute({
  operationId: "markNotificationRead",
  method: "post",
  path: "/notifications/{notificationId}/read",
  tags: ["Notifications"],
  summary: "Mark one of your notifications read",
  description: "Marking a read notification again changes nothing. Other people's notifications are 404.",
  security,
  middleware: [requireSession()] as const,
  request: { params: NotificationParamsSchema },
  responses: { 200: json(NotificationSchema, "The notification"), ...problemResponses(400, 401, 404) },
});

const markAllNotificationsReadRoute = createRoute({
  operationId: "markAllNotificationsRead",
  method: "post",
  path: "/notifications/read-all",
  tags: ["Notifications"],
  summary: "Mark all your notifications read",
  security,
  middleware: [requireSession()] as const,
  responses: { 200: json(NotificationsReadSchema, "How many were marked"), ...problemResponses(400, 401) },
});

const getNotificationSettingsRoute = createRoute({
  operationId: "getNotificationSettings",
  method: "get",
  path: "/me/notification-settings",
  tags: ["Notifications"],
  summary: "How you want to hear of referrals by mail",
  description:
    "A mail per event or one digest per working day at 08:00 (the default); urgent referrals are always mailed at once.",
  security,
  middleware: [requireSession()] as const,
  responses: { 200: json(NotificationSettingsViewSchema, "Your settings"), ...problemResponses(401) },
});

const updateNotificationSettingsRoute = createRoute({
  operationId: "updateNotificationSettings",
  method: "put",
  path: "/me/notification-settings",
  tags: ["Notifications"],
  summary: "Choose how you hear of referrals by mail",
  description: "allReferrals (hear of every new referral to your organization) is for admins only: 403 for others.",
  security,
  middleware: [requireSession()] as const,
  request: { body: { content: { "application/json": { schema: NotificationSettingsUpdateSchema } }, required: true } },
  responses: { 200: json(NotificationSettingsViewSchema, "Your settings"), ...problemResponses(400, 401, 403) },
});

export const notificationsRoutes = createRouter()
  .openapi(getNotificationSettingsRoute, async (c) => c.json(await getNotificationSettings(c.var.ctx), 200))
  .openapi(updateNotificationSettingsRoute, async (c) =>
    c.json(await updateNotificationSettings(c.var.ctx, c.req.valid("json")), 200),
  )
  .openapi(listNotificationsRoute, async (c) => c.json(await listNotifications(c.var.ctx, c.req.valid("query")), 200))
  .openapi(markAllNotificationsReadRoute, async (c) => c.json(await markAllNotificationsRead(c.var.ctx), 200))
  .openapi(markNotificationReadRoute, async (c) =>
    c.json(
      await markNotificationRead(c.var.ctx, {
        notificationId: c.req.valid("param").notificationId,
      }),
      200,
    ),
  );
