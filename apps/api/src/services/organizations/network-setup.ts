import {
  EmailSchema,
  MunicipalityCodeSchema,
  normalizeEmail,
  OrganizationNameSchema,
  organizationKinds,
  PersonNameSchema,
  type Role,
  roles,
  slugFromName,
} from "@schakel/core";
import { memberships, municipalities, networkAdmins, organizations, seedMunicipalities, users } from "@schakel/db";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { type ServiceContext, type TransactionContext, withTransaction } from "../context";
import { issueInvitation } from "../members/invitation";
import { addOrganizationToNetwork } from "./network";

const PersonSchema = z.object({ name: PersonNameSchema, email: EmailSchema });

/** An organization the plan adds (or finds again by its slug on a second run). */
const NewOrganizationSchema = z.object({
  slug: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "Gebruik kleine letters, cijfers en streepjes, zoals gemeente-arnhem.")
    .max(60)
    .optional(),
  name: OrganizationNameSchema,
  kind: z.enum(organizationKinds, { error: `Kies een soort: ${organizationKinds.join(", ")}.` }),
  municipalityCodes: z.array(MunicipalityCodeSchema).default([]),
  isNational: z.boolean().default(false),
  admin: PersonSchema,
});

/** An organization imported from the HSDS file (its HSDS id is Schakel's id): only its first admin is named here. */
const HsdsOrganizationSchema = z.object({
  hsdsId: z.uuid("Gebruik de id van de organisatie uit het HSDS-bestand."),
  kind: z.enum(organizationKinds).optional(),
  admin: PersonSchema,
});

/**
 * What `pnpm setup-network` reads (docs/operations.md, "Een nieuwe installatie inrichten"): the
 * network's first organizations, each with its first admin, and the first network admin, who is a
 * member of one of them (a coordinator at the gemeente, unless they are that organization's admin).
 */
export const NetworkPlanSchema = z.object({
  /** An HSDS 3.0 file to import first, relative to the plan. */
  hsds: z.string().min(1).optional(),
  /** Municipalities to add to the ones Schakel knows (CBS code and name). */
  municipalities: z.array(z.object({ code: MunicipalityCodeSchema, name: z.string().trim().min(1).max(100) })).default([]),
  organizations: z.array(z.union([HsdsOrganizationSchema, NewOrganizationSchema])).min(1, "Noem minstens één organisatie."),
  networkAdmin: PersonSchema.extend({
    /** The slug (or HSDS id) of the organization they belong to. */
    organization: z.string().min(1),
    role: z.enum(roles).default("coordinator"),
  }),
});
export type NetworkPlan = z.infer<typeof NetworkPlanSchema>;

export interface NetworkSetupReport {
  lines: string[];
  organizationsCreated: number;
  invitationsSent: number;
}

export class NetworkSetupError extends Error {
  override name = "NetworkSetupError";
}

/**
 * Carries out a network plan in one transaction: adds the organizations not there yet, invites
 * each one's first admin (a one-time link through the mail outbox; an admin still invited gets a
 * fresh link, an active one is left alone), and makes the network admin one. Running it again with
 * the same plan adds nothing twice — it only sends fresh links to whoever has not accepted yet.
 * The report names organizations, never people or addresses.
 */
export async function setUpNetwork(ctx: ServiceContext, plan: NetworkPlan): Promise<NetworkSetupReport> {
  const report: NetworkSetupReport = { lines: [], organizationsCreated: 0, invitationsSent: 0 };
  await seedMunicipalities(ctx.db);
  await withTransaction(ctx, async (tx, txCtx) => {
    if (plan.municipalities.length > 0) await tx.insert(municipalities).values(plan.municipalities).onConflictDoNothing();
    const invitedNow = new Set<string>();

    const invite = async (org: { id: string; name: string }, person: { name: string; email: string }, role: Role) => {
      const state = await membershipState(txCtx, org.id, person.email);
      if (state?.status === "active") return "al actief";
      if (state?.status === "deactivated") return "gedeactiveerd, niet opnieuw uitgenodigd";
      if (state && invitedNow.has(state.id)) return "uitgenodigd";
      const { membershipId } = await issueInvitation(txCtx, {
        organizationId: org.id,
        organizationName: org.name,
        ...person,
        role: state?.role ?? role,
        invitedByUserId: null,
      });
      invitedNow.add(membershipId);
      report.invitationsSent++;
      return state ? "nieuwe uitnodiging verstuurd" : "uitgenodigd";
    };

    for (const entry of plan.organizations) {
      if ("hsdsId" in entry) {
        const [org] = await tx
          .select({ id: organizations.id, name: organizations.name })
          .from(organizations)
          .where(eq(organizations.id, entry.hsdsId.toLowerCase()));
        if (!org) throw new NetworkSetupError(`Organisatie ${entry.hsdsId} staat niet in het HSDS-bestand (of is geweigerd).`);
        if (entry.kind) await tx.update(organizations).set({ kind: entry.kind }).where(eq(organizations.id, org.id));
        report.lines.push(`${org.name} (uit HSDS): beheerder ${await invite(org, entry.admin, "admin")}`);
        continue;
      }
      const slug = entry.slug ?? slugFromName(entry.name);
      const [existing] = await tx
        .select({ id: organizations.id, name: organizations.name })
        .from(organizations)
        .where(eq(organizations.slug, slug));
      if (existing) {
        report.lines.push(`${existing.name} (bestond al): beheerder ${await invite(existing, entry.admin, "admin")}`);
        continue;
      }
      if (!entry.isNational && entry.municipalityCodes.length === 0) {
        throw new NetworkSetupError(`${entry.name}: noem minstens één gemeente (municipalityCodes) of zet isNational op true.`);
      }
      const { organization, invitation } = await addOrganizationToNetwork(txCtx, { ...entry, slug, invitedByUserId: null });
      invitedNow.add(invitation.membershipId);
      report.organizationsCreated++;
      report.invitationsSent++;
      report.lines.push(`${organization.name}: toegevoegd, beheerder uitgenodigd`);
    }

    const admin = plan.networkAdmin;
    const ref = admin.organization.toLowerCase();
    const [home] = await tx
      .select({ id: organizations.id, name: organizations.name })
      .from(organizations)
      .where(z.uuid().safeParse(ref).success ? eq(organizations.id, ref) : eq(organizations.slug, ref));
    if (!home)
      throw new NetworkSetupError(
        `networkAdmin.organization: geen organisatie "${admin.organization}" in het plan of de database.`,
      );
    const outcome = await invite(home, admin, admin.role);
    const [user] = await tx
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, normalizeEmail(admin.email)));
    if (!user) throw new Error("network admin user missing");
    await tx.insert(networkAdmins).values({ userId: user.id }).onConflictDoNothing();
    report.lines.push(`Netwerkbeheerder bij ${home.name}: ${outcome}`);
  });
  return report;
}

async function membershipState(tx: TransactionContext, organizationId: string, email: string) {
  const [row] = await tx.db
    .select({ id: memberships.id, status: memberships.status, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organizationId, organizationId), eq(users.email, normalizeEmail(email))));
  return row;
}
