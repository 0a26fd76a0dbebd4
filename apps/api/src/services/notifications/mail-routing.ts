import { DEFAULT_MAIL_MODE, formatReference, mailsAtOnce } from "@schakel/core";
import { memberships, notificationSettings, organizations, services, users } from "@schakel/db";
import { and, asc, eq, inArray, or } from "drizzle-orm";
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

/** One notice to mail, as notifyAll resolved it. */
export interface MailNotice {
  referral: ReferralRow;
  text: string;
  mail?: EventMail;
  at: Date;
  urgent: boolean;
  people: string[];
  intake: { organizationId: string; workers: string[] } | null;
}

/**
 * Mails notices on referrals: each to the receiving organization's intake address when it is
 * for the intake and the admin set one (else to each intake worker as they chose), and to each
 * of its `people` as they chose — at once for `each`, or when urgent; otherwise it waits for
 * their digest. Only people still active at the referral's sending or receiving organization are
 * mailed. A mail says what happened, the service, the reference and a link — never the resident
 * or free text. What it needs from the database is read once for all notices.
 */
export async function mailNotices(tx: TransactionContext, notices: readonly MailNotice[]) {
  if (notices.length === 0) return;
  const { db } = tx;

  const intakeOrgIds = [...new Set(notices.flatMap((n) => (n.intake ? [n.intake.organizationId] : [])))];
  const intakeAddresses = new Map<string, { email: string; organization: string }>();
  if (intakeOrgIds.length > 0) {
    const orgs = await db
      .select({ id: organizations.id, email: organizations.intakeEmail, name: organizations.name })
      .from(organizations)
      .where(inArray(organizations.id, intakeOrgIds));
    for (const o of orgs) if (o.email) intakeAddresses.set(o.id, { email: o.email, organization: o.name });
  }
  // A partner-light receiver's intake address gets its own mails, with a link (ADR 0029), not these.
  const partnerLightServices = new Set(
    intakeOrgIds.length === 0
      ? []
      : (
          await db
            .select({ id: services.id })
            .from(services)
            .innerJoin(organizations, eq(organizations.id, services.organizationId))
            .where(
              and(
                inArray(services.id, [...new Set(notices.map((n) => n.referral.serviceId))]),
                or(eq(services.partnerLight, true), eq(organizations.partnerLight, true)),
              ),
            )
        ).map((s) => s.id),
  );

  const planned = notices.map((n) => {
    const address =
      n.intake && !partnerLightServices.has(n.referral.serviceId) ? (intakeAddresses.get(n.intake.organizationId) ?? null) : null;
    const people = [...n.people, ...(n.intake && !address ? n.intake.workers : [])];
    return { notice: n, address, people };
  });

  // Everyone who might be mailed: their address and choice, and where they are still active.
  const everyone = [...new Set(planned.flatMap((p) => p.people))];
  const userRows =
    everyone.length === 0
      ? []
      : await db
          .select({ id: users.id, email: users.email, mailMode: notificationSettings.mailMode })
          .from(users)
          .leftJoin(notificationSettings, eq(notificationSettings.userId, users.id))
          .where(inArray(users.id, everyone))
          .orderBy(asc(users.email));
  const orgIds = [...new Set(notices.flatMap((n) => [n.referral.senderOrganizationId, n.referral.receiverOrganizationId]))];
  const active = new Set(
    everyone.length === 0
      ? []
      : (
          await db
            .select({ userId: memberships.userId, organizationId: memberships.organizationId })
            .from(memberships)
            .where(
              and(
                inArray(memberships.userId, everyone),
                inArray(memberships.organizationId, orgIds),
                eq(memberships.status, "active"),
              ),
            )
        ).map((m) => `${m.userId}:${m.organizationId}`),
  );

  const mails = planned.map(({ notice, address, people }) => {
    const { referral } = notice;
    const isActive = (userId: string) =>
      active.has(`${userId}:${referral.senderOrganizationId}`) || active.has(`${userId}:${referral.receiverOrganizationId}`);
    const recipients = userRows.filter(
      (u) => people.includes(u.id) && isActive(u.id) && mailsAtOnce(u.mailMode ?? DEFAULT_MAIL_MODE, notice.urgent),
    );
    return { notice, address, recipients };
  });
  const serviceIds = [
    ...new Set(mails.filter((m) => m.address || m.recipients.length > 0).map((m) => m.notice.referral.serviceId)),
  ];
  if (serviceIds.length === 0) return;
  const serviceNames = new Map(
    (await db.select({ id: services.id, name: services.name }).from(services).where(inArray(services.id, serviceIds))).map(
      (s) => [s.id, s.name],
    ),
  );

  for (const { notice, address, recipients } of mails) {
    if (!address && recipients.length === 0) continue;
    const { referral } = notice;
    const reference = formatReference(referral.reference);
    const subject = notice.mail?.subject ?? `${notice.text.replace(/\.$/, "")} (${reference})`;
    const body = (why: string[]) =>
      [
        ...(notice.mail?.lines ?? [notice.text]),
        "",
        `Verwijzing: ${reference}`,
        `Dienst: ${serviceNames.get(referral.serviceId) ?? "een dienst"}`,
        "Bekijk de verwijzing in Schakel:",
        referralLink(tx, referral.id),
        "",
        PRIVACY_LINE,
        ...why,
      ].join("\n");

    if (address) {
      await mailAfterCommit(tx, {
        to: address.email,
        kind: "referral-notice",
        organizationId: notice.intake?.organizationId ?? null,
        subject,
        text: body([`Je krijgt deze e-mail omdat dit in Schakel het aanmeldadres van ${address.organization} is.`]),
        at: notice.at,
      });
    }
    for (const recipient of recipients) {
      await mailAfterCommit(tx, {
        to: recipient.email,
        kind: "referral-notice",
        // The side the recipient works for: its admins see the mail if it cannot be delivered.
        organizationId: active.has(`${recipient.id}:${referral.receiverOrganizationId}`)
          ? referral.receiverOrganizationId
          : referral.senderOrganizationId,
        subject,
        text: body([
          "Je krijgt deze e-mail omdat je bij deze verwijzing betrokken bent.",
          `Kies bij Instellingen of je een e-mail per gebeurtenis wilt of één overzicht per werkdag: ${settingsLink(tx)}`,
        ]),
        at: notice.at,
      });
    }
  }
}
