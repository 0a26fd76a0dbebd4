import { integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * The scheduler's jobs: when each is next due, and how its last run went. A process runs a job
 * only after moving `nextRunAt` on in one UPDATE, so with several processes each slot runs once;
 * the jobs themselves are safe to run twice (SKIP LOCKED, unique keys) should that ever happen.
 */
export const schedulerJobs = pgTable("scheduler_jobs", {
  name: text().primaryKey(),
  nextRunAt: timestamp({ withTimezone: true }).notNull(),
  lastStartedAt: timestamp({ withTimezone: true }),
  lastFinishedAt: timestamp({ withTimezone: true }),
  lastDurationMs: integer(),
  /** What the last run did, in counts (never personal data). */
  lastSummary: jsonb().$type<Record<string, number>>(),
  lastError: text(),
});
