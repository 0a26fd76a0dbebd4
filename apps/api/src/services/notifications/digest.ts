import {
  amsterdamDate,
  caseworkerRoles,
  DIGEST_HOUR,
  formatReference,
  isWorkingDay,
  type NotificationKind,
  notificationKindLabels,
  notificationKinds,
  openStatuses,
} from "@schakel/core";
import {
  type Database,
  digestRuns,
  memberships,
  notificationSettings,
  notifications,
  organizations,
  referrals,
  users,
} from "@schakel/db";
import { and, asc, desc, eq, exists, gt, inArray, isNull, lt, lte, notExists, or, type SQL } from "drizzle-orm";
import { mailAfterCommit } from "../../mail/outbox";
import { type ServiceContext, withTransaction } from "../context";
import { PRIVACY_LINE, settingsLink } from "./mail-routing";

const DAY = 86_400_000;
/** A first digest looks back this far. */
const FIRST_LOOKBACK_MS = 7 * DAY;
/** A line lists at most this many references, then "en nog n". */
const MAX_REFERENCES = 25;

const hourInAmsterdam = (now: Date) =>
  Number(new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Amsterdam", hour: "2-digit", hourCycle: "h23" }).format(now));

/** The Amsterdam day (YYYY-MM-DD) whose digest is due at `now`, or null: not a working day, or before DIGEST_HOUR. */
export function digestDayAt(now: Date): string | null {
  const day = amsterdamDate(now);
  if (!isWorkingDay(day) || hourInAmsterdam(now) < DIGEST_HOUR) return null;
  return day.toISOString().slice(0, 10);
}

interface Box {
  title: string;
  changes: Map<NotificationKind, { count: number; references: Set<number> }>;
  overdue: Set<number>;
}

const referenceList = (refs: Iterable<number>) => {
  const sorted = [...refs].sort((a, b) => a - b);
  const shown = sorted.slice(0, MAX_REFERENCES).map(formatReference).join(", ");
  return sorted.length > MAX_REFERENCES ? `${shown} en nog ${sorted.length - MAX_REFERENCES}` : shown;
};

/**
 * What one person's digest says: per box (each organization's received and sent referrals) the
 * notifications since `since`, counted per kind with their references, and the open referrals
 * of that box that are overdue now (`due_at <= now`) and theirs to watch — received: assigned
 * to them, or not yet assigned when they are the intake; sent: those they sent (an admin who
 * chose every referral: all of the organization's); a coordinator has no overdue lists, only
 * what they were told. Counts and references only. Empty when there is nothing to say.
 */
export async function digestBoxes(db: Database, userId: string, since: Date, now: Date): Promise<Box[]> {
  const roles = await db
    .select({
      organizationId: memberships.organizationId,
      role: memberships.role,
      name: organizations.name,
      allReferrals: notificationSettings.allReferrals,
    })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .leftJoin(notificationSettings, eq(notificationSettings.userId, memberships.userId))
    .where(and(eq(memberships.userId, userId), eq(memberships.status, "active")))
    .orderBy(asc(organizations.name), asc(memberships.organizationId));
  if (roles.length === 0) return [];

  const boxes = new Map<string, Box>();
  const box = (key: string, title: string) => {
    let b = boxes.get(key);
    if (!b) {
      b = { title, changes: new Map(), overdue: new Set() };
      boxes.set(key, b);
    }
    return b;
  };
  // Fixed order: per organization, received then sent.
  for (const r of roles) {
    box(`received:${r.organizationId}`, `Ontvangen door ${r.name}`);
    box(`sent:${r.organizationId}`, `Verstuurd door ${r.name}`);
  }
  const orgIds = new Set(roles.map((r) => r.organizationId));

  const changes = await db
    .select({
      kind: notifications.kind,
      reference: referrals.reference,
      senderOrganizationId: referrals.senderOrganizationId,
      receiverOrganizationId: referrals.receiverOrganizationId,
    })
    .from(notifications)
    .innerJoin(referrals, eq(referrals.id, notifications.referralId))
    .where(and(eq(notifications.userId, userId), gt(notifications.createdAt, since), lte(notifications.createdAt, now)))
    .orderBy(asc(notifications.createdAt), asc(notifications.id));
  for (const c of changes) {
    // Only boxes they still belong to: who left an organization hears nothing more of its referrals.
    const key = orgIds.has(c.receiverOrganizationId)
      ? `received:${c.receiverOrganizationId}`
      : orgIds.has(c.senderOrganizationId)
        ? `sent:${c.senderOrganizationId}`
        : null;
    const b = key ? boxes.get(key) : undefined;
    if (!b) continue;
    const line = b.changes.get(c.kind) ?? { count: 0, references: new Set<number>() };
    line.count++;
    line.references.add(c.reference);
    b.changes.set(c.kind, line);
  }

  // Overdue referrals are watched by caseworkers; a coordinator's digest has only what they were told.
  for (const r of roles.filter((x) => (caseworkerRoles as readonly string[]).includes(x.role))) {
    const everything = r.role === "admin" && r.allReferrals === true;
    let intake = r.role === "worker" || everything;
    if (!intake) {
      const [worker] = await db
        .select({ id: memberships.id })
        .from(memberships)
        .where(
          and(eq(memberships.organizationId, r.organizationId), eq(memberships.status, "active"), eq(memberships.role, "worker")),
        )
        .limit(1);
      intake = !worker;
    }
    const late = (side: SQL) =>
      db
        .select({ reference: referrals.reference })
        .from(referrals)
        .where(and(side, inArray(referrals.status, openStatuses), lte(referrals.dueAt, now)))
        .orderBy(asc(referrals.reference));
    const received = await late(
      and(
        eq(referrals.receiverOrganizationId, r.organizationId),
        everything ? undefined : or(eq(referrals.assignedUserId, userId), intake ? isNull(referrals.assignedUserId) : undefined),
      ) as SQL,
    );
    const sent = await late(
      and(
        eq(referrals.senderOrganizationId, r.organizationId),
        everything ? undefined : eq(referrals.senderUserId, userId),
      ) as SQL,
    );
    for (const x of received) boxes.get(`received:${r.organizationId}`)?.overdue.add(x.reference);
    for (const x of sent) boxes.get(`sent:${r.organizationId}`)?.overdue.add(x.reference);
  }
  return [...boxes.values()].filter((b) => b.changes.size > 0 || b.overdue.size > 0);
}

/** The digest mail's text: counts and references per box, a link, never a name or free text. */
export function digestText(ctx: { baseUrl: string }, boxes: Box[], since: Date): string {
  const when = new Intl.DateTimeFormat("nl-NL", {
    timeZone: "Europe/Amsterdam",
    weekday: "long",
    day: "numeric",
    month: "long",
    hour: "2-digit",
    minute: "2-digit",
  }).format(since);
  const lines = ["Goedemorgen,", "", `Dit is je overzicht van Schakel: wat er is veranderd sinds ${when}, en wat te laat is.`];
  for (const b of boxes) {
    lines.push("", `${b.title}:`);
    for (const kind of notificationKinds) {
      const line = b.changes.get(kind);
      if (line) lines.push(`- ${notificationKindLabels[kind]}: ${line.count} (${referenceList(line.references)})`);
    }
    if (b.overdue.size > 0) lines.push(`- Te laat, nog open: ${b.overdue.size} (${referenceList(b.overdue)})`);
  }
  lines.push(
    "",
    "Bekijk je verwijzingen in Schakel:",
    `${ctx.baseUrl.replace(/\/$/, "")}/verwijzingen`,
    "",
    PRIVACY_LINE,
    "Je krijgt dit overzicht omdat je hebt gekozen voor één overzicht per werkdag.",
    `Dat wijzig je bij Instellingen: ${settingsLink(ctx)}`,
  );
  return lines.join("\n");
}

/**
 * Sends one person's digest for `day`, once: the digest_runs row is inserted first and the mail
 * goes only if this run inserted it (a second scheduler, or a rerun, finds it there). Nothing to
 * say: no mail, but a row that covers nothing (`coveredUntil` stays at `since`, `sentAt` null),
 * so the job does not ask again every few minutes of that day and the next digest starts where
 * the last one did.
 */
async function digestFor(ctx: ServiceContext, userId: string, day: string, now: Date): Promise<"sent" | "quiet" | "taken"> {
  return withTransaction(ctx, async (tx, txCtx) => {
    const [previous] = await tx
      .select({ coveredUntil: digestRuns.coveredUntil })
      .from(digestRuns)
      .where(and(eq(digestRuns.userId, userId), lt(digestRuns.day, day)))
      .orderBy(desc(digestRuns.day))
      .limit(1);
    const since = previous?.coveredUntil ?? new Date(now.getTime() - FIRST_LOOKBACK_MS);
    const boxes = await digestBoxes(tx, userId, since, now);
    if (boxes.length === 0) {
      await tx.insert(digestRuns).values({ userId, day, coveredUntil: since, sentAt: null }).onConflictDoNothing();
      return "quiet";
    }
    const inserted = await tx
      .insert(digestRuns)
      .values({ userId, day, coveredUntil: now, sentAt: now })
      .onConflictDoNothing()
      .returning({ userId: digestRuns.userId });
    if (inserted.length === 0) return "taken";
    const [user] = await tx.select({ email: users.email }).from(users).where(eq(users.id, userId));
    if (!user) return "quiet";
    const date = new Intl.DateTimeFormat("nl-NL", {
      timeZone: "Europe/Amsterdam",
      weekday: "long",
      day: "numeric",
      month: "long",
    }).format(now);
    await mailAfterCommit(txCtx, {
      to: user.email,
      kind: "digest",
      subject: `Je overzicht van Schakel, ${date}`,
      text: digestText(txCtx, boxes, since),
      at: now,
    });
    return "sent";
  });
}

/**
 * The daily digest (a scheduler job): from DIGEST_HOUR Europe/Amsterdam on working days, each
 * active member who chose the digest (or made no choice: core DEFAULT_MAIL_MODE) and has no
 * digest for today yet, and has something to say — a notification since their last digest, or
 * an overdue referral in one of their organizations — gets one mail.
 */
export async function sendDailyDigests(ctx: ServiceContext, now: Date): Promise<Record<string, number>> {
  const day = digestDayAt(now);
  if (!day) return { due: 0 };
  const { db } = ctx;
  const lastCovered = db
    .select({ at: digestRuns.coveredUntil })
    .from(digestRuns)
    .where(eq(digestRuns.userId, memberships.userId))
    .orderBy(desc(digestRuns.day))
    .limit(1);
  const candidates = await db
    .selectDistinct({ userId: memberships.userId })
    .from(memberships)
    .leftJoin(notificationSettings, eq(notificationSettings.userId, memberships.userId))
    .where(
      and(
        eq(memberships.status, "active"),
        or(isNull(notificationSettings.userId), eq(notificationSettings.mailMode, "digest")),
        // Not yet done today …
        notExistsRun(db, day),
        // … and possibly something to say.
        or(
          exists(
            db
              .select({ id: notifications.id })
              .from(notifications)
              .where(
                and(
                  eq(notifications.userId, memberships.userId),
                  lte(notifications.createdAt, now),
                  gt(notifications.createdAt, new Date(now.getTime() - FIRST_LOOKBACK_MS)),
                ),
              ),
          ),
          exists(
            db
              .select({ id: notifications.id })
              .from(notifications)
              .where(and(eq(notifications.userId, memberships.userId), gt(notifications.createdAt, lastCovered))),
          ),
          exists(
            db
              .select({ id: referrals.id })
              .from(referrals)
              .where(
                and(
                  or(
                    eq(referrals.receiverOrganizationId, memberships.organizationId),
                    eq(referrals.senderOrganizationId, memberships.organizationId),
                  ),
                  inArray(referrals.status, openStatuses),
                  lte(referrals.dueAt, now),
                ),
              ),
          ),
        ),
      ),
    )
    .orderBy(asc(memberships.userId));
  const counts = { sent: 0, quiet: 0, taken: 0 };
  for (const c of candidates) counts[await digestFor(ctx, c.userId, day, now)]++;
  return counts;
}

function notExistsRun(db: Database, day: string) {
  return notExists(
    db
      .select({ userId: digestRuns.userId })
      .from(digestRuns)
      .where(and(eq(digestRuns.userId, memberships.userId), eq(digestRuns.day, day))),
  );
}
