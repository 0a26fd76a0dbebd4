import { type FeedbackLevel, isFinal, type NotificationKind, referralStatusLabels, transitionProblems } from "@schakel/core";
import { apiTokens, contactAttempts, type Database, organizations, services, users } from "@schakel/db";
import { count, eq, inArray } from "drizzle-orm";
import { badRequest, conflict, HttpProblem, unprocessable } from "../../lib/problem";
import { logResidentAccess } from "../access-log";
import type { ActingAs } from "../actor";
import type { TransactionContext } from "../context";
import type { ReferralRow, Side } from "./access";
import { type EventMail, notify } from "./events";
import { receiverHasAccess } from "./view";

/**
 * Who is looking at a referral's activity, and what they may read of it: the receiver loses the
 * free text (which may hold personal data) with its access to the resident; the sender hears
 * outcomes only as far as the resident's feedback level allows.
 */
export interface Viewer {
  /** The person looking, or null for an organization's system (an API token, `apiTokenId`). */
  userId: string | null;
  apiTokenId: string | null;
  side: Side;
  /** The viewer's own organizations among the two on the referral. */
  ownOrganizationIds: Set<string>;
  /** False for a receiver whose basis to see the resident (consent) is gone. */
  readsPersonalText: boolean;
  feedbackLevel: FeedbackLevel;
}

export async function viewerOf(db: Database, referral: ReferralRow, sides: Set<Side>, who: ActingAs, now: Date): Promise<Viewer> {
  const side: Side = sides.has("sender") ? "sender" : "receiver";
  const { access, feedbackLevel } = await receiverHasAccess(db, referral, now);
  const ownOrganizationIds = new Set<string>();
  if (sides.has("sender")) ownOrganizationIds.add(referral.senderOrganizationId);
  if (sides.has("receiver")) ownOrganizationIds.add(referral.receiverOrganizationId);
  return {
    userId: who.userId,
    apiTokenId: who.apiTokenId,
    side,
    ownOrganizationIds,
    readsPersonalText: side === "sender" || access,
    feedbackLevel,
  };
}

export type ActorRef = {
  side: "sender" | "receiver" | "system";
  organization: { id: string; name: string } | null;
  user: { id: string; name: string } | null;
  apiToken: { id: string; name: string } | null;
};

/**
 * Resolves who did something into names: the organization always, the person — or the koppeling
 * (API token) it was done through — only for the viewer's own organization (the other side sees
 * "Plangroep", not which colleague or system).
 */
export async function actorResolver(
  db: Database,
  referral: ReferralRow,
  viewer: Viewer,
  actors: { organizationId: string | null; userId: string | null; apiTokenId?: string | null }[],
) {
  const orgs = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(inArray(organizations.id, [referral.senderOrganizationId, referral.receiverOrganizationId]));
  const userIds = [
    ...new Set(
      actors
        .filter((a) => a.userId && a.organizationId && viewer.ownOrganizationIds.has(a.organizationId))
        .map((a) => a.userId as string),
    ),
  ];
  const people =
    userIds.length > 0 ? await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, userIds)) : [];
  const tokenIds = [
    ...new Set(
      actors
        .filter((a) => a.apiTokenId && a.organizationId && viewer.ownOrganizationIds.has(a.organizationId))
        .map((a) => a.apiTokenId as string),
    ),
  ];
  const tokens =
    tokenIds.length > 0
      ? await db.select({ id: apiTokens.id, name: apiTokens.name }).from(apiTokens).where(inArray(apiTokens.id, tokenIds))
      : [];
  return (organizationId: string | null, userId: string | null, apiTokenId: string | null = null): ActorRef => {
    const organization = orgs.find((o) => o.id === organizationId) ?? null;
    const side =
      organizationId === null
        ? "system"
        : organizationId === referral.senderOrganizationId
          ? "sender"
          : organizationId === referral.receiverOrganizationId
            ? "receiver"
            : "system";
    const shown = organizationId !== null && viewer.ownOrganizationIds.has(organizationId);
    const user = shown ? (people.find((p) => p.id === userId) ?? null) : null;
    const apiToken = shown ? (tokens.find((t) => t.id === apiTokenId) ?? null) : null;
    return { side, organization, user, apiToken };
  };
}

/** The acting side's organization on this referral. */
export const organizationOf = (referral: ReferralRow, side: Side) =>
  side === "sender" ? referral.senderOrganizationId : referral.receiverOrganizationId;

/** 409 when the referral is closed: its history stays, nothing is added to it. */
export function requireOpen(referral: ReferralRow, what: string) {
  if (isFinal(referral.status)) {
    throw conflict(
      `Deze verwijzing is afgesloten (${referralStatusLabels[referral.status].toLowerCase()}); ${what} kan niet meer. Verwijs opnieuw als er nog hulp nodig is.`,
    );
  }
}

/**
 * 409 when the referral rests on the resident's consent and that consent no longer holds: the
 * referral has stopped the moment the consent ran out, before the expiry job has closed it.
 * Nobody adds to it any more, and the receiver neither moves nor assigns it; the sender can still
 * withdraw it.
 */
export async function requireConsentInForce(db: Database, referral: ReferralRow, now: Date, what: string) {
  if ((await receiverHasAccess(db, referral, now)).access) return;
  throw new HttpProblem(
    "consent-expired",
    `De toestemming van de inwoner voor deze verwijzing is verlopen; ${what} kan niet meer. De verwijzing is gestopt. Is er nog hulp nodig, vraag dan opnieuw toestemming en verwijs opnieuw.`,
  );
}

export async function serviceName(db: Database, referral: ReferralRow) {
  const [service] = await db.select({ name: services.name }).from(services).where(eq(services.id, referral.serviceId));
  return service?.name ?? "een dienst";
}

/**
 * In-app notification for the other side: the referring worker when the receiver acts; the
 * assigned worker, or else the receiving organization's intake, when the sender acts.
 * Information-poor: the text names the service, never the resident. Nobody is told of their own act.
 */
export async function notifyOtherSide(
  tx: TransactionContext,
  referral: ReferralRow,
  input: { actingSide: Side; actingUserId: string | null; kind: NotificationKind; text: string; at: Date; mail?: EventMail },
) {
  await notify(tx, {
    to: input.actingSide === "sender" ? { receiverOf: referral } : { senderOf: referral },
    kind: input.kind,
    referral,
    text: input.text,
    at: input.at,
    exceptUserId: input.actingUserId,
    mail: input.mail,
  });
}

/** Writes that someone read the free text on a referral (messages, notes), which may hold personal data. */
export async function logActivityRead(
  db: Database,
  referral: ReferralRow,
  viewer: Viewer,
  input: { action: string; at: Date; details?: Record<string, unknown> },
) {
  const organizationId = organizationOf(referral, viewer.side);
  await logResidentAccess(db, {
    at: input.at,
    userId: viewer.userId,
    apiTokenId: viewer.apiTokenId,
    organizationId,
    action: input.action,
    residentId: referral.residentId,
    details: { referralId: referral.id, ...input.details },
  });
}

/**
 * The move carries what it needs (core's transitionProblems): some moves need a logged contact
 * attempt first (422 contact-attempt-required), others fields such as a reason or an outcome (400,
 * each missing field in invalidParams). The same for a worker's move and a partner link's.
 */
export async function requireMoveComplete(db: Database, referralId: string, move: Parameters<typeof transitionProblems>[0]) {
  const [attempts] = await db.select({ n: count() }).from(contactAttempts).where(eq(contactAttempts.referralId, referralId));
  const problems = transitionProblems(move, { contactAttempts: attempts?.n ?? 0 });
  if (problems.to) throw unprocessable("contact-attempt-required", problems.to);
  const fieldProblems = Object.entries(problems).filter(([name]) => name !== "to");
  if (fieldProblems.length > 0) {
    throw badRequest(
      "Deze stap mist gegevens; zie invalidParams.",
      fieldProblems.map(([name, reason]) => ({ name: `body.${name}`, code: "required_for_move", reason })),
    );
  }
}
