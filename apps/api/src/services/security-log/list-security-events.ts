import type { SecurityEventKind } from "@schakel/core";
import { organizations, securityEvents, users } from "@schakel/db";
import { and, desc, eq, gte, lt, or, type SQL } from "drizzle-orm";
import { instantSerialCursor } from "../../lib/cursor";
import { requireActor, type ServiceContext } from "../context";
import { requireNetworkAdmin } from "../organizations/network";

export interface SecurityLogQuery {
  kind?: SecurityEventKind;
  from?: string;
  to?: string;
  cursor?: string;
  limit: number;
}

/**
 * The security log, newest first, for the network's admins (ADR 0025): refusals and failed or
 * throttled sign-ins across the whole network. Anyone else signed in gets 403.
 */
export async function listSecurityEvents(ctx: ServiceContext, input: SecurityLogQuery) {
  const actor = requireActor(ctx);
  await requireNetworkAdmin(
    ctx.db,
    actor.userId,
    "Alleen netwerkbeheerders (de regie van de gemeente) kunnen het beveiligingslog inzien.",
  );
  const e = securityEvents;
  const filters: (SQL | undefined)[] = [];
  if (input.kind) filters.push(eq(e.kind, input.kind));
  if (input.from) filters.push(gte(e.at, new Date(input.from)));
  if (input.to) filters.push(lt(e.at, new Date(input.to)));
  const after = instantSerialCursor.decode(input.cursor);
  if (after) {
    const [at, id] = after;
    filters.push(or(lt(e.at, at), and(eq(e.at, at), lt(e.id, id))));
  }
  const rows = await ctx.db
    .select({
      id: e.id,
      at: e.at,
      kind: e.kind,
      userId: users.id,
      userName: users.name,
      organizationId: organizations.id,
      organizationName: organizations.name,
      method: e.method,
      route: e.route,
      status: e.status,
      requestId: e.requestId,
      addressHash: e.addressHash,
    })
    .from(e)
    .leftJoin(users, eq(users.id, e.userId))
    .leftJoin(organizations, eq(organizations.id, e.organizationId))
    .where(and(...filters))
    .orderBy(desc(e.at), desc(e.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    data: page.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      kind: r.kind,
      user: r.userId ? { id: r.userId, name: r.userName ?? "" } : null,
      organization: r.organizationId ? { id: r.organizationId, name: r.organizationName ?? "" } : null,
      method: r.method,
      route: r.route,
      status: r.status,
      requestId: r.requestId,
      addressHash: r.addressHash,
    })),
    meta: { nextCursor: rows.length > input.limit && last ? instantSerialCursor.encode([last.at, last.id]) : null },
  };
}
