import { foldText } from "@schakel/core";
import { type Database, organizations } from "@schakel/db";
import { asc, count, sql } from "drizzle-orm";
import type { HsdsPageQuery } from "../../schemas/hsds";
import { hsdsPage, organizationColumns } from "./hsds-page";
import { organizationSummary } from "./to-hsds";

/** GET /hsds/organizations: every organization in the network, by name. */
export async function listHsdsOrganizations(db: Database, query: HsdsPageQuery) {
  const folded = query.search ? foldText(query.search.trim()) : "";
  const where = folded
    ? sql`(schakel_fold(${organizations.name}) like ${`%${folded}%`} or schakel_fold(${organizations.description}) like ${`%${folded}%`})`
    : undefined;
  const [counted] = await db.select({ total: count() }).from(organizations).where(where);
  const rows = await db
    .select(organizationColumns)
    .from(organizations)
    .where(where)
    .orderBy(asc(organizations.name), asc(organizations.id))
    .limit(query.perPage)
    .offset((query.page - 1) * query.perPage);
  return hsdsPage(rows.map(organizationSummary), counted?.total ?? 0, query);
}
