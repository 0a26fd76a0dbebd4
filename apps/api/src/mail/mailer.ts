import { createTransport } from "nodemailer";
import type { Logger } from "../lib/logger";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface SentMail extends MailMessage {
  from: string;
  sentAt: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/** Sends over SMTP (nodemailer); the URL carries host, port, TLS and credentials. */
export function createSmtpMailer(smtpUrl: string, from: string): Mailer & { close(): void } {
  const transport = createTransport(smtpUrl);
  return {
    async send(message) {
      await transport.sendMail({ from, ...message });
    },
    close: () => transport.close(),
  };
}

/** For development without SMTP: mails go to the log and to a mailbox shown at /dev/mail. */
export class DevMailbox implements Mailer {
  readonly mails: SentMail[] = [];

  constructor(
    private readonly from: string,
    private readonly logger: Logger,
    private readonly keep = 100,
  ) {}

  async send(message: MailMessage): Promise<void> {
    const mail = { ...message, from: this.from, sentAt: new Date().toISOString() };
    this.mails.unshift(mail);
    this.mails.length = Math.min(this.mails.length, this.keep);
    this.logger.info("mail (not sent: no SMTP_URL)", { to: mail.to, subject: mail.subject, text: mail.text });
  }
}
