import {
  dueDateOf,
  type FeedbackLevel,
  feedbackLevels,
  openStatuses,
  type ReferralStatus,
  type ReferralViewStatus,
  referralStatuses,
  senderCanSee,
  senderVisibleStatus,
  type Urgency,
} from "@schakel/core";
import { consents, type Database, organizations, referralEvents, referrals, residents, services, users } from "@schakel/db";
import { and, count, eq, inArray, isNotNull, isNull, type SQL, sql } from "drizzle-orm";
import { alias, type PgSelect } from "drizzle-orm/pg-core";
import { referralListCursor } from "../../lib/cursor";
import { notFound } from "../../lib/problem";
import { logResidentAccess } from "../access-log";
import { actingAs, actingOrganizationIds, actingUserId } from "../actor";
import { requireActor, type ServiceContext, withTransaction } from "../context";
import type { Side } from "./access";
import { receiverAccess } from "./view";

export type Box = "inbox" | "outbox";

export interface ReferralListInput {
  box: Box;
  organizationId?: string;
  status?: ReferralViewStatus[];
  overdue?: boolean;
  urgency?: Urgency;
  service?: string;
  assignedTo?: string;
  /** Declined with a suggested service instead. */
  suggestion?: boolean;
  /** Outbox: the sender-visible status changed after this instant (their last visit, say). */
  changedSince?: Date;
  cursor?: string;
  limit: number;
}

export type ReferralFilterInput = Omit<ReferralListInput, "cursor" | "limit">;

const list = (values: readonly string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );
const isOpen = sql`${referrals.status} in (${list(openStatuses)})`;

/**
 * The sort key, all ascending: overdue first, then urgent (both only for open referrals: a closed
 * one needs nobody), then the one waiting longest, then id.
 */
const overdueRank = (asOf: Date) =>
  sql<number>`(case when ${isOpen} and ${referrals.dueAt} <= ${asOf.toISOString()}::timestamptz then 0 else 1 end)`;
const urgentRank = sql<number>`(case when ${isOpen} and ${referrals.urgency} = 'urgent' then 0 else 1 end)`;

/** The sender's feedback level per referral, in SQL — as receiverAccess decides it in view.ts. */
const feedbackLevelSql = sql`(case when ${referrals.lawfulBasis} = 'wgs_task' or ${referrals.consentId} is null then 'status'
  else coalesce(${consents.feedbackLevel}::text, 'contact_only') end)`;

/**
 * The outbox's status filter: the referrals whose status, as the sender is shown it
 * (core senderVisibleStatus), is one of `wanted`. Built from the core rule itself — every
 * (level, status, paused-from) it maps into `wanted` — so SQL and core cannot drift apart.
 */
function senderStatusFilter(wanted: readonly ReferralViewStatus[]): { where: SQL; needsConsent: boolean } {
  const tuples: [FeedbackLevel, ReferralStatus, string][] = [];
  for (const level of feedbackLevels) {
    for (const status of referralStatuses) {
      const pausedFroms: (ReferralStatus | null)[] = status === "on_hold" ? [null, ...referralStatuses] : [null];
      for (const pausedFrom of pausedFroms) {
        if (wanted.includes(senderVisibleStatus(level, { status, pausedFrom }))) tuples.push([level, status, pausedFrom ?? ""]);
      }
    }
  }
  if (tuples.length === 0) return { where: sql`false`, needsConsent: false };
  const real = [...new Set(tuples.map(([, status]) => status))];
  // When whole statuses match at every level (the open ones, say), the status alone decides.
  const perStatus = (status: ReferralStatus) => feedbackLevels.length * (status === "on_hold" ? referralStatuses.length + 1 : 1);
  if (tuples.length === real.reduce((n, status) => n + perStatus(status), 0)) {
    return { where: inArray(referrals.status, real), needsConsent: false };
  }
  const where = sql`${inArray(referrals.status, real)} and (${feedbackLevelSql}, ${referrals.status}::text,
    case when ${referrals.status} = 'on_hold' then coalesce(${referrals.pausedFrom}::text, '') else '' end)
    in (${sql.join(
      tuples.map(([l, s, p]) => sql`(${l}, ${s}, ${p})`),
      sql`, `,
    )})`;
  return { where, needsConsent: true };
}

/**
 * The moves the sender sees as a change under contact_only: from a status to one that looks
 * different to them (core senderVisibleStatus). Under the other levels every move shows.
 */
function contactOnlyVisibleMoves(): [ReferralStatus, ReferralStatus][] {
  const moves: [ReferralStatus, ReferralStatus][] = [];
  for (const from of referralStatuses) {
    for (const to of referralStatuses) {
      if (from === to) continue;
      // Pausing remembers where it came from; resuming returns there.
      const before = senderVisibleStatus("contact_only", { status: from, pausedFrom: from === "on_hold" ? to : null });
      const after = senderVisibleStatus("contact_only", { status: to, pausedFrom: to === "on_hold" ? from : null });
      if (before !== after) moves.push([from, to]);
    }
  }
  return moves;
}
const visibleToContactOnly = contactOnlyVisibleMoves();

/**
 * Something the sender should look at happened after `since`: a move they can see as one, a
 * message from the receiving side (addressed to them at every feedback level), or the ladder
 * telling them the receiver is late.
 */
function changedSinceFilter(since: Date): SQL {
  const visibleMove = sql`${referralEvents.type} = 'status_changed' and ${referralEvents.fromStatus} is not null
    and (${feedbackLevelSql} <> 'contact_only' or (${referralEvents.fromStatus}::text, ${referralEvents.toStatus}::text) in (${sql.join(
      visibleToContactOnly.map(([f, t]) => sql`(${f}, ${t})`),
      sql`, `,
    )}))`;
  const receiverMessage = sql`${referralEvents.type} = 'message' and ${referralEvents.actorOrganizationId} = ${referrals.receiverOrganizationId}`;
  const toldLate = sql`${referralEvents.type} = 'escalation' and ${referralEvents.details}->>'rung' = 'tell_sender'`;
  return sql`exists (select 1 from ${referralEvents} where ${referralEvents.referralId} = ${referrals.id}
    and ${referralEvents.at} > ${since.toISOString()}::timestamptz
    and ((${visibleMove}) or (${receiverMessage}) or (${toldLate})))`;
}

/**
 * The WHERE of a list of one side's referrals in the given organizations, and whether it needs
 * the consent joined (the sender's feedback level). Shared by the list and the overview's counts.
 */
export function referralFilters(
  input: ReferralFilterInput,
  orgs: readonly string[],
  /** For `assignedTo=me`; an API token is nobody, so "me" matches nothing for it. */
  actorUserId: string | null,
  asOf: Date,
): { filters: (SQL | undefined)[]; needsConsent: boolean } {
  const ownSide = input.box === "inbox" ? referrals.receiverOrganizationId : referrals.senderOrganizationId;
  const filters: (SQL | undefined)[] = [inArray(ownSide, [...orgs])];

  const statuses = input.status ?? [...openStatuses];
  let needsConsent = false;
  if (input.box === "outbox") {
    const filter = senderStatusFilter(statuses);
    filters.push(filter.where);
    needsConsent = filter.needsConsent;
  } else {
    const real = statuses.filter((s): s is ReferralStatus => s !== "closed");
    filters.push(real.length > 0 ? inArray(referrals.status, real) : sql`false`);
  }
  if (input.overdue !== undefined) {
    const overdue = sql`${isOpen} and ${referrals.dueAt} <= ${asOf.toISOString()}::timestamptz`;
    filters.push(input.overdue ? overdue : sql`not (${overdue})`);
  }
  if (input.urgency) filters.push(eq(referrals.urgency, input.urgency));
  if (input.service) filters.push(eq(referrals.serviceId, input.service));
  if (input.assignedTo) {
    const person = input.box === "inbox" ? referrals.assignedUserId : referrals.senderUserId;
    const who = input.assignedTo === "me" ? actorUserId : input.assignedTo;
    filters.push(input.assignedTo === "none" ? isNull(person) : who === null ? sql`false` : eq(person, who));
  }
  if (input.suggestion !== undefined) {
    // A decline is visible to the sender at every feedback level, so this reveals nothing more.
    const suggested = and(eq(referrals.status, "declined"), isNotNull(referrals.suggestedServiceId));
    filters.push(input.suggestion ? suggested : sql`not (${suggested})`);
  }
  if (input.changedSince && input.box === "outbox") {
    filters.push(changedSinceFilter(input.changedSince));
    needsConsent = true;
  }
  return { filters, needsConsent };
}

/** The consent decides the sender's feedback level: joined only when the filter needs it. */
export const joinConsentIf =
  (needsConsent: boolean) =>
  <T extends PgSelect>(query: T): T =>
    needsConsent ? (query.leftJoin(consents, eq(consents.id, referrals.consentId)) as unknown as T) : query;

/** How many referrals match the filters. */
export async function countReferrals(db: Database, where: { filters: (SQL | undefined)[]; needsConsent: boolean }) {
  const [counted] = await joinConsentIf(where.needsConsent)(db.select({ n: count() }).from(referrals).$dynamic()).where(
    and(...where.filters),
  );
  return Number(counted?.n ?? 0);
}

/** A sort rank as the cursor carries it (the database may hand it over as text). */
const rank = (n: unknown): 0 | 1 => (Number(n) === 1 ? 1 : 0);

function decodeListCursor(cursor: string | undefined) {
  const parts = referralListCursor.decode(cursor);
  if (!parts) return null;
  const [asOf, overdue, urgent, lastMoveAt, id] = parts;
  return { asOf, overdue, urgent, lastMoveAt: lastMoveAt.toISOString(), id };
}

/**
 * The inbox (referrals the actor's organizations received) or outbox (sent), overdue first, then
 * urgent, then the one waiting longest. Items are compact: only the sender, and a receiver while
 * consent (or the Wgs) holds and contact details were shared, see the resident's name — and
 * reading names is logged, one access-log row per page and organization. The sender sees each
 * status within the resident's feedback level, also when filtering.
 *
 * Pages are consistent in time: the cursor carries the instant of the first page, so a referral
 * that turns overdue while someone pages does not jump between pages.
 */
export async function listReferrals(ctx: ServiceContext, input: ReferralListInput) {
  const actor = requireActor(ctx, { scope: "referrals:read" });
  const after = decodeListCursor(input.cursor);
  const asOf = after?.asOf ?? ctx.clock.now();
  const side: Side = input.box === "inbox" ? "receiver" : "sender";

  return withTransaction(ctx, async (tx) => {
    const ownOrgs = await actingOrganizationIds(tx, actor);
    if (input.organizationId && !ownOrgs.has(input.organizationId)) {
      throw notFound("Deze organisatie bestaat niet of je werkt er niet.");
    }
    const orgs = input.organizationId ? [input.organizationId] : [...ownOrgs];
    if (orgs.length === 0) return { data: [], meta: { nextCursor: null, total: 0 } };

    const otherSide = input.box === "inbox" ? referrals.senderOrganizationId : referrals.receiverOrganizationId;
    const where = referralFilters(input, orgs, actingUserId(actor), asOf);
    const { filters } = where;

    // Rank the page on the narrow sort key first (from the index alone where it can), then fetch
    // the details of just those rows.
    const ov = overdueRank(asOf);
    const assignee = alias(users, "assignee");
    const suggestedService = alias(services, "suggested_service");
    const withConsent = joinConsentIf(where.needsConsent);
    const pageKeys = withConsent(
      tx
        .select({
          id: sql<string>`${referrals.id}`.as("page_id"),
          overdueRank: ov.as("overdue_rank"),
          urgentRank: urgentRank.as("urgent_rank"),
          lastMoveAt: sql<Date>`${referrals.lastMoveAt}`.as("page_last_move_at"),
        })
        .from(referrals)
        .$dynamic(),
    )
      .where(
        and(
          ...filters,
          after
            ? sql`(${ov}, ${urgentRank}, ${referrals.lastMoveAt}, ${referrals.id}) > (${after.overdue}::int, ${after.urgent}::int, ${after.lastMoveAt}::timestamptz, ${after.id}::uuid)`
            : undefined,
        ),
      )
      .orderBy(ov, urgentRank, referrals.lastMoveAt, referrals.id)
      .limit(input.limit + 1)
      .as("page");

    const page = await tx
      .select({
        id: referrals.id,
        status: referrals.status,
        pausedFrom: referrals.pausedFrom,
        urgency: referrals.urgency,
        lastMoveAt: referrals.lastMoveAt,
        dueAt: referrals.dueAt,
        reference: referrals.reference,
        assignedUserId: referrals.assignedUserId,
        assigneeName: assignee.name,
        outcome: referrals.outcome,
        moneyOutcomeCents: referrals.moneyOutcomeCents,
        suggestedServiceId: referrals.suggestedServiceId,
        suggestedServiceName: suggestedService.name,
        expiryReason: referrals.expiryReason,
        lateSince: referrals.lateSince,
        closedAt: referrals.closedAt,
        senderOrganizationId: referrals.senderOrganizationId,
        receiverOrganizationId: referrals.receiverOrganizationId,
        lawfulBasis: referrals.lawfulBasis,
        consentId: referrals.consentId,
        dataCategories: referrals.dataCategories,
        residentId: referrals.residentId,
        residentName: residents.name,
        residentAnonymizedAt: residents.anonymizedAt,
        serviceId: referrals.serviceId,
        serviceName: services.name,
        counterpartId: organizations.id,
        counterpartName: organizations.name,
        consentValidUntil: consents.validUntil,
        consentWithdrawnAt: consents.withdrawnAt,
        consentFeedbackLevel: consents.feedbackLevel,
        overdueRank: pageKeys.overdueRank,
        urgentRank: pageKeys.urgentRank,
      })
      .from(pageKeys)
      .innerJoin(referrals, eq(referrals.id, pageKeys.id))
      .innerJoin(services, eq(services.id, referrals.serviceId))
      .innerJoin(organizations, eq(organizations.id, otherSide))
      .innerJoin(residents, eq(residents.id, referrals.residentId))
      .leftJoin(consents, eq(consents.id, referrals.consentId))
      .leftJoin(assignee, eq(assignee.id, referrals.assignedUserId))
      .leftJoin(suggestedService, eq(suggestedService.id, referrals.suggestedServiceId))
      .orderBy(pageKeys.overdueRank, pageKeys.urgentRank, pageKeys.lastMoveAt, pageKeys.id);

    const total = await countReferrals(tx, where);

    const rows = page.slice(0, input.limit);
    const now = ctx.clock.now();
    const data = rows.map((r) => {
      const consent =
        r.consentValidUntil && r.consentFeedbackLevel
          ? { validUntil: r.consentValidUntil, withdrawnAt: r.consentWithdrawnAt, feedbackLevel: r.consentFeedbackLevel }
          : null;
      // Access is decided now, not as of the first page: a consent that ran out meanwhile counts.
      const { access, feedbackLevel } = receiverAccess(r, consent, now);
      // Someone in both organizations sees the sender's view, as on the referral itself.
      const asSender = side === "sender" || ownOrgs.has(r.senderOrganizationId);
      const showsName = !r.residentAnonymizedAt && (asSender || (access && r.dataCategories.includes("contact")));
      const progress = side === "sender" ? senderCanSee(feedbackLevel, r) : r;
      return {
        id: r.id,
        reference: r.reference,
        side,
        status: progress.status,
        outcome: progress.outcome,
        suggestedService:
          r.suggestedServiceId && r.suggestedServiceName ? { id: r.suggestedServiceId, name: r.suggestedServiceName } : null,
        expiryReason: r.expiryReason,
        lateSince: r.lateSince?.toISOString() ?? null,
        closedAt: r.closedAt?.toISOString() ?? null,
        // The receiver's colleague on it, by name, for the receiving side only.
        assignee: side === "receiver" && r.assignedUserId ? { id: r.assignedUserId, name: r.assigneeName ?? "" } : null,
        service: { id: r.serviceId, name: r.serviceName },
        counterpart: { id: r.counterpartId, name: r.counterpartName },
        urgency: r.urgency,
        overdue: r.overdueRank === 0,
        dueDate: dueDateOf(r.dueAt),
        lastMoveAt: r.lastMoveAt.toISOString(),
        assignedUserId: r.assignedUserId,
        residentName: showsName ? r.residentName : null,
        // For the access log only.
        residentId: r.residentId,
        ownOrganizationId: side === "sender" ? r.senderOrganizationId : r.receiverOrganizationId,
      };
    });

    const named = data.filter((d) => d.residentName !== null);
    const byOrganization = new Map<string, typeof named>();
    for (const d of named) byOrganization.set(d.ownOrganizationId, [...(byOrganization.get(d.ownOrganizationId) ?? []), d]);
    await logResidentAccess(
      tx,
      [...byOrganization].map(([organizationId, items]) => ({
        at: now,
        ...actingAs(actor),
        organizationId,
        action: "referral.list",
        residentId: null,
        details: {
          box: input.box,
          residentIds: [...new Set(items.map((i) => i.residentId))],
          referralIds: items.map((i) => i.id),
          shown: ["name"],
        },
      })),
    );

    const last = rows.at(-1);
    const lastRow = page[input.limit - 1];
    return {
      data: data.map(({ residentId: _r, ownOrganizationId: _o, ...item }) => item),
      meta: {
        nextCursor:
          page.length > input.limit && last && lastRow
            ? referralListCursor.encode([asOf, rank(lastRow.overdueRank), rank(lastRow.urgentRank), last.lastMoveAt, last.id])
            : null,
        total,
      },
    };
  });
}
