import type { Transporter } from "nodemailer";
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
  // nodemailer (some 15 MB in memory) is loaded with the first mail, so a process without SMTP_URL
  // (the demo) never loads it.
  let transport: Promise<Transporter> | undefined;
  const open = () => (transport ??= import("nodemailer").then(({ createTransport }) => createTransport(smtpUrl)));
  return {
    async send(message) {
      await (await open()).sendMail({ from, ...message });
    },
    close: () => void transport?.then((t) => t.close()),
  };
}

/**
 * For development without SMTP: mails go to a mailbox shown at /dev/mail (to this machine only).
 * The log says only that one arrived — never the recipient or the text, which holds links with tokens.
 */
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
    this.logger.info("mail in the development mailbox (no SMTP_URL): see /dev/mail", { mailbox: this.mails.length });
  }
}
