import { randomUUID } from "node:crypto";
import type { Role } from "@schakel/core";
import { createDb, type Database, type DbHandle } from "../client";
import { memberships, organizations, users } from "../schema/index";

/**
 * A migrated database for one test file: PostgreSQL when DATABASE_URL is set (migrated once per
 * run in the global setup; tests mint their own rows and never read another test's), else an
 * in-memory PGlite of its own.
 */
export async function createTestDb(): Promise<DbHandle> {
  const url = process.env.DATABASE_URL;
  const handle = url ? createDb({ url, max: 4 }) : createDb({});
  if (!url) await handle.migrate();
  return handle;
}

const unique = () => randomUUID().slice(0, 8);

export async function makeOrganization(db: Database, overrides: Partial<typeof organizations.$inferInsert> = {}) {
  const slug = overrides.slug ?? `org-${unique()}`;
  const [org] = await db
    .insert(organizations)
    .values({ slug, name: `Organisatie ${slug}`, kind: "wijkteam", ...overrides })
    .returning();
  if (!org) throw new Error("insert returned nothing");
  return org;
}

export async function makeMember(
  db: Database,
  input: { organizationId: string; role: Role; passwordHash: string; email?: string; name?: string },
) {
  const email = input.email ?? `${input.role}-${unique()}@test.example`;
  const [user] = await db
    .insert(users)
    .values({ email, name: input.name ?? `Test ${input.role}`, passwordHash: input.passwordHash })
    .returning();
  if (!user) throw new Error("insert returned nothing");
  const [membership] = await db
    .insert(memberships)
    .values({ userId: user.id, organizationId: input.organizationId, role: input.role, status: "active" })
    .returning();
  if (!membership) throw new Error("insert returned nothing");
  return { user, membership };
}
