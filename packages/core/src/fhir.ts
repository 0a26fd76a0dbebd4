/**
 * The FHIR R4 export of one referral (issue 10 part 9, ADR 0031): a `collection` Bundle with the
 * Task (the lifecycle), the ServiceRequest (what is asked of which service) and, when the referral
 * rests on the resident's consent, the Consent. Built from the referral as one side may see it (the
 * API's referral view), so it never shows more than that side's view does: the sender's Task status
 * follows the sender's view (senderVisibleStatus), and the resident is named only where the view
 * names them.
 */
import { type DataCategory, dataCategoryLabels, type FeedbackLevel, type LawfulBasis } from "./consent";
import type { Urgency } from "./contact";
import { type ReferralViewStatus, statusLabelFor } from "./feedback";
import { type LifeDomain, lifeDomainLabels } from "./life-domains";
import { formatReference } from "./notifications";
import { fhirTaskStatus, type Outcome, outcomeLabels } from "./referrals";

/** FHIR Task.status codes (R4 value set task-status) that a referral can show. */
export type FhirTaskStatus = (typeof fhirTaskStatus)[keyof typeof fhirTaskStatus];

/**
 * Task.status for a status as a side sees it: the lifecycle's mapping, and `closed` — the sender
 * under `contact_only`, told only that the referral ended — as `completed`: the receiver's work on
 * the task is over, without saying whether it helped or the resident was not reached (`failed`).
 */
export const fhirViewTaskStatus: Record<ReferralViewStatus, string> = { ...fhirTaskStatus, closed: "completed" };

/** ServiceRequest.status (R4 value set request-status) for a status as a side sees it. */
export function fhirRequestStatus(status: ReferralViewStatus): "active" | "on-hold" | "completed" | "revoked" {
  switch (status) {
    case "on_hold":
      return "on-hold";
    case "completed":
    case "not_reached":
    case "closed":
      return "completed";
    case "declined":
    case "withdrawn":
    case "expired":
      return "revoked";
    default:
      return "active";
  }
}

/** The referral as one side may see it: the fields of the API's referral view that the export uses. */
export interface FhirReferralView {
  id: string;
  reference: number;
  side: "sender" | "receiver";
  status: ReferralViewStatus;
  service: { id: string; name: string };
  sender: { id: string; name: string };
  receiver: { id: string; name: string };
  lawfulBasis: LawfulBasis;
  feedbackLevel: FeedbackLevel;
  dataCategories: readonly DataCategory[];
  residentAccess: "full" | "consented" | "none";
  resident: { name: string | null } | null;
  request: string | null;
  lifeDomains: readonly LifeDomain[];
  urgency: Urgency;
  declineReason: string | null;
  outcome: Outcome | null;
  moneyOutcomeCents: number | null;
  createdAt: string;
  lastMoveAt: string;
  closedAt: string | null;
}

/** The sender's own consent record (the receiver sees only whether it still holds). */
export interface FhirConsentRecord {
  recordedAt: string;
  validUntil: string;
  valid: boolean;
}

/** The ids of the Bundle's resources (UUIDs): the Task is the referral itself; the others are derived from it. */
export interface FhirBundleIds {
  bundle: string;
  serviceRequest: string;
  consent: string;
}

/** Code systems of Schakel's own codes, as URNs of the hub (as the webhook events' `source`). */
export const fhirSystems = {
  reference: "urn:schakel:referral-reference",
  organization: "urn:schakel:organization",
  service: "urn:schakel:service",
  lifeDomain: "urn:schakel:life-domain",
  dataCategory: "urn:schakel:data-category",
  outcome: "urn:schakel:outcome",
  feedbackLevel: "urn:schakel:feedback-level",
} as const;

type Json = Record<string, unknown>;

/** One resource in the Bundle: its type and id, and the rest of it as FHIR R4 JSON. */
export type FhirResource = { resourceType: "Task" | "ServiceRequest" | "Consent"; id: string } & Json;

const urn = (id: string) => `urn:uuid:${id}`;
const organization = (o: { id: string; name: string }) => ({
  display: o.name,
  identifier: { system: fhirSystems.organization, value: o.id },
});

/**
 * The FHIR R4 Bundle of one referral for the side whose view it is. `consent` is the sender's
 * consent record; for the receiver (and under the Wgs) null. `now` is the Bundle's timestamp.
 */
export function fhirReferralBundle(view: FhirReferralView, ids: FhirBundleIds, consent: FhirConsentRecord | null, now: Date) {
  const identifier = [{ system: fhirSystems.reference, value: formatReference(view.reference) }];
  // The resident by name only where the view names them; otherwise who they are stays with the sender.
  const resident = { display: view.resident?.name ?? "Inwoner" };
  const priority = view.urgency === "urgent" ? "urgent" : "routine";

  const output: Json[] = [];
  if (view.outcome) {
    output.push({
      type: { text: "Uitkomst" },
      valueCodeableConcept: {
        coding: [{ system: fhirSystems.outcome, code: view.outcome, display: outcomeLabels[view.outcome] }],
        text: outcomeLabels[view.outcome],
      },
    });
  }
  if (view.moneyOutcomeCents !== null) {
    output.push({ type: { text: "Financiële uitkomst" }, valueMoney: { value: view.moneyOutcomeCents / 100, currency: "EUR" } });
  }

  const task: FhirResource = {
    resourceType: "Task",
    id: view.id,
    identifier,
    basedOn: [{ reference: urn(ids.serviceRequest) }],
    status: fhirViewTaskStatus[view.status],
    businessStatus: { text: statusLabelFor(view.side, view.status) },
    ...(view.status === "declined" && view.declineReason ? { statusReason: { text: view.declineReason } } : {}),
    intent: "order",
    priority,
    focus: { reference: urn(ids.serviceRequest) },
    for: resident,
    executionPeriod: { start: view.createdAt, ...(view.closedAt ? { end: view.closedAt } : {}) },
    authoredOn: view.createdAt,
    lastModified: view.lastMoveAt,
    requester: organization(view.sender),
    owner: organization(view.receiver),
    ...(output.length > 0 ? { output } : {}),
  };

  const serviceRequest: FhirResource = {
    resourceType: "ServiceRequest",
    id: ids.serviceRequest,
    identifier,
    status: fhirRequestStatus(view.status),
    intent: "order",
    priority,
    code: {
      coding: [{ system: fhirSystems.service, code: view.service.id, display: view.service.name }],
      text: view.service.name,
    },
    subject: resident,
    authoredOn: view.createdAt,
    requester: organization(view.sender),
    performer: [organization(view.receiver)],
    ...(view.lifeDomains.length > 0
      ? {
          reasonCode: view.lifeDomains.map((d) => ({
            coding: [{ system: fhirSystems.lifeDomain, code: d, display: lifeDomainLabels[d] }],
            text: lifeDomainLabels[d],
          })),
        }
      : {}),
    ...(view.request ? { note: [{ text: view.request }] } : {}),
  };

  const entries: FhirResource[] = [task, serviceRequest];
  if (view.lawfulBasis === "consent") {
    // The sender knows its consent record; the receiver only whether it still lets it see the resident.
    const active = view.side === "sender" ? (consent?.valid ?? false) : view.residentAccess !== "none";
    entries.push({
      resourceType: "Consent",
      id: ids.consent,
      status: active ? "active" : "inactive",
      scope: {
        coding: [
          { system: "http://terminology.hl7.org/CodeSystem/consentscope", code: "patient-privacy", display: "Privacy Consent" },
        ],
      },
      category: [{ coding: [{ system: "http://loinc.org", code: "59284-0", display: "Patient Consent" }] }],
      patient: resident,
      ...(view.side === "sender" && consent ? { dateTime: consent.recordedAt } : {}),
      organization: [organization(view.sender)],
      policyRule: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/v3-ActCode", code: "OPTIN" }] },
      extension: [{ url: fhirSystems.feedbackLevel, valueCode: view.feedbackLevel }],
      provision: {
        type: "permit",
        ...(view.side === "sender" && consent ? { period: { start: consent.recordedAt, end: consent.validUntil } } : {}),
        actor: [
          {
            role: {
              coding: [
                {
                  system: "http://terminology.hl7.org/CodeSystem/v3-ParticipationType",
                  code: "IRCP",
                  display: "information recipient",
                },
              ],
            },
            reference: organization(view.receiver),
          },
        ],
        code: view.dataCategories.map((c) => ({
          coding: [{ system: fhirSystems.dataCategory, code: c, display: dataCategoryLabels[c] }],
          text: dataCategoryLabels[c],
        })),
      },
    });
  }

  return {
    resourceType: "Bundle" as const,
    id: ids.bundle,
    type: "collection" as const,
    timestamp: now.toISOString(),
    entry: entries.map((resource) => ({ fullUrl: urn(resource.id), resource })),
  };
}

export type FhirReferralBundle = ReturnType<typeof fhirReferralBundle>;
