import type { FeedbackLevel } from "./consent";
import { type ReferralViewStatus, senderCanSee } from "./feedback";

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

/** What of a referral's progress the sides may see: its status, and an outcome once completed. */
export type ReferralProgress = Parameters<typeof senderCanSee>[1];

/**
 * Whether a change of progress shows in the sender's view: what core lets them see (status,
 * outcome, amount) differs before and after it. Only then does their version (ETag) change, and
 * only then do their systems hear of it.
 */
export function senderSeesChange(level: FeedbackLevel, before: ReferralProgress, after: ReferralProgress): boolean {
  const a = senderCanSee(level, before);
  const b = senderCanSee(level, after);
  return a.status !== b.status || a.outcome !== b.outcome || a.moneyOutcomeCents !== b.moneyOutcomeCents;
}

/** One audience of a referral event: the organizations that hear it, and the status as they may see it. */
export interface ReferralWebhookAudience {
  organizationIds: string[];
  status: ReferralViewStatus;
}

/**
 * Who hears of a status move, and which status each hears (ADR 0027). The receiving side hears of
 * every move, with the status as it is. The sending side hears only of a move its view shows
 * (senderSeesChange), with the status as it sees it (senderVisibleStatus): accepted → in_progress
 * under `contact_only` reaches nobody at the sender, and completed reaches it as `closed`. When
 * both see the same status they share one event; otherwise each gets its own. An organization on
 * both sides (its own service) sees the receiver's view.
 */
export function statusMoveAudiences(
  referral: { senderOrganizationId: string; receiverOrganizationId: string },
  level: FeedbackLevel,
  before: ReferralProgress,
  after: ReferralProgress,
): ReferralWebhookAudience[] {
  const receiver: ReferralWebhookAudience = { organizationIds: [referral.receiverOrganizationId], status: after.status };
  if (referral.senderOrganizationId === referral.receiverOrganizationId || !senderSeesChange(level, before, after)) {
    return [receiver];
  }
  const senderStatus = senderCanSee(level, after).status;
  if (senderStatus === after.status) {
    return [{ organizationIds: [referral.receiverOrganizationId, referral.senderOrganizationId], status: after.status }];
  }
  return [receiver, { organizationIds: [referral.senderOrganizationId], status: senderStatus }];
}
