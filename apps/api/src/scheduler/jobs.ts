import { deleteExpiredSessions } from "../auth/sessions";
import { pruneLoginAttempts } from "../auth/throttle";
import { deliverPendingMail, pruneMailOutbox } from "../mail/outbox";
import { sendDailyDigests } from "../services/notifications/digest";
import { runRetention } from "../services/privacy/retention";
import { stopReferralsOfExpiredConsents, warnOfExpiringConsents } from "../services/referrals/consent-expiry";
import { pruneSecurityEvents } from "../services/security-log/record-security-event";
import { escalationLadderJob } from "./escalation-ladder";
import type { Job } from "./scheduler";

const MINUTE = 60_000;

/** Mails that failed (or were left behind by a stopped process) go out again, with backoff. */
export const mailOutboxJob: Job = {
  name: "mail-outbox",
  everyMs: 30_000,
  run: async (ctx, now) => deliverPendingMail(ctx.db, ctx.mailer, now, { logger: ctx.logger }),
};

/** Expired sessions, old sign-in attempts, old sent mails and security events past their year are forgotten. */
export const housekeepingJob: Job = {
  name: "housekeeping",
  everyMs: 10 * MINUTE,
  run: async (ctx, now) => {
    const [, , , securityEvents] = await Promise.all([
      deleteExpiredSessions(ctx.db, now),
      pruneLoginAttempts(ctx.db, now),
      pruneMailOutbox(ctx.db, now),
      pruneSecurityEvents(ctx.db, now),
    ]);
    return { securityEvents };
  },
};

/** From 08:00 Europe/Amsterdam on working days, each digest person's one mail of the day. */
export const dailyDigestJob: Job = {
  name: "daily-digest",
  everyMs: 5 * MINUTE,
  run: (ctx, now) => sendDailyDigests(ctx, now),
};

/** Consents that run out: the sender is told 14 days ahead; at the end the referral stops. */
export const consentExpiryJob: Job = {
  name: "consent-expiry",
  everyMs: 10 * MINUTE,
  run: async (ctx, now) => ({ ...(await warnOfExpiringConsents(ctx, now)), ...(await stopReferralsOfExpiredConsents(ctx, now)) }),
};

/** Once a day: old closed referrals and their residents anonymised, old access-log entries and idempotency keys removed. */
export const retentionJob: Job = {
  name: "retention",
  everyMs: 24 * 60 * MINUTE,
  run: async (ctx, now) => (await runRetention(ctx, now, { dryRun: false })).counts,
};

/** Every job the server runs, in the order a tick runs them (the ladder and consent expiry before the digest that reports them). */
export const allJobs: readonly Job[] = [
  mailOutboxJob,
  housekeepingJob,
  escalationLadderJob,
  consentExpiryJob,
  dailyDigestJob,
  retentionJob,
];
