import { type Database, organizations, services } from "@schakel/db";
import { and, asc, count, eq } from "drizzle-orm";
import type { HsdsServiceQuery } from "../../schemas/hsds";
import { hsdsPage, organizationColumns, serviceColumns, serviceFilters, toServiceRow } from "./hsds-page";
import { serviceSummary } from "./to-hsds";

/**
 * GET /hsds/services: the sociale kaart's services in every status (HSDS carries the status, and
 * a consumer syncing with modified_after must learn of closures), by name, a page at a time.
 */
export async function listHsdsServices(db: Database, query: HsdsServiceQuery) {
  const filters = serviceFilters(query);
  if (!filters) return hsdsPage([], 0, query);
  const where = and(...filters);
  const [counted] = await db.select({ total: count() }).from(services).where(where);
  const rows = await db
    .select({ service: serviceColumns, organization: organizationColumns })
    .from(services)
    .innerJoin(organizations, eq(organizations.id, services.organizationId))
    .where(where)
    .orderBy(asc(services.name), asc(services.id))
    .limit(query.perPage)
    .offset((query.page - 1) * query.perPage);
  return hsdsPage(
    rows.map((r) => serviceSummary(toServiceRow(r.service), r.organization)),
    counted?.total ?? 0,
    query,
  );
}
