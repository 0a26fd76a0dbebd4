import { DEFAULT_MAIL_MODE, formatReference, mailsAtOnce } from "@schakel/core";
import { memberships, notificationSettings, organizations, services, users } from "@schakel/db";
import { and, asc, eq, exists, inArray, or } from "drizzle-orm";
import { mailAfterCommit } from "../../mail/outbox";
import type { TransactionContext } from "../context";
import type { ReferralRow } from "../referrals/access";

/**
 * A mail's own words for one event (the sender's "Plangroep heeft de verwijzing geaccepteerd.");
 * without it the mail says the notification's text. Either way information-poor.
 */
export interface EventMail {
  subject: string;
  /** The opening lines; the reference, the service and the link follow. */
  lines: string[];
}

const base = (ctx: { baseUrl: string }) => ctx.baseUrl.replace(/\/$/, "");

/** Links in the mails start at PUBLIC_URL, or the origin of the request. */
export const referralLink = (ctx: { baseUrl: string }, referralId: string) => `${base(ctx)}/verwijzingen/${referralId}`;
export const settingsLink = (ctx: { baseUrl: string }) => `${base(ctx)}/instellingen`;

export const PRIVACY_LINE = "Om de privacy van de inwoner te beschermen staan er in deze e-mail geen namen of andere gegevens.";

/**
 * Mails one notice on a referral: to the receiving organization's intake address when it is
 * for the intake and the admin set one (else to each intake worker as they chose), and to each
 * of `people` as they chose — at once for `each`, or when urgent; otherwise it waits for their
 * digest. Only people still active at the sending or receiving organization are mailed. The
 * mail says what happened, the service, the reference and a link — never the resident or free text.
 */
export async function mailNotice(
  tx: TransactionContext,
  input: {
    referral: ReferralRow;
    text: string;
    mail?: EventMail;
    at: Date;
    urgent: boolean;
    people: string[];
    intake: { organizationId: string; workers: string[] } | null;
  },
) {
  const { db } = tx;
  const people = [...input.people];
  let intakeAddress: { email: string; organization: string } | null = null;
  if (input.intake) {
    const [org] = await db
      .select({ email: organizations.intakeEmail, name: organizations.name })
      .from(organizations)
      .where(eq(organizations.id, input.intake.organizationId));
    if (org?.email) intakeAddress = { email: org.email, organization: org.name };
    else people.push(...input.intake.workers);
  }
  if (!intakeAddress && people.length === 0) return;

  const { referral } = input;
  const recipients =
    people.length === 0
      ? []
      : await db
          .select({ email: users.email, mailMode: notificationSettings.mailMode })
          .from(users)
          .leftJoin(notificationSettings, eq(notificationSettings.userId, users.id))
          .where(
            and(
              inArray(users.id, people),
              exists(
                db
                  .select({ id: memberships.id })
                  .from(memberships)
                  .where(
                    and(
                      eq(memberships.userId, users.id),
                      eq(memberships.status, "active"),
                      or(
                        eq(memberships.organizationId, referral.senderOrganizationId),
                        eq(memberships.organizationId, referral.receiverOrganizationId),
                      ),
                    ),
                  ),
              ),
            ),
          )
          .orderBy(asc(users.email));
  const now = recipients.filter((r) => mailsAtOnce(r.mailMode ?? DEFAULT_MAIL_MODE, input.urgent));
  if (!intakeAddress && now.length === 0) return;

  const [service] = await db.select({ name: services.name }).from(services).where(eq(services.id, referral.serviceId));
  const reference = formatReference(referral.reference);
  const subject = input.mail?.subject ?? `${input.text.replace(/\.$/, "")} (${reference})`;
  const body = (why: string[]) =>
    [
      ...(input.mail?.lines ?? [input.text]),
      "",
      `Verwijzing: ${reference}`,
      `Dienst: ${service?.name ?? "een dienst"}`,
      "Bekijk de verwijzing in Schakel:",
      referralLink(tx, referral.id),
      "",
      PRIVACY_LINE,
      ...why,
    ].join("\n");

  if (intakeAddress) {
    await mailAfterCommit(tx, {
      to: intakeAddress.email,
      subject,
      text: body([`Je krijgt deze e-mail omdat dit in Schakel het aanmeldadres van ${intakeAddress.organization} is.`]),
      at: input.at,
    });
  }
  for (const recipient of now) {
    await mailAfterCommit(tx, {
      to: recipient.email,
      subject,
      text: body([
        "Je krijgt deze e-mail omdat je bij deze verwijzing betrokken bent.",
        `Kies bij Instellingen of je een e-mail per gebeurtenis wilt of één overzicht per werkdag: ${settingsLink(tx)}`,
      ]),
      at: input.at,
    });
  }
}
