import { type OrganizationCreate, slugFromName } from "@schakel/core";
import { type Database, municipalities, networkAdmins, organizations } from "@schakel/db";
import { eq, inArray } from "drizzle-orm";
import { forbidden, HttpProblem, unprocessable } from "../../lib/problem";
import type { TransactionContext } from "../context";
import { issueInvitation } from "../members/invitation";
import { columns } from "./organization-columns";

/** Whether the user is one of the network's admins (ADR 0019). */
export async function isNetworkAdmin(db: Database, userId: string): Promise<boolean> {
  const [row] = await db.select({ userId: networkAdmins.userId }).from(networkAdmins).where(eq(networkAdmins.userId, userId));
  return Boolean(row);
}

/** The actor must be a network admin: anyone else signed in gets 403 (being an organization's admin is not enough). */
export async function requireNetworkAdmin(
  db: Database,
  userId: string,
  detail = "Alleen netwerkbeheerders (de regie van de gemeente) kunnen organisaties aan het netwerk toevoegen.",
) {
  if (!(await isNetworkAdmin(db, userId))) throw forbidden(detail);
}

/**
 * Adds an organization to the network and invites its first admin (a one-time link through the
 * mail outbox), in the caller's transaction: for the API (a network admin) and `pnpm setup-network`
 * (nobody: `invitedByUserId` null). Its slug comes from the name (or is given); one already taken
 * is 409, a municipality Schakel does not know 422.
 */
export async function addOrganizationToNetwork(
  tx: TransactionContext,
  input: OrganizationCreate & { slug?: string; invitedByUserId: string | null },
) {
  const db = tx.db;
  const slug = input.slug ?? slugFromName(input.name);
  const codes = [...new Set(input.municipalityCodes)];
  if (codes.length > 0) {
    const known = await db.select({ code: municipalities.code }).from(municipalities).where(inArray(municipalities.code, codes));
    const unknown = codes.filter((c) => !known.some((k) => k.code === c));
    if (unknown.length > 0) {
      throw unprocessable(
        "unknown-municipality",
        `Schakel kent deze gemeente niet: ${unknown.join(", ")}.`,
        "body.municipalityCodes",
      );
    }
  }
  const [created] = await db
    .insert(organizations)
    .values({
      slug,
      name: input.name,
      kind: input.kind,
      municipalityCodes: codes,
      isNational: input.isNational,
    })
    .onConflictDoNothing({ target: organizations.slug })
    .returning(columns);
  if (!created) {
    throw new HttpProblem("organization-exists", `Er is al een organisatie met de sleutel "${slug}". Kies een andere naam.`, {
      invalidParams: [{ name: "body.name", code: "organization-exists", reason: "Er is al een organisatie met deze naam." }],
    });
  }
  const invited = await issueInvitation(tx, {
    organizationId: created.id,
    organizationName: created.name,
    email: input.admin.email,
    name: input.admin.name,
    role: "admin",
    invitedByUserId: input.invitedByUserId,
  });
  return { organization: created, invitation: invited };
}
