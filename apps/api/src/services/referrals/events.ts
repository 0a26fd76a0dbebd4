import { caseworkerRoles, type NotificationKind, type ReferralStatus, type Role } from "@schakel/core";
import { type Database, memberships, notificationSettings, notifications, referralEvents } from "@schakel/db";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { TransactionContext } from "../context";
import { type EventMail, mailNotices } from "../notifications/mail-routing";
import type { ReferralRow } from "./access";

export interface EventInput {
  referralId: string;
  at: Date;
  actorUserId: string | null;
  actorOrganizationId: string | null;
  /** Set when an organization's system acted with an API token: kept in `details.apiTokenId` (ADR 0028). */
  actorApiTokenId?: string | null;
  type: string;
  fromStatus?: ReferralStatus | null;
  toStatus?: ReferralStatus | null;
  note?: string | null;
  details?: Record<string, unknown>;
}

/** The row for an event: what {@link recordEvent} inserts, also for callers that insert it themselves (to get it back). */
export function eventValues({ actorApiTokenId, ...event }: EventInput): typeof referralEvents.$inferInsert {
  return actorApiTokenId ? { ...event, details: { ...event.details, apiTokenId: actorApiTokenId } } : event;
}

/** The API token an event was made with, or null (a person, or Schakel itself). */
export const eventApiTokenId = (row: Pick<typeof referralEvents.$inferSelect, "details">): string | null => {
  const id = row.details?.apiTokenId;
  return typeof id === "string" ? id : null;
};

export async function recordEvent(db: Database, event: EventInput) {
  await db.insert(referralEvents).values(eventValues(event));
}

/**
 * Who is told. The receiving side is its assigned worker once there is one, before that its
 * intake: the organization's workers (its admins only when it has no workers, or when they chose
 * to hear of every new referral); the sending side is the referring worker, or — when they are
 * gone — the sending organization's caseworkers.
 */
export type Audience = { users: string[] } | { receiverOf: ReferralRow } | { senderOf: ReferralRow };

/** One notice on a referral, as {@link notify} and {@link notifyAll} take it. */
export interface Notice {
  to: Audience;
  kind: NotificationKind;
  referral: ReferralRow;
  text: string;
  at: Date;
  urgent?: boolean;
  /** The person who acted: never told of their own act. */
  exceptUserId?: string | null;
  mail?: EventMail;
}

type Member = { userId: string; role: Role };

/** The active members of the organizations, by organization, in a stable order. */
async function membersOf(db: Database, organizationIds: readonly string[]): Promise<Map<string, Member[]>> {
  const byOrg = new Map<string, Member[]>();
  if (organizationIds.length === 0) return byOrg;
  const rows = await db
    .select({ organizationId: memberships.organizationId, userId: memberships.userId, role: memberships.role })
    .from(memberships)
    .where(and(inArray(memberships.organizationId, [...organizationIds]), eq(memberships.status, "active")))
    .orderBy(asc(memberships.organizationId), asc(memberships.userId));
  for (const r of rows) byOrg.set(r.organizationId, [...(byOrg.get(r.organizationId) ?? []), { userId: r.userId, role: r.role }]);
  return byOrg;
}

/** The receiving organization's intake in the app: its workers; an organization without workers, its admins. */
function intakeFrom(members: readonly Member[]): string[] {
  const workers = members.filter((m) => m.role === "worker").map((m) => m.userId);
  return workers.length > 0 ? workers : members.filter((m) => m.role === "admin").map((m) => m.userId);
}

const caseworkersFrom = (members: readonly Member[]) =>
  members.filter((m) => (caseworkerRoles as readonly Role[]).includes(m.role)).map((m) => m.userId);

/** The organizations' active admins who chose to hear of every new referral (notification_settings.all_referrals). */
async function adminsWhoWantEveryReferral(db: Database, organizationIds: readonly string[]): Promise<Map<string, string[]>> {
  const byOrg = new Map<string, string[]>();
  if (organizationIds.length === 0) return byOrg;
  const rows = await db
    .select({ organizationId: memberships.organizationId, userId: memberships.userId })
    .from(memberships)
    .innerJoin(notificationSettings, eq(notificationSettings.userId, memberships.userId))
    .where(
      and(
        inArray(memberships.organizationId, [...organizationIds]),
        eq(memberships.status, "active"),
        eq(memberships.role, "admin"),
        eq(notificationSettings.allReferrals, true),
      ),
    )
    .orderBy(asc(memberships.userId));
  for (const r of rows) byOrg.set(r.organizationId, [...(byOrg.get(r.organizationId) ?? []), r.userId]);
  return byOrg;
}

const unique = <T>(values: Iterable<T>) => [...new Set(values)];

/**
 * Tells each notice's audience of something on a referral: in the app, and by mail as each
 * person chose (notification_settings.mail_mode: a mail now, or it waits for their digest;
 * urgent ones are mailed at once). A new, not yet assigned referral's receiving organization is
 * mailed at its intake address when its admin set one, instead of each intake worker; admins who
 * chose `all_referrals` are added for `referral_new`. The text says what happened and to which
 * service, never who the resident is; `kind` is what the digest counts by; an urgent referral's
 * notices are urgent unless said otherwise. Nobody is told of their own act (`exceptUserId`).
 * Several notices (the escalation ladder's batch) cost a handful of queries in all, not per notice.
 */
export async function notifyAll(tx: TransactionContext, notices: readonly Notice[]) {
  if (notices.length === 0) return;
  const { db } = tx;
  const orgs = new Set<string>();
  const everyReferralOrgs = new Set<string>();
  for (const n of notices) {
    if ("receiverOf" in n.to && !n.to.receiverOf.assignedUserId) orgs.add(n.to.receiverOf.receiverOrganizationId);
    if ("senderOf" in n.to && !n.to.senderOf.senderUserId) orgs.add(n.to.senderOf.senderOrganizationId);
    if (n.kind === "referral_new" && "receiverOf" in n.to) everyReferralOrgs.add(n.referral.receiverOrganizationId);
  }
  const members = await membersOf(db, [...orgs]);
  const everyReferral = await adminsWhoWantEveryReferral(db, [...everyReferralOrgs]);

  const resolved = notices.map((n) => {
    let audience: string[];
    if ("users" in n.to) audience = unique(n.to.users);
    else if ("receiverOf" in n.to) {
      const r = n.to.receiverOf;
      audience = r.assignedUserId ? [r.assignedUserId] : intakeFrom(members.get(r.receiverOrganizationId) ?? []);
    } else {
      const r = n.to.senderOf;
      audience = r.senderUserId ? [r.senderUserId] : caseworkersFrom(members.get(r.senderOrganizationId) ?? []);
    }
    const every =
      n.kind === "referral_new" && "receiverOf" in n.to ? (everyReferral.get(n.referral.receiverOrganizationId) ?? []) : [];
    const userIds = unique([...audience, ...every]).filter((id) => id !== n.exceptUserId);
    const intake = "receiverOf" in n.to && !n.to.receiverOf.assignedUserId;
    // Before assignment the intake address, when set, stands for the intake workers; the admins who
    // asked for every referral are mailed themselves.
    const intakeWorkers = intake ? userIds.filter((id) => audience.includes(id) && !every.includes(id)) : [];
    return { notice: n, userIds, urgent: n.urgent ?? n.referral.urgency === "urgent", intake, intakeWorkers };
  });

  const rows = resolved.flatMap(({ notice, userIds, urgent }) =>
    userIds.map((userId) => ({
      userId,
      referralId: notice.referral.id,
      kind: notice.kind,
      urgent,
      text: notice.text,
      createdAt: notice.at,
    })),
  );
  if (rows.length > 0) await db.insert(notifications).values(rows);

  await mailNotices(
    tx,
    resolved.map(({ notice, userIds, urgent, intake, intakeWorkers }) => ({
      referral: notice.referral,
      text: notice.text,
      mail: notice.mail,
      at: notice.at,
      urgent,
      people: userIds.filter((id) => !intakeWorkers.includes(id)),
      intake: intake ? { organizationId: notice.referral.receiverOrganizationId, workers: intakeWorkers } : null,
    })),
  );
}

/** One notice: {@link notifyAll} with one. */
export async function notify(tx: TransactionContext, notice: Notice) {
  await notifyAll(tx, [notice]);
}

export type { EventMail };
