import { caseworkerRoles, type NotificationKind, type ReferralStatus } from "@schakel/core";
import { type Database, memberships, notifications, referralEvents } from "@schakel/db";
import { and, eq, inArray } from "drizzle-orm";
import type { TransactionContext } from "../context";
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
 * intake (the caseworkers); the sending side is the referring worker, or — when they are gone —
 * the sending organization's caseworkers.
 */
export type Audience = { users: string[] } | { receiverOf: ReferralRow } | { senderOf: ReferralRow };

async function caseworkersOf(db: Database, organizationId: string): Promise<string[]> {
  const rows = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(
      and(
        eq(memberships.organizationId, organizationId),
        eq(memberships.status, "active"),
        inArray(memberships.role, [...caseworkerRoles]),
      ),
    );
  return rows.map((r) => r.userId);
}

/** The people an audience stands for now. */
export async function audienceUserIds(db: Database, to: Audience): Promise<string[]> {
  if ("users" in to) return [...new Set(to.users)];
  if ("receiverOf" in to) {
    const r = to.receiverOf;
    return r.assignedUserId ? [r.assignedUserId] : caseworkersOf(db, r.receiverOrganizationId);
  }
  const r = to.senderOf;
  return r.senderUserId ? [r.senderUserId] : caseworkersOf(db, r.senderOrganizationId);
}

/**
 * Tells an audience of something on a referral, in the app. The text says what happened and
 * to which service, never who the resident is; `kind` is what the digest counts by; an urgent
 * referral's notices are urgent unless said otherwise. Nobody is told of their own act (`actorUserId`).
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
    actorUserId?: string | null;
  },
) {
  const userIds = (await audienceUserIds(tx.db, input.to)).filter((id) => id !== input.actorUserId);
  if (userIds.length === 0) return;
  const urgent = input.urgent ?? input.referral.urgency === "urgent";
  await tx.db.insert(notifications).values(
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

/**
 * notify() for many notices at once (the escalation ladder's batch): the audiences resolved in
 * one query and the notifications written in one statement, as notify() would write them one by one.
 */
export async function notifyAll(
  tx: TransactionContext,
  inputs: { to: { receiverOf: ReferralRow } | { senderOf: ReferralRow }; kind: NotificationKind; text: string; at: Date }[],
) {
  if (inputs.length === 0) return;
  const intakes = new Set<string>();
  for (const input of inputs) {
    if ("receiverOf" in input.to && !input.to.receiverOf.assignedUserId) intakes.add(input.to.receiverOf.receiverOrganizationId);
    if ("senderOf" in input.to && !input.to.senderOf.senderUserId) intakes.add(input.to.senderOf.senderOrganizationId);
  }
  const caseworkers = new Map<string, string[]>();
  if (intakes.size > 0) {
    const rows = await tx.db
      .select({ organizationId: memberships.organizationId, userId: memberships.userId })
      .from(memberships)
      .where(
        and(
          inArray(memberships.organizationId, [...intakes]),
          eq(memberships.status, "active"),
          inArray(memberships.role, [...caseworkerRoles]),
        ),
      );
    for (const r of rows) caseworkers.set(r.organizationId, [...(caseworkers.get(r.organizationId) ?? []), r.userId]);
  }
  const values = inputs.flatMap((input) => {
    const referral = "receiverOf" in input.to ? input.to.receiverOf : input.to.senderOf;
    const person = "receiverOf" in input.to ? referral.assignedUserId : referral.senderUserId;
    const org = "receiverOf" in input.to ? referral.receiverOrganizationId : referral.senderOrganizationId;
    const userIds = person ? [person] : (caseworkers.get(org) ?? []);
    return userIds.map((userId) => ({
      userId,
      referralId: referral.id,
      kind: input.kind,
      urgent: referral.urgency === "urgent",
      text: input.text,
      createdAt: input.at,
    }));
  });
  if (values.length > 0) await tx.db.insert(notifications).values(values);
}
