import { INVITATION_VALID_HOURS, invitationExpiresAt, normalizeEmail, type Role, roleLabels } from "@schakel/core";
import { invitations, memberships, users } from "@schakel/db";
import { and, eq, isNull } from "drizzle-orm";
import { conflict } from "../../lib/problem";
import { generateToken, hashToken } from "../../lib/tokens";
import { mailAfterCommit } from "../../mail/outbox";
import type { TransactionContext } from "../context";

export interface InvitationInput {
  organizationId: string;
  organizationName: string;
  email: string;
  /** The name the inviter typed (PersonNameSchema): it is the mail's greeting and the member's name until accepted. */
  name: string;
  role: Role;
  /** Who invites; null for `pnpm setup-network`. */
  invitedByUserId: string | null;
}

/**
 * Issues a one-time invitation link (valid INVITATION_VALID_HOURS) to join the organization, in
 * the caller's transaction, and puts its mail in the outbox (retried until delivered; sent once the
 * transaction commits). An address that is still invited gets a fresh link and the old one is
 * voided; an active or deactivated member is a 409. Whether the address already has an account is
 * not told: the member carries the typed name, never the account's (issue 9, item 12).
 */
export async function issueInvitation(tx: TransactionContext, input: InvitationInput) {
  const db = tx.db;
  const now = tx.clock.now();
  const email = normalizeEmail(input.email);
  const token = generateToken();
  const expiresAt = invitationExpiresAt(now);

  const [existingUser] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  const userId =
    existingUser?.id ?? (await db.insert(users).values({ email, name: input.name }).returning({ id: users.id }))[0]?.id;
  if (!userId) throw new Error("user insert returned nothing");

  const [existing] = await db
    .select({ id: memberships.id, status: memberships.status })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.organizationId, input.organizationId)))
    .for("update");
  if (existing?.status === "active") throw conflict("Deze persoon is al lid van de organisatie.");
  if (existing?.status === "deactivated") {
    throw conflict("Deze persoon is gedeactiveerd. Zet de status weer op actief in plaats van opnieuw uit te nodigen.");
  }

  let membershipId = existing?.id;
  if (membershipId) {
    await db
      .update(memberships)
      .set({ role: input.role, invitedName: input.name, updatedAt: now })
      .where(eq(memberships.id, membershipId));
    await db
      .update(invitations)
      .set({ usedAt: now })
      .where(and(eq(invitations.membershipId, membershipId), isNull(invitations.usedAt)));
  } else {
    const [created] = await db
      .insert(memberships)
      .values({
        userId,
        organizationId: input.organizationId,
        role: input.role,
        status: "invited",
        invitedByUserId: input.invitedByUserId,
        invitedName: input.name,
      })
      .returning({ id: memberships.id });
    membershipId = created?.id;
  }
  if (!membershipId) throw new Error("membership insert returned nothing");
  await db.insert(invitations).values({ membershipId, tokenHash: hashToken(token), expiresAt });

  await mailAfterCommit(tx, {
    ...invitationMail({ ...input, email, token, baseUrl: tx.baseUrl }),
    at: now,
    kind: "invitation",
    organizationId: input.organizationId,
  });
  return { membershipId, userId, expiresAt, resent: Boolean(existing) };
}

/** The invitation e-mail: the typed name, the organization, the role and the one-time link — nothing else. */
export function invitationMail(input: {
  email: string;
  name: string;
  organizationName: string;
  role: Role;
  token: string;
  baseUrl: string;
}) {
  return {
    to: input.email,
    subject: `Uitnodiging voor Schakel van ${input.organizationName}`,
    text: [
      `Hallo ${input.name},`,
      "",
      `${input.organizationName} nodigt je uit voor Schakel, als ${roleLabels[input.role].toLowerCase()}.`,
      "Kies je wachtwoord via deze link:",
      "",
      `${input.baseUrl}/uitnodiging#token=${input.token}`,
      "",
      `De link werkt één keer en is ${INVITATION_VALID_HOURS} uur geldig.`,
      "Verwachtte je deze uitnodiging niet? Dan kun je deze e-mail negeren.",
    ].join("\n"),
  };
}
