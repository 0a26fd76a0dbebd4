import { type Database, organizations, services } from "@schakel/db";
import { asc, eq } from "drizzle-orm";
import { notFound } from "../../lib/problem";
import { organizationColumns, serviceColumns, toServiceRow } from "./hsds-page";
import { organizationPhones, organizationSummary, serviceBasic } from "./to-hsds";

/** GET /hsds/organizations/{id}: the organization with its phone and its services; 404 when unknown. */
export async function getHsdsOrganization(db: Database, organizationId: string) {
  const [org] = await db.select(organizationColumns).from(organizations).where(eq(organizations.id, organizationId));
  if (!org) throw notFound("Deze organisatie bestaat niet.");
  const rows = await db
    .select(serviceColumns)
    .from(services)
    .where(eq(services.organizationId, org.id))
    .orderBy(asc(services.name), asc(services.id));
  return {
    ...organizationSummary(org),
    phones: organizationPhones(org),
    services: rows.map((r) => serviceBasic(toServiceRow(r))),
  };
}
