import { amsterdamDate, type ClosedDays } from "@schakel/core";
import { type Database, organizationClosingDays } from "@schakel/db";
import { and, eq, gte, inArray } from "drizzle-orm";

const isoDay = (d: Date) => amsterdamDate(d).toISOString().slice(0, 10);

/**
 * An organization's own closing days from `from`'s Amsterdam day on (earlier ones never count
 * for a deadline that starts then), as core's `closed` set.
 */
export async function closingDaysOf(db: Database, organizationId: string, from: Date): Promise<ClosedDays> {
  const rows = await db
    .select({ day: organizationClosingDays.day })
    .from(organizationClosingDays)
    .where(and(eq(organizationClosingDays.organizationId, organizationId), gte(organizationClosingDays.day, isoDay(from))));
  return new Set(rows.map((r) => r.day));
}

/** closingDaysOf for several organizations in one query (the ladder job's batch). */
export async function closingDaysOfMany(
  db: Database,
  organizationIds: readonly string[],
  from: Date,
): Promise<Map<string, ClosedDays>> {
  const out = new Map<string, Set<string>>(organizationIds.map((id) => [id, new Set<string>()]));
  if (organizationIds.length === 0) return out;
  const rows = await db
    .select({ organizationId: organizationClosingDays.organizationId, day: organizationClosingDays.day })
    .from(organizationClosingDays)
    .where(
      and(
        inArray(organizationClosingDays.organizationId, [...new Set(organizationIds)]),
        gte(organizationClosingDays.day, isoDay(from)),
      ),
    );
  for (const r of rows) out.get(r.organizationId)?.add(r.day);
  return out;
}
