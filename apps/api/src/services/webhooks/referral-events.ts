import {
  type FeedbackLevel,
  formatReference,
  type ReferralProgress,
  statusMoveAudiences,
  type WebhookEventType,
} from "@schakel/core";
import type { Database } from "@schakel/db";
import { API_BASE } from "../../lib/openapi";
import type { ReferralRow } from "../referrals/access";
import { recordWebhookEvent } from "./outbox";

/**
 * The webhook events of referrals and services (ADR 0027), written by each change in its own
 * transaction. `data` holds ids, the reference (V-1042) and at most a status as its audience may
 * see it — never anything about the resident or any text: the receiver fetches the resource with
 * its token, within what its side may see.
 */

type ReferralKey = Pick<ReferralRow, "id" | "reference" | "senderOrganizationId" | "receiverOrganizationId">;

const referralPath = (referralId: string) => `${API_BASE}/referrals/${referralId}`;

/** Where each kind of referral event points: the referral, or the part of it that changed. */
const resourceOf: Record<Exclude<ReferralEventType, "nl.schakel.referral.status-changed">, (id: string) => string> = {
  "nl.schakel.referral.created": referralPath,
  "nl.schakel.referral.message-created": (id) => `${referralPath(id)}/messages`,
  "nl.schakel.referral.driegesprek-changed": (id) => `${referralPath(id)}/driegesprek`,
  "nl.schakel.referral.consent-withdrawn": referralPath,
};

type ReferralEventType = Extract<WebhookEventType, `nl.schakel.referral.${string}`>;

/**
 * A change both sides see alike (created, a message, the driegesprek, consent withdrawn): one
 * event for both organizations, with the referral's id and reference.
 */
export async function referralWebhook(
  db: Database,
  referral: ReferralKey,
  type: Exclude<ReferralEventType, "nl.schakel.referral.status-changed">,
  at: Date,
  extra: { status?: "sent" } = {},
) {
  return recordWebhookEvent(db, {
    type,
    time: at,
    resourcePath: resourceOf[type](referral.id),
    orderingKey: referral.id,
    organizationIds: [referral.receiverOrganizationId, referral.senderOrganizationId],
    data: { referralId: referral.id, reference: formatReference(referral.reference), ...extra },
  });
}

/**
 * A status move: one event per audience that may see it, each with the status as that audience
 * sees it (statusMoveAudiences in core); a move the sender's view does not show reaches the
 * receiver only.
 */
export async function statusChangedWebhook(
  db: Database,
  referral: ReferralKey,
  move: { level: FeedbackLevel; before: ReferralProgress; after: ReferralProgress; at: Date },
) {
  const written = [];
  for (const audience of statusMoveAudiences(referral, move.level, move.before, move.after)) {
    written.push(
      await recordWebhookEvent(db, {
        type: "nl.schakel.referral.status-changed",
        time: move.at,
        resourcePath: referralPath(referral.id),
        orderingKey: referral.id,
        organizationIds: audience.organizationIds,
        data: { referralId: referral.id, reference: formatReference(referral.reference), status: audience.status },
      }),
    );
  }
  return written;
}

/**
 * A service created or changed on the sociale kaart. The kaart is public, so every organization's
 * subscriptions may hear of it; `organizationIds` names the service's own organization.
 */
export async function serviceWebhook(
  db: Database,
  service: { id: string; organizationId: string },
  type: "nl.schakel.service.created" | "nl.schakel.service.changed",
  at: Date,
) {
  return recordWebhookEvent(db, {
    type,
    time: at,
    resourcePath: `${API_BASE}/services/${service.id}`,
    orderingKey: service.id,
    organizationIds: [service.organizationId],
    everyOrganization: true,
    data: { serviceId: service.id },
  });
}
