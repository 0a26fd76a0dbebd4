import { type WebhookDeliveryStatus, webhookDeliveries, webhookEvents } from "@schakel/db";

/** The delivery log's columns: the event's type, time and resource, and how sending went. */
export const deliveryColumns = {
  id: webhookDeliveries.id,
  eventId: webhookDeliveries.eventId,
  eventType: webhookEvents.type,
  eventTime: webhookEvents.time,
  resourcePath: webhookEvents.resourcePath,
  status: webhookDeliveries.status,
  attempts: webhookDeliveries.attempts,
  lastResponseStatus: webhookDeliveries.lastResponseStatus,
  lastError: webhookDeliveries.lastError,
  lastAttemptAt: webhookDeliveries.lastAttemptAt,
  nextAttemptAt: webhookDeliveries.nextAttemptAt,
  deliveredAt: webhookDeliveries.deliveredAt,
  seq: webhookDeliveries.seq,
};

interface DeliveryRow {
  id: string;
  eventId: string;
  eventType: string;
  eventTime: Date;
  resourcePath: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  lastResponseStatus: number | null;
  lastError: string | null;
  lastAttemptAt: Date | null;
  nextAttemptAt: Date;
  deliveredAt: Date | null;
}

export function toDelivery(row: DeliveryRow) {
  return {
    id: row.id,
    eventId: row.eventId,
    eventType: row.eventType,
    eventTime: row.eventTime.toISOString(),
    resourcePath: row.resourcePath,
    status: row.status,
    attempts: row.attempts,
    lastResponseStatus: row.lastResponseStatus,
    lastError: row.lastError,
    lastAttemptAt: row.lastAttemptAt?.toISOString() ?? null,
    nextAttemptAt: row.status === "pending" ? row.nextAttemptAt.toISOString() : null,
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
  };
}
