import { caseworkerRoles, type NotificationKind, type ReferralStatus, type Role } from "@schakel/core";
import { type Database, memberships, notificationSettings, notifications, referralEvents } from "@schakel/db";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { TransactionContext } from "../context";
import { type EventMail, mailNotice } from "../notifications/mail-routing";
import type { ReferralRow } from "./access";

export async function recordEvent(
  db: Database,
  event: {
    referralId: string;
    at: Date;
    actorUserId: string | null;
    actorOrganizationId: string | null;
    type: string;
    fromStatus?: ReferralStatus | null;
    toStatus?: ReferralStatus | null;
    note?: string | null;
    details?: Record<string, unknown>;
  },
) {
  await db.insert(referralEvents).values(event);
}

/**
 * Who is told. The receiving side is its assigned worker once there is one, before that its
 * intake: the organization's workers (its admins only when it has no workers, or when they chose
 * to hear of every new referral); the sending side is the referring worker, or — when they are
 * gone — the sending organization's caseworkers.
 */
export type Audience = { users: string[] } | { receiverOf: ReferralRow } | { senderOf: ReferralRow };

async function activeMembers(db: Database, organizationId: string, roles: readonly Role[]): Promise<string[]> {
  const rows = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(
      and(
        eq(memberships.organizationId, organizationId),
        eq(memberships.status, "active"),
        inArray(memberships.role, [...roles]),
      ),
    )
    .orderBy(asc(memberships.userId));
  return rows.map((r) => r.userId);
}

/** The receiving organization's intake in the app: its workers; an organization without workers, its admins. */
async function intakeOf(db: Database, organizationId: string): Promise<string[]> {
  const workers = await activeMembers(db, organizationId, ["worker"]);
  return workers.length > 0 ? workers : activeMembers(db, organizationId, ["admin"]);
}

/** The organization's active admins who chose to hear of every new referral (notification_settings.all_referrals). */
async function adminsWhoWantEveryReferral(db: Database, organizationId: string): Promise<string[]> {
  const rows = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(notificationSettings, eq(notificationSettings.userId, memberships.userId))
    .where(
      and(
        eq(memberships.organizationId, organizationId),
        eq(memberships.status, "active"),
        eq(memberships.role, "admin"),
        eq(notificationSettings.allReferrals, true),
      ),
    )
    .orderBy(asc(memberships.userId));
  return rows.map((r) => r.userId);
}

/** The people an audience stands for now. */
export async function audienceUserIds(db: Database, to: Audience): Promise<string[]> {
  if ("users" in to) return [...new Set(to.users)];
  if ("receiverOf" in to) {
    const r = to.receiverOf;
    return r.assignedUserId ? [r.assignedUserId] : intakeOf(db, r.receiverOrganizationId);
  }
  const r = to.senderOf;
  return r.senderUserId ? [r.senderUserId] : activeMembers(db, r.senderOrganizationId, caseworkerRoles);
}

/**
 * Tells an audience of something on a referral: in the app, and by mail as each person chose
 * (notification_settings.mail_mode: a mail now, or it waits for their digest; urgent ones are
 * mailed at once). A new, not yet assigned referral's receiving organization is mailed at its
 * intake address when its admin set one, instead of each intake worker; admins who chose
 * `all_referrals` are added for `referral_new`. The text says what happened and to which
 * service, never who the resident is; `kind` is what the digest counts by; an urgent referral's
 * notices are urgent unless said otherwise. Nobody is told of their own act (`exceptUserId`).
 */
export async function notify(
  tx: TransactionContext,
  input: {
    to: Audience;
    kind: NotificationKind;
    referral: ReferralRow;
    text: string;
    at: Date;
    urgent?: boolean;
    /** The person who acted: never told of their own act. */
    exceptUserId?: string | null;
    mail?: EventMail;
  },
) {
  const { db } = tx;
  const intake = "receiverOf" in input.to && !input.to.receiverOf.assignedUserId;
  const audience = await audienceUserIds(db, input.to);
  const everyReferral =
    input.kind === "referral_new" && "receiverOf" in input.to
      ? await adminsWhoWantEveryReferral(db, input.referral.receiverOrganizationId)
      : [];
  const userIds = [...new Set([...audience, ...everyReferral])].filter((id) => id !== input.exceptUserId);
  const urgent = input.urgent ?? input.referral.urgency === "urgent";
  if (userIds.length > 0) {
    await db.insert(notifications).values(
      userIds.map((userId) => ({
        userId,
        referralId: input.referral.id,
        kind: input.kind,
        urgent,
        text: input.text,
        createdAt: input.at,
      })),
    );
  }
  // Before assignment the intake address, when set, stands for the intake workers; the admins who
  // asked for every referral are mailed themselves.
  const intakeWorkers = intake ? userIds.filter((id) => audience.includes(id) && !everyReferral.includes(id)) : [];
  await mailNotice(tx, {
    referral: input.referral,
    text: input.text,
    mail: input.mail,
    at: input.at,
    urgent,
    people: userIds.filter((id) => !intakeWorkers.includes(id)),
    intake: intake ? { organizationId: input.referral.receiverOrganizationId, workers: intakeWorkers } : null,
  });
}

/**
 * Several notices at once (the escalation ladder's batch): each goes to its audience in the app
 * and by mail exactly as {@link notify} sends it — one rule for who hears what.
 */
export async function notifyAll(
  tx: TransactionContext,
  inputs: { to: { receiverOf: ReferralRow } | { senderOf: ReferralRow }; kind: NotificationKind; text: string; at: Date }[],
) {
  for (const input of inputs) {
    const referral = "receiverOf" in input.to ? input.to.receiverOf : input.to.senderOf;
    await notify(tx, { ...input, referral });
  }
}

export type { EventMail };
