import type { Consent, Referral, ReferralEvent } from "../../lib/referrals";
import { fakeApi, problem, type RecordedRequest } from "../../test/render";

/** Test data for the referral page's unit tests: one referral as the sender sees it. */
export const ID = "5f0c1a52-8d5e-4c8e-9a51-2b8f0d1c9e01";
export const RESIDENT = "7a1d2c3b-1111-4c8e-9a51-2b8f0d1c9e02";
export const CONSENT = "8b2e3d4c-2222-4c8e-9a51-2b8f0d1c9e03";

export const referral: Referral = {
  id: ID,
  reference: 1042,
  status: "received",
  version: 3,
  service: { id: "9c3f4e5d-3333-4c8e-9a51-2b8f0d1c9e04", name: "Schuldhulp" },
  sender: { id: "aa3f4e5d-3333-4c8e-9a51-2b8f0d1c9e05", name: "Opr€cht" },
  receiver: { id: "bb3f4e5d-3333-4c8e-9a51-2b8f0d1c9e06", name: "Plangroep" },
  side: "sender",
  lawfulBasis: "consent",
  feedbackLevel: "outcome",
  dataCategories: ["contact", "request"],
  residentId: RESIDENT,
  consentId: CONSENT,
  residentAccess: "full",
  resident: {
    name: "Daan Verhoef",
    birthDate: null,
    birthYear: 2003,
    address: null,
    postcode: null,
    phone: "06-12345678",
    email: null,
    preferredChannel: "whatsapp",
    language: "nl",
  },
  request: "Hulp bij schulden",
  categoryNotes: {},
  lifeDomains: ["schulden"],
  urgency: "normal",
  urgencyReason: null,
  preferredChannel: "whatsapp",
  reachableViaSender: false,
  reachVia: "resident",
  referringWorker: { name: "Sanne de Vries", email: "sanne@oprecht.example" },
  driegesprekWanted: false,
  safetyFlag: false,
  responseTargetDays: 3,
  lastMoveAt: "2026-11-30T09:00:00Z",
  dueDate: "2026-12-03",
  overdue: false,
  allowedMoves: ["withdrawn"],
  declineReason: null,
  suggestedServiceId: null,
  suggestedService: null,
  expiryReason: null,
  consentEnded: null,
  lateSince: null,
  previousReferralId: null,
  followUpReferralId: null,
  outcome: null,
  moneyOutcomeCents: null,
  assignedUserId: null,
  createdAt: "2026-11-30T09:00:00Z",
  closedAt: null,
};

export const consent: Consent = {
  id: CONSENT,
  residentId: RESIDENT,
  receivingOrganizationId: referral.receiver.id,
  purpose: "Aanmelding bij Plangroep",
  dataCategories: ["contact", "request"],
  method: "mondeling",
  feedbackLevel: "outcome",
  recordedByUserId: "cc3f4e5d-3333-4c8e-9a51-2b8f0d1c9e07",
  recordedAt: "2026-11-30T08:55:00Z",
  validUntil: "2027-05-30T22:59:59Z",
  withdrawnAt: null,
  withdrawalReason: null,
  valid: true,
};

export const received: ReferralEvent = {
  id: "e1",
  type: "status_changed",
  at: "2026-11-30T10:00:00Z",
  actor: { side: "receiver", organization: { id: referral.receiver.id, name: "Plangroep" }, user: null, apiToken: null },
  fromStatus: "sent",
  toStatus: "received",
  note: null,
  noteHidden: null,
  contactAttempt: null,
  driegesprek: null,
  escalation: null,
};

type Answer = { status: number; body?: unknown };

/**
 * The foundation's fakeApi (the network boundary) with answers per method and path; a later
 * answer for the same path wins. Call it in each test (fakeApi's stub ends with the test).
 */
export function fakeRoutes() {
  const routes: { method: string; path: string; reply: (request: RecordedRequest) => Answer }[] = [];
  const { requests } = fakeApi(
    (request) =>
      routes.findLast((r) => r.method === request.method && r.path === request.path)?.reply(request) ?? {
        status: 404,
        body: problem(404, `No answer for ${request.method} ${request.path}`),
      },
  );
  return {
    on(method: string, path: string, reply: (request: RecordedRequest) => Answer) {
      routes.push({ method, path, reply });
    },
    requests,
  };
}

export const ok = (body: unknown, status = 200): Answer => ({ status, body });
export const listPage = <T>(data: T[]) => ({ data, meta: { nextCursor: null } });
