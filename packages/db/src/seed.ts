import {
  DEFAULT_RESPONSE_TARGET_DAYS,
  type LifeDomain,
  lifeDomainLabels,
  lifeDomains,
  type OrganizationKind,
  organizationKinds,
} from "@schakel/core";
import { sql } from "drizzle-orm";
import postcodes from "../seed/municipality-postcodes.json" with { type: "json" };
import network from "../seed/network-demo.json" with { type: "json" };
import type { Database } from "./client";
import { toMultirange } from "./ranges";
import { type ContactChannel, memberships, municipalities, networkAdmins, organizations, services, users } from "./schema/index";

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
/**
 * The municipalities of the demo network (CBS code, name, PC4 ranges); those already there stay
 * as they are. Part of the demo seed, and on its own for tests on a database shared with other
 * test files, where the demo seed may have been skipped because organisations existed already.
 */
export async function seedMunicipalities(db: Database): Promise<void> {
  const rangesByCode = new Map(
    Object.entries(postcodes.ranges).map(([code, ranges]) => [code, ranges.map(([from = 0, to = 0]) => [from, to] as const)]),
  );
  await db
    .insert(municipalities)
    .values(
      network.municipalities.map(({ code, name }) => ({
        code,
        name,
        postcodeRanges: toMultirange(rangesByCode.get(code) ?? []),
      })),
    )
    .onConflictDoNothing();
}

export async function seedDemoNetwork(db: Database, passwordHash: string): Promise<DemoLogin[] | null> {
  return db.transaction(async (tx) => {
    // One seeder at a time, even with several processes starting against one server.
    await tx.execute(sql`select pg_advisory_xact_lock(7387001)`);
    const existing = await tx.select({ id: organizations.id }).from(organizations).limit(1);
    if (existing.length > 0) return null;

    await seedMunicipalities(tx as unknown as Database);
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

    await tx.insert(services).values(demoServices(inserted, codeByName));

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
    // The demo's network admin (ADR 0019), to try adding an organisation at /netwerk.
    const networkAdminId = userIdByEmail.get(DEMO_NETWORK_ADMIN);
    if (networkAdminId) await tx.insert(networkAdmins).values({ userId: networkAdminId });
    return logins;
  });
}

/** The demo account that is also the network's admin: the gemeente Arnhem's admin. */
export const DEMO_NETWORK_ADMIN = "admin@gemeente-arnhem.example";

type DemoService = (typeof network.services)[number];

function lifeDomainOf(service: DemoService, domain: string): LifeDomain {
  const found = lifeDomains.find((d) => d === domain);
  if (!found) throw new Error(`Demo service ${service.id} has unknown life domain ${domain}`);
  return found;
}

/** The demo services, with contact routes taken from their organization's fictitious details. */
function demoServices(inserted: { id: string; slug: string; name: string }[], codeByName: Map<string, string>) {
  const orgBySlug = new Map(network.organizations.map((o) => [o.id, o]));
  const idBySlug = new Map(inserted.map((o) => [o.slug, o]));
  return network.services.map((service) => {
    const org = orgBySlug.get(service.organizationId);
    const row = idBySlug.get(service.organizationId);
    if (!org || !row) throw new Error(`Demo service ${service.id} names unknown organization ${service.organizationId}`);
    const domains = service.categories.map((d) => lifeDomainOf(service, d));
    const channels: ContactChannel[] = service.contactChannels.map((kind) => {
      switch (kind) {
        case "telefoon":
        case "whatsapp":
          return { kind, value: org.phone };
        case "email":
          return { kind, value: org.email };
        case "huisbezoek":
          return { kind, note: "Een medewerker komt bij de inwoner thuis." };
        case "brief":
          return { kind, note: "Per post, naar het adres van de organisatie." };
        default:
          throw new Error(`Demo service ${service.id} has unknown contact channel ${kind}`);
      }
    });
    channels.push({ kind: "website", value: org.website });
    const municipalityNames = service.municipalities;
    return {
      organizationId: row.id,
      name: service.name,
      description: service.description,
      lifeDomains: domains,
      ageMin: "ageMin" in service ? service.ageMin : null,
      ageMax: "ageMax" in service ? service.ageMax : null,
      eligibility: "eligibility" in service ? service.eligibility : null,
      requiresBijstand: "requiresBijstand" in service ? service.requiresBijstand : null,
      debtMin: "debtMin" in service ? service.debtMin : null,
      debtMax: "debtMax" in service ? service.debtMax : null,
      isNational: "area" in service && service.area === "landelijk",
      municipalityCodes: municipalityNames.map((name) => {
        const code = codeByName.get(name);
        if (!code) throw new Error(`Demo service ${service.id} names unknown municipality ${name}`);
        return code;
      }),
      contactChannels: channels,
      languages: service.languages ?? ["nl"],
      warmHandover: "warmHandover" in service ? service.warmHandover : null,
      acceptsReferrals: service.acceptsReferrals,
      responseTargetDays: ("responseDays" in service ? service.responseDays : null) ?? DEFAULT_RESPONSE_TARGET_DAYS,
      searchKeywords: [row.name, ...municipalityNames, ...domains.map((d) => lifeDomainLabels[d])].join(" "),
    };
  });
}
