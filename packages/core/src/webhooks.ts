/**
 * What a partner system can hear of by webhook (DESIGN.md "Integration", ADR 0027): the
 * CloudEvents `type` of every event the hub writes to its outbox. Events carry no personal data;
 * the receiver reads the resource at `dataref` with its API token, within what its side may see.
 */
export const webhookEventTypes = [
  "nl.schakel.referral.created",
  "nl.schakel.referral.status-changed",
  "nl.schakel.referral.message-created",
  "nl.schakel.referral.driegesprek-changed",
  "nl.schakel.referral.consent-withdrawn",
  "nl.schakel.service.created",
  "nl.schakel.service.changed",
] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];

/** For the admin pages: what each type means, in plain Dutch. */
export const webhookEventTypeLabels: Record<WebhookEventType, string> = {
  "nl.schakel.referral.created": "Een nieuwe verwijzing",
  "nl.schakel.referral.status-changed": "Een verwijzing kreeg een nieuwe status",
  "nl.schakel.referral.message-created": "Een nieuw bericht bij een verwijzing",
  "nl.schakel.referral.driegesprek-changed": "Het driegesprek van een verwijzing veranderde",
  "nl.schakel.referral.consent-withdrawn": "De inwoner trok de toestemming in",
  "nl.schakel.service.created": "Een nieuwe dienst op de sociale kaart",
  "nl.schakel.service.changed": "Een dienst op de sociale kaart veranderde",
};

/** The event the hub sends to a new subscription's callback: it must be answered 2xx before the subscription goes live. */
export const WEBHOOK_TEST_EVENT_TYPE = "nl.schakel.webhook.test";
