import { accessLog, apiTokens, organizations, users } from "@schakel/db";
import { and, desc, eq, gte, isNull, lt, or, type SQL, sql } from "drizzle-orm";
import { instantSerialCursor } from "../../lib/cursor";
import { recordAccess } from "../access-log";
import { requireActor, type ServiceContext, withTransaction } from "../context";
import { requirePrivacyAdmin } from "./authorize";

export interface AccessLogQuery {
  organizationId: string;
  from?: string;
  to?: string;
  action?: string;
  subjectType?: string;
  residentId?: string;
  actorUserId?: string;
  cursor?: string;
  limit: number;
}

/**
 * Entries about one resident: those with the resident as subject, and entries about several
 * residents at once (a list) that name the resident in details.residentIds — the same rows the
 * resident's export finds. Served by the (subject_type, subject_id) index and the GIN index on
 * details.
 */
const aboutResident = (residentId: string) =>
  or(
    and(eq(accessLog.subjectType, "resident"), eq(accessLog.subjectId, residentId)),
    and(
      eq(accessLog.subjectType, "resident"),
      isNull(accessLog.subjectId),
      sql`${accessLog.details} @> ${JSON.stringify({ residentIds: [residentId] })}::jsonb`,
    ),
  );

/**
 * The access log of one organization, newest first, for its admins: every read or change of
 * personal data the organization holds or received. Reading the log is itself logged.
 */
export async function listAccessLog(ctx: ServiceContext, input: AccessLogQuery) {
  const actor = requireActor(ctx);
  return withTransaction(ctx, async (tx) => {
    await requirePrivacyAdmin(tx, actor.userId, input.organizationId, {
      notFound: "Deze organisatie bestaat niet of je bent er geen lid van.",
      forbidden: "Alleen beheerders van deze organisatie kunnen het toegangslogboek inzien.",
    });
    const filters: (SQL | undefined)[] = [eq(accessLog.organizationId, input.organizationId)];
    if (input.from) filters.push(gte(accessLog.at, new Date(input.from)));
    if (input.to) filters.push(lt(accessLog.at, new Date(input.to)));
    if (input.action) filters.push(eq(accessLog.action, input.action));
    if (input.subjectType) filters.push(eq(accessLog.subjectType, input.subjectType));
    // Only within this organization's log, so a resident of another organization gives an empty
    // page, exactly like an id that does not exist.
    if (input.residentId) filters.push(aboutResident(input.residentId.toLowerCase()));
    if (input.actorUserId) filters.push(eq(accessLog.actorUserId, input.actorUserId));
    const after = instantSerialCursor.decode(input.cursor);
    if (after) {
      const [at, id] = after;
      filters.push(or(lt(accessLog.at, at), and(eq(accessLog.at, at), lt(accessLog.id, id))));
    }
    const rows = await tx
      .select({
        id: accessLog.id,
        at: accessLog.at,
        userId: users.id,
        userName: users.name,
        apiTokenId: apiTokens.id,
        apiTokenName: apiTokens.name,
        organizationId: organizations.id,
        organizationName: organizations.name,
        action: accessLog.action,
        subjectType: accessLog.subjectType,
        subjectId: accessLog.subjectId,
        reason: accessLog.reason,
        details: accessLog.details,
      })
      .from(accessLog)
      .leftJoin(users, eq(users.id, accessLog.actorUserId))
      .leftJoin(apiTokens, eq(apiTokens.id, accessLog.actorApiTokenId))
      .leftJoin(organizations, eq(organizations.id, accessLog.actorOrganizationId))
      .where(and(...filters))
      .orderBy(desc(accessLog.at), desc(accessLog.id))
      .limit(input.limit + 1);
    const page = rows.slice(0, input.limit);

    await recordAccess(tx, {
      at: ctx.clock.now(),
      actorUserId: actor.userId,
      actorOrganizationId: input.organizationId,
      action: "access-log.list",
      subjectType: "organization",
      subjectId: input.organizationId,
      organizationId: input.organizationId,
      details: {
        count: page.length,
        ...Object.fromEntries(
          (["from", "to", "action", "subjectType", "residentId", "actorUserId"] as const)
            .filter((k) => input[k])
            .map((k) => [k, input[k]]),
        ),
      },
    });

    const last = page.at(-1);
    return {
      data: page.map((r) => ({
        id: r.id,
        at: r.at.toISOString(),
        actor: {
          user: r.userId ? { id: r.userId, name: r.userName ?? "" } : null,
          apiToken: r.apiTokenId ? { id: r.apiTokenId, name: r.apiTokenName ?? "" } : null,
          organization: r.organizationId ? { id: r.organizationId, name: r.organizationName ?? "" } : null,
        },
        action: r.action,
        subjectType: r.subjectType,
        subjectId: r.subjectId,
        reason: r.reason,
        details: r.details,
      })),
      meta: {
        nextCursor: rows.length > input.limit && last ? instantSerialCursor.encode([last.at, last.id]) : null,
      },
    };
  });
}
