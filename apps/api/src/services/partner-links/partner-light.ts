import { formatReference, isFinal, PARTNER_LINK_VALID_DAYS, referralStatusLabels } from "@schakel/core";
import { type Database, organizations, partnerLinks, services } from "@schakel/db";
import { and, eq, isNotNull, isNull, or } from "drizzle-orm";
import { unprocessable } from "../../lib/problem";
import { generateToken, hashToken } from "../../lib/tokens";
import { mailAfterCommit } from "../../mail/outbox";
import type { TransactionContext } from "../context";
import { PRIVACY_LINE } from "../notifications/mail-routing";
import type { ReferralRow } from "../referrals/access";

const DAY_MS = 86_400_000;

/** Where a partner-light referral's links go, or null when its receiver works with accounts. */
export async function partnerLightIntake(
  db: Database,
  referral: Pick<ReferralRow, "serviceId" | "receiverOrganizationId">,
): Promise<{ intakeEmail: string; organizationName: string; serviceName: string } | null> {
  const [row] = await db
    .select({
      orgLight: organizations.partnerLight,
      serviceLight: services.partnerLight,
      intakeEmail: organizations.intakeEmail,
      organizationName: organizations.name,
      serviceName: services.name,
    })
    .from(services)
    .innerJoin(organizations, eq(organizations.id, services.organizationId))
    .where(and(eq(services.id, referral.serviceId), eq(organizations.id, referral.receiverOrganizationId)));
  if (!row || !(row.orgLight || row.serviceLight) || !row.intakeEmail) return null;
  return { intakeEmail: row.intakeEmail, organizationName: row.organizationName, serviceName: row.serviceName };
}

/**
 * 422 when the organization, or one of its services, works without an account: its links go to
 * the intake address, which therefore cannot be cleared (ADR 0029).
 */
export async function requireNoPartnerLight(db: Database, organizationId: string) {
  const [light] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .leftJoin(services, and(eq(services.organizationId, organizations.id), eq(services.partnerLight, true)))
    .where(and(eq(organizations.id, organizationId), or(eq(organizations.partnerLight, true), isNotNull(services.id))))
    .limit(1);
  if (light) {
    throw unprocessable(
      "no-intake-address",
      "Zonder account krijgt deze organisatie haar verwijzingen op het intake-adres. Vul een ander adres in, of laat de netwerkbeheerder eerst het werken zonder account uitzetten.",
      "body.intakeEmail",
    );
  }
}

/** Every link of the referral that still works is revoked (a fresh one replaces them). */
export async function revokePartnerLinks(db: Database, referralId: string, at: Date) {
  await db
    .update(partnerLinks)
    .set({ revokedAt: at })
    .where(and(eq(partnerLinks.referralId, referralId), isNull(partnerLinks.revokedAt)));
}

/**
 * Mails the receiver's intake address a fresh link for the referral as it is now (ADR 0029):
 * older links are revoked; the token goes only into the mail, in the URL's fragment; the
 * database keeps its hash. A closed referral gets a last mail without a link. Nothing happens
 * for a receiver with accounts. The mail names the service, the reference and the step — never
 * the resident.
 */
export async function issuePartnerLink(
  tx: TransactionContext,
  referral: ReferralRow,
  input: { at: Date; issuedByUserId: string | null; headline: string },
): Promise<{ linkId: string | null } | null> {
  const { db } = tx;
  const intake = await partnerLightIntake(db, referral);
  if (!intake) return null;
  await revokePartnerLinks(db, referral.id, input.at);
  const reference = formatReference(referral.reference);
  const status = referralStatusLabels[referral.status].toLowerCase();
  const header = [input.headline, "", `Verwijzing: ${reference}`, `Dienst: ${intake.serviceName}`, `Status: ${status}`, ""];
  const footer = [
    "",
    PRIVACY_LINE,
    "De verwijzer geeft de gegevens van de inwoner zelf aan je door, of in het gesprek met z'n drieën.",
    `Je krijgt deze e-mail omdat dit in Schakel het aanmeldadres van ${intake.organizationName} is, en ${intake.organizationName} zonder account met Schakel werkt.`,
  ];
  if (isFinal(referral.status)) {
    await mailAfterCommit(tx, {
      to: intake.intakeEmail,
      kind: "referral-notice",
      organizationId: referral.receiverOrganizationId,
      subject: `Verwijzing ${reference} voor ${intake.serviceName}: ${status}`,
      text: [...header, "Deze verwijzing is afgesloten. Je hoeft er niets meer mee te doen.", ...footer].join("\n"),
      at: input.at,
    });
    return { linkId: null };
  }
  const token = generateToken();
  const [link] = await db
    .insert(partnerLinks)
    .values({
      referralId: referral.id,
      tokenHash: hashToken(token),
      referralVersion: referral.version,
      createdAt: input.at,
      expiresAt: new Date(input.at.getTime() + PARTNER_LINK_VALID_DAYS * DAY_MS),
      issuedByUserId: input.issuedByUserId,
    })
    .returning({ id: partnerLinks.id });
  if (!link) throw new Error("partner link not stored");
  await mailAfterCommit(tx, {
    to: intake.intakeEmail,
    kind: "referral-notice",
    organizationId: referral.receiverOrganizationId,
    subject: `Verwijzing ${reference} voor ${intake.serviceName}: ${status}`,
    text: [
      ...header,
      "Laat de verwijzer weten hoe het gaat. Via deze link zet je de volgende stap, zonder in te loggen:",
      `${tx.baseUrl.replace(/\/$/, "")}/partner#t=${token}`,
      "",
      `De link werkt ${PARTNER_LINK_VALID_DAYS} dagen, voor deze ene verwijzing, tot de volgende stap. Na elke stap krijg je een nieuwe mail met een nieuwe link.`,
      "Stuur deze mail niet door: wie de link heeft, kan de stappen van deze verwijzing zetten.",
      ...footer,
    ].join("\n"),
    at: input.at,
  });
  return { linkId: link.id };
}

/**
 * After any move of a referral (by link, by a person, by Schakel): a partner-light receiver's
 * old link is stale by version, so its intake address gets the next one (or, closed, a last mail).
 */
export async function partnerLightAfterMove(tx: TransactionContext, after: ReferralRow, at: Date) {
  const label = referralStatusLabels[after.status].toLowerCase();
  await issuePartnerLink(tx, after, {
    at,
    issuedByUserId: null,
    headline: after.status === "sent" ? "Er is een nieuwe verwijzing voor jullie." : `De verwijzing is nu: ${label}.`,
  });
}
