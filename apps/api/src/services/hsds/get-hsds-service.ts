import { type Database, municipalities, organizations, services } from "@schakel/db";
import { eq, inArray } from "drizzle-orm";
import { notFound } from "../../lib/problem";
import { organizationColumns, serviceColumns, toServiceRow } from "./hsds-page";
import { fullService } from "./to-hsds";

/** GET /hsds/services/{id}: one service with everything HSDS nests in it; 404 when unknown. */
export async function getHsdsService(db: Database, serviceId: string) {
  const [row] = await db
    .select({ service: serviceColumns, organization: organizationColumns })
    .from(services)
    .innerJoin(organizations, eq(organizations.id, services.organizationId))
    .where(eq(services.id, serviceId));
  if (!row) throw notFound("Deze dienst bestaat niet.");
  const service = toServiceRow(row.service);
  const names =
    service.municipalityCodes.length > 0
      ? await db
          .select({ code: municipalities.code, name: municipalities.name })
          .from(municipalities)
          .where(inArray(municipalities.code, service.municipalityCodes))
      : [];
  return fullService(service, row.organization, new Map(names.map((m) => [m.code, m.name])));
}
