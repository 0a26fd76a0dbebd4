import { type Database, organizations } from "@schakel/db";
import { eq } from "drizzle-orm";
import { notFound } from "../../lib/problem";
import { columns } from "./organization-columns";

export async function getOrganization(db: Database, organizationId: string) {
  const [org] = await db.select(columns).from(organizations).where(eq(organizations.id, organizationId));
  if (!org) throw notFound("Deze organisatie bestaat niet.");
  return org;
}
