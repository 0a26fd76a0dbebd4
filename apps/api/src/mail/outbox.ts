import { type Database, type MailKind, mailOutbox } from "@schakel/db";
import { and, asc, eq, gte, inArray, isNull, lt, lte, or } from "drizzle-orm";
import type { Logger } from "../lib/logger";
import type { TransactionContext } from "../services/context";
import type { Mailer, MailMessage } from "./mailer";

/**
 * After this many failed attempts a mail stays unsent, with its last error, and its
 * organization's admins see it (listFailedMails) and may try again. With the backoff below the
 * attempts span about two days — an SMTP outage over a night and a working day loses nothing.
 */
export const MAX_MAIL_ATTEMPTS = 30;
/** Sent (and given-up) mails are kept this long, then pruned by the housekeeping loop. */
const KEEP_MS = 30 * 86_400_000;

/** The wait after the n-th attempt: 1, 2, 4, … minutes, at most 2 hours. */
export const mailBackoffMs = (attempt: number) => Math.min(2 ** Math.max(0, attempt - 1) * 60_000, 2 * 3_600_000);

/** A mail for the outbox: the message, when it was written, and what and whose it is. */
export interface OutboxMail extends MailMessage {
  at: Date;
  /** What the mail is, for the admins' list of undelivered mail. */
  kind?: MailKind;
  /** Whose admins see it when it cannot be delivered (usually the recipient's organization). */
  organizationId?: string | null;
}

/** Writes a mail to the outbox in the caller's transaction; it goes out after that commits. */
export async function enqueueMail(db: Database, mail: OutboxMail): Promise<string> {
  const [row] = await db
    .insert(mailOutbox)
    .values({
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      kind: mail.kind ?? "other",
      organizationId: mail.organizationId ?? null,
      createdAt: mail.at,
      nextAttemptAt: mail.at,
    })
    .returning({ id: mailOutbox.id });
  if (!row) throw new Error("mail_outbox insert returned nothing");
  return row.id;
}

/**
 * Writes a mail to the outbox in the transaction and registers its delivery for once that has
 * committed: a rollback sends nothing, and a mail that fails then is retried by the housekeeping loop.
 */
export async function mailAfterCommit(tx: TransactionContext, mail: OutboxMail): Promise<string> {
  const id = await enqueueMail(tx.db, mail);
  tx.afterCommit((ctx) => deliverPendingMail(ctx.db, ctx.mailer, ctx.clock.now(), { ids: [id], logger: ctx.logger }));
  return id;
}

/**
 * Delivers the outbox's due mails (or only the given ones): claims them with `FOR UPDATE SKIP
 * LOCKED`, so several processes can deliver side by side, and moves their next attempt on by the
 * backoff before sending — a mail that is being sent, or failed, is not due again until then.
 * A process that dies between sending and marking sent sends it again later: at least once.
 * Never throws; failures are recorded on the mail and logged.
 */
export async function deliverPendingMail(
  db: Database,
  mailer: Mailer,
  now: Date,
  options: { ids?: string[]; limit?: number; logger?: Logger } = {},
): Promise<{ sent: number; failed: number }> {
  if (options.ids && options.ids.length === 0) return { sent: 0, failed: 0 };
  let claimed: (typeof mailOutbox.$inferSelect)[];
  try {
    claimed = await db.transaction(async (tx) => {
      const due = await tx
        .select()
        .from(mailOutbox)
        .where(
          and(
            isNull(mailOutbox.sentAt),
            lte(mailOutbox.nextAttemptAt, now),
            lt(mailOutbox.attempts, MAX_MAIL_ATTEMPTS),
            options.ids ? inArray(mailOutbox.id, options.ids) : undefined,
          ),
        )
        .orderBy(asc(mailOutbox.nextAttemptAt))
        .limit(options.limit ?? 50)
        .for("update", { skipLocked: true });
      for (const mail of due) {
        await tx
          .update(mailOutbox)
          .set({
            attempts: mail.attempts + 1,
            nextAttemptAt: new Date(now.getTime() + mailBackoffMs(mail.attempts + 1)),
          })
          .where(eq(mailOutbox.id, mail.id));
      }
      return due;
    });
  } catch (err) {
    options.logger?.error("mail outbox: claiming failed", err);
    return { sent: 0, failed: 0 };
  }

  let sent = 0;
  let failed = 0;
  for (const mail of claimed) {
    try {
      await mailer.send({ to: mail.to, subject: mail.subject, text: mail.text });
      await db.update(mailOutbox).set({ sentAt: now, lastError: null }).where(eq(mailOutbox.id, mail.id));
      sent++;
    } catch (err) {
      failed++;
      const message = err instanceof Error ? err.message : String(err);
      await db
        .update(mailOutbox)
        .set({ lastError: message.slice(0, 500) })
        .where(eq(mailOutbox.id, mail.id))
        .catch(() => {});
      const last = mail.attempts + 1 >= MAX_MAIL_ATTEMPTS;
      options.logger?.error(last ? "mail outbox: giving up on a mail" : "mail outbox: sending failed, will retry", err);
    }
  }
  return { sent, failed };
}

/** Forgets mails sent (or given up on) more than 30 days ago. */
export async function pruneMailOutbox(db: Database, now: Date) {
  const before = new Date(now.getTime() - KEEP_MS);
  await db
    .delete(mailOutbox)
    .where(
      or(
        lt(mailOutbox.sentAt, before),
        and(isNull(mailOutbox.sentAt), gte(mailOutbox.attempts, MAX_MAIL_ATTEMPTS), lt(mailOutbox.createdAt, before)),
      ),
    );
}

/**
 * One more attempt, now, at a mail given up on (an admin's "opnieuw proberen"): null when the
 * mail is not the organization's or not given up on; otherwise whether it went out. Failed
 * again, it is given up on again (attempts one higher).
 */
export async function retryGivenUpMail(
  db: Database,
  mailer: Mailer,
  now: Date,
  mail: { id: string; organizationId: string; logger?: Logger },
): Promise<{ sent: boolean } | null> {
  const [due] = await db
    .update(mailOutbox)
    .set({ attempts: MAX_MAIL_ATTEMPTS - 1, nextAttemptAt: now })
    .where(
      and(
        eq(mailOutbox.id, mail.id),
        eq(mailOutbox.organizationId, mail.organizationId),
        isNull(mailOutbox.sentAt),
        gte(mailOutbox.attempts, MAX_MAIL_ATTEMPTS),
      ),
    )
    .returning({ id: mailOutbox.id });
  if (!due) return null;
  const { sent } = await deliverPendingMail(db, mailer, now, { ids: [due.id], logger: mail.logger });
  return { sent: sent === 1 };
}
