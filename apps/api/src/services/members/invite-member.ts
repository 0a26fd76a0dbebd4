import { INVITATION_VALID_HOURS, invitationExpiresAt, normalizeEmail, type Role, roleLabels } from "@schakel/core";
import { invitations, memberships, organizations, users } from "@schakel/db";
import { and, eq, isNull } from "drizzle-orm";
import { conflict, HttpProblem } from "../../lib/problem";
import { generateToken, hashToken } from "../../lib/tokens";
import { recordAccess } from "../access-log";
import { requireActor, type ServiceContext, withTransaction } from "../context";
import { requireOrganizationAdmin } from "./authorize";
import { memberColumns, toMember } from "./member-view";

/**
 * Invites someone to the organization by e-mail: a one-time link, valid 72 hours, to set a
 * password. Inviting an address that is already invited sends a fresh link and voids the old one.
 */
export async function inviteMember(
  ctx: ServiceContext,
  input: { organizationId: string; email: string; name: string; role: Role },
) {
  const actor = requireActor(ctx);
  const now = ctx.clock.now();
  const email = normalizeEmail(input.email);
  const token = generateToken();
  const expiresAt = invitationExpiresAt(now);

  const { member, organizationName, resent } = await withTransaction(ctx, async (tx) => {
    await requireOrganizationAdmin(tx, actor.userId, input.organizationId);
    const [org] = await tx
      .select({ name: organizations.name })
      .from(organizations)
      .where(eq(organizations.id, input.organizationId));
    if (!org) throw new Error("organization vanished");

    const [existingUser] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
    const userId =
      existingUser?.id ?? (await tx.insert(users).values({ email, name: input.name }).returning({ id: users.id }))[0]?.id;
    if (!userId) throw new Error("user insert returned nothing");

    const [existing] = await tx
      .select({ id: memberships.id, status: memberships.status })
      .from(memberships)
      .where(and(eq(memberships.userId, userId), eq(memberships.organizationId, input.organizationId)));
    if (existing?.status === "active") throw conflict("Deze persoon is al lid van de organisatie.");
    if (existing?.status === "deactivated") {
      throw conflict("Deze persoon is gedeactiveerd. Zet de status weer op actief in plaats van opnieuw uit te nodigen.");
    }

    let membershipId = existing?.id;
    if (membershipId) {
      await tx.update(memberships).set({ role: input.role, updatedAt: now }).where(eq(memberships.id, membershipId));
      await tx
        .update(invitations)
        .set({ usedAt: now })
        .where(and(eq(invitations.membershipId, membershipId), isNull(invitations.usedAt)));
    } else {
      const [created] = await tx
        .insert(memberships)
        .values({
          userId,
          organizationId: input.organizationId,
          role: input.role,
          status: "invited",
          invitedByUserId: actor.userId,
        })
        .returning({ id: memberships.id });
      membershipId = created?.id;
    }
    if (!membershipId) throw new Error("membership insert returned nothing");
    await tx.insert(invitations).values({ membershipId, tokenHash: hashToken(token), expiresAt });

    await recordAccess(tx, {
      at: now,
      actorUserId: actor.userId,
      actorOrganizationId: input.organizationId,
      action: existing ? "member.reinvite" : "member.invite",
      subjectType: "member",
      subjectId: membershipId,
      organizationId: input.organizationId,
      details: { role: input.role },
    });
    const [row] = await tx
      .select(memberColumns)
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.id, membershipId));
    if (!row) throw new Error("membership vanished");
    return {
      member: toMember({ ...row, invitationExpiresAt: expiresAt }),
      organizationName: org.name,
      resent: Boolean(existing),
    };
  });

  const link = `${ctx.baseUrl}/uitnodiging#token=${token}`;
  try {
    await ctx.mailer.send({
      to: email,
      subject: `Uitnodiging voor Schakel van ${organizationName}`,
      text: [
        `Hallo ${member.name},`,
        "",
        `${organizationName} nodigt je uit voor Schakel, als ${roleLabels[input.role].toLowerCase()}.`,
        "Kies je wachtwoord via deze link:",
        "",
        link,
        "",
        `De link werkt één keer en is ${INVITATION_VALID_HOURS} uur geldig.`,
        "Verwachtte je deze uitnodiging niet? Dan kun je deze e-mail negeren.",
      ].join("\n"),
    });
  } catch (err) {
    ctx.logger.error("invitation mail failed", err);
    throw new HttpProblem(
      "mail-failed",
      "De uitnodiging is opgeslagen, maar de e-mail kon niet worden verstuurd. Nodig dezelfde persoon opnieuw uit om het nog eens te proberen.",
    );
  }
  return { member, resent };
}
