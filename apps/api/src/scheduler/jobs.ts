import { deleteExpiredSessions } from "../auth/sessions";
import { pruneLoginAttempts } from "../auth/throttle";
import { deliverPendingMail, pruneMailOutbox } from "../mail/outbox";
import { escalationLadderJob } from "./escalation-ladder";
import type { Job } from "./scheduler";

const MINUTE = 60_000;

/** Mails that failed (or were left behind by a stopped process) go out again, with backoff. */
export const mailOutboxJob: Job = {
  name: "mail-outbox",
  everyMs: 30_000,
  run: async (ctx, now) => deliverPendingMail(ctx.db, ctx.mailer, now, { logger: ctx.logger }),
};

/** Expired sessions, old sign-in attempts and old sent mails are forgotten. */
export const housekeepingJob: Job = {
  name: "housekeeping",
  everyMs: 10 * MINUTE,
  run: async (ctx, now) => {
    await Promise.all([deleteExpiredSessions(ctx.db, now), pruneLoginAttempts(ctx.db, now), pruneMailOutbox(ctx.db, now)]);
    return {};
  },
};

/** Every job the server runs, in the order a tick runs them. */
export const allJobs: readonly Job[] = [mailOutboxJob, housekeepingJob, escalationLadderJob];
