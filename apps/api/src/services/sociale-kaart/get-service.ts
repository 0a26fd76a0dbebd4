import { type Database, fromMultirange, organizations, services } from "@schakel/db";
import { eq } from "drizzle-orm";
import { notFound } from "../../lib/problem";
import { columns } from "./service-record";

/** One service as the API shows it, with its organization; 404 when it does not exist. */
export async function getService(db: Database, serviceId: string) {
  const [row] = await db
    .select(columns)
    .from(services)
    .innerJoin(organizations, eq(organizations.id, services.organizationId))
    .where(eq(services.id, serviceId));
  if (!row) throw notFound("Deze dienst bestaat niet.");
  return {
    ...row,
    postcodeRanges: fromMultirange(row.postcodeRanges).map(([from, to]) => ({ from, to })),
    lastVerifiedAt: row.lastVerifiedAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
  };
}

export type ServiceView = Awaited<ReturnType<typeof getService>>;
