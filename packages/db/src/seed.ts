import { type OrganizationKind, organizationKinds } from "@schakel/core";
import { sql } from "drizzle-orm";
import network from "../seed/network-demo.json" with { type: "json" };
import type { Database } from "./client";
import { memberships, municipalities, organizations, users } from "./schema/index";

export interface DemoLogin {
  organization: string;
  email: string;
  role: "admin" | "worker";
}

type DemoOrganization = (typeof network.organizations)[number];

function kindOf(org: DemoOrganization): OrganizationKind {
  const kind = organizationKinds.find((k) => k === org.kind);
  if (!kind) throw new Error(`Demo organization ${org.id} has unknown kind ${org.kind}`);
  return kind;
}

/**
 * Loads the demo network into an empty database: municipalities, organizations, and an admin and
 * a worker per organization, all with the given password hash. Returns null when the database
 * already holds organizations, so starting again never duplicates anything.
 */
export async function seedDemoNetwork(db: Database, passwordHash: string): Promise<DemoLogin[] | null> {
  return db.transaction(async (tx) => {
    // One seeder at a time, even with several processes starting against one server.
    await tx.execute(sql`select pg_advisory_xact_lock(7387001)`);
    const existing = await tx.select({ id: organizations.id }).from(organizations).limit(1);
    if (existing.length > 0) return null;

    await tx.insert(municipalities).values(network.municipalities.map(({ code, name }) => ({ code, name })));
    const codeByName = new Map(network.municipalities.map((m) => [m.name, m.code]));

    const inserted = await tx
      .insert(organizations)
      .values(
        network.organizations.map((org) => ({
          slug: org.id,
          name: org.name,
          kind: kindOf(org),
          description: org.description,
          website: org.website,
          email: org.email,
          phone: org.phone,
          municipalityCodes: org.municipalities.map((name) => {
            const code = codeByName.get(name);
            if (!code) throw new Error(`Demo organization ${org.id} names unknown municipality ${name}`);
            return code;
          }),
          isNational: "area" in org && org.area === "landelijk",
        })),
      )
      .returning({ id: organizations.id, slug: organizations.slug, name: organizations.name });

    const logins: DemoLogin[] = inserted.flatMap((org) =>
      (["admin", "worker"] as const).map((role) => ({ organization: org.name, email: `${role}@${org.slug}.example`, role })),
    );
    const createdUsers = await tx
      .insert(users)
      .values(
        inserted.flatMap((org) =>
          (["admin", "worker"] as const).map((role) => ({
            email: `${role}@${org.slug}.example`,
            name: `${role === "admin" ? "Beheerder" : "Medewerker"} ${org.name}`,
            passwordHash,
          })),
        ),
      )
      .returning({ id: users.id, email: users.email });
    const userIdByEmail = new Map(createdUsers.map((u) => [u.email, u.id]));

    await tx.insert(memberships).values(
      inserted.flatMap((org) =>
        (["admin", "worker"] as const).map((role) => {
          const userId = userIdByEmail.get(`${role}@${org.slug}.example`);
          if (!userId) throw new Error("seeded user missing");
          return { userId, organizationId: org.id, role, status: "active" as const };
        }),
      ),
    );
    return logins;
  });
}
