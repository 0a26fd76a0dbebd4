import { type Database, organizations } from "@schakel/db";
import { and, arrayContains, asc, eq, gt, or, type SQL } from "drizzle-orm";
import { textUuidCursor } from "../../lib/cursor";
import { columns } from "./organization-columns";

/** The network's organizations, by name, with keyset pagination. */
export async function listOrganizations(db: Database, query: { cursor?: string; limit: number; municipality?: string }) {
  const filters: (SQL | undefined)[] = [];
  if (query.municipality) {
    filters.push(or(arrayContains(organizations.municipalityCodes, [query.municipality]), eq(organizations.isNational, true)));
  }
  const after = textUuidCursor.decode(query.cursor);
  if (after) {
    const [name, id] = after;
    filters.push(or(gt(organizations.name, name), and(eq(organizations.name, name), gt(organizations.id, id))));
  }
  const rows = await db
    .select(columns)
    .from(organizations)
    .where(and(...filters))
    .orderBy(asc(organizations.name), asc(organizations.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    data: page,
    meta: { nextCursor: rows.length > query.limit && last ? textUuidCursor.encode([last.name, last.id]) : null },
  };
}
