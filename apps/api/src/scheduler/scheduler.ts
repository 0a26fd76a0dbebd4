import { schedulerJobs } from "@schakel/db";
import { and, eq, lte, sql } from "drizzle-orm";
import { createSessionManager } from "../auth/sessions";
import { mailBaseUrl } from "../config";
import type { AppDeps } from "../context";
import type { ServiceContext } from "../services/context";

/**
 * One in-process scheduler for the background work: the escalation ladder, digests, consent
 * expiry, retention, the mail outbox and housekeeping (ADR 0017). Each job has a row in
 * `scheduler_jobs`; a process runs a job only after moving its `nextRunAt` on in one UPDATE
 * (`… where next_run_at <= now returning`), so with several processes each slot runs once and
 * a restart picks up where the table says. The jobs are also safe when two runs overlap: they
 * claim rows with `FOR UPDATE SKIP LOCKED` and record what they did under unique keys.
 */
export interface Job {
  /** Stable name: the row in scheduler_jobs, and what the log says. */
  name: string;
  /** How often it runs. */
  everyMs: number;
  /**
   * Does the work due at `now`, as the system (no actor). Returns what it did, in counts — the
   * log and scheduler_jobs show them; never personal data.
   */
  run(ctx: ServiceContext, now: Date): Promise<Record<string, number>>;
}

export interface SchedulerDeps extends AppDeps {
  /** Where links in mails point when the configuration has no PUBLIC_URL (tests); the app's config always has one. */
  fallbackBaseUrl?: string;
}

/** The context jobs run in: the app's dependencies, no actor, links to PUBLIC_URL. */
export function systemContext(deps: SchedulerDeps): ServiceContext {
  return {
    db: deps.db,
    config: deps.config,
    clock: deps.clock,
    mailer: deps.mailer,
    logger: deps.logger,
    sessions: createSessionManager(deps.db, { production: deps.config.production, clock: deps.clock }),
    actor: null,
    baseUrl: deps.config.publicUrl || !deps.fallbackBaseUrl ? mailBaseUrl(deps.config) : deps.fallbackBaseUrl,
  };
}

/**
 * Claims the job's current slot: true when this process moved `nextRunAt` on and so must run it.
 * A job never seen before is due at once.
 */
async function claim(deps: SchedulerDeps, job: Job, now: Date): Promise<boolean> {
  await deps.db.insert(schedulerJobs).values({ name: job.name, nextRunAt: now }).onConflictDoNothing();
  const claimed = await deps.db
    .update(schedulerJobs)
    .set({ nextRunAt: new Date(now.getTime() + job.everyMs), lastStartedAt: now })
    .where(and(eq(schedulerJobs.name, job.name), lte(schedulerJobs.nextRunAt, now)))
    .returning({ name: schedulerJobs.name });
  return claimed.length > 0;
}

/**
 * Runs the job if its slot is due and no other process took it; records and logs the outcome.
 * Never throws: a failed run is logged and tried again at the next slot.
 */
export async function runJobIfDue(
  deps: SchedulerDeps,
  job: Job,
): Promise<{ ran: false } | { ran: true; summary: Record<string, number> | null }> {
  const now = deps.clock.now();
  let claimed: boolean;
  try {
    claimed = await claim(deps, job, now);
  } catch (err) {
    deps.logger.error(`scheduler: could not claim ${job.name}`, err);
    return { ran: false };
  }
  if (!claimed) return { ran: false };
  const started = performance.now();
  try {
    const summary = await job.run(systemContext(deps), now);
    const ms = Math.round(performance.now() - started);
    await deps.db
      .update(schedulerJobs)
      .set({ lastFinishedAt: deps.clock.now(), lastDurationMs: ms, lastSummary: summary, lastError: null })
      .where(eq(schedulerJobs.name, job.name));
    deps.logger.info("scheduler: job ran", { job: job.name, ms, ...summary });
    return { ran: true, summary };
  } catch (err) {
    const ms = Math.round(performance.now() - started);
    deps.logger.error(`scheduler: job ${job.name} failed`, err);
    await deps.db
      .update(schedulerJobs)
      .set({
        lastFinishedAt: deps.clock.now(),
        lastDurationMs: ms,
        lastError: (err instanceof Error ? err.message : String(err)).slice(0, 500),
      })
      .where(eq(schedulerJobs.name, job.name))
      .catch(() => {});
    return { ran: true, summary: null };
  }
}

/** Makes the job due now (a command, or a test, that wants it run at the next tick). */
export async function makeJobDue(deps: Pick<AppDeps, "db">, name: string) {
  await deps.db.update(schedulerJobs).set({ nextRunAt: sql`'-infinity'::timestamptz` }).where(eq(schedulerJobs.name, name));
}

/**
 * Starts the loop: every `tickMs` each job whose slot is due runs, one job at a time in this
 * process (a slow job delays the others; none waits for another process). `stop()` waits for
 * the run in progress.
 */
export function startScheduler(deps: SchedulerDeps, jobs: readonly Job[], options: { tickMs?: number } = {}) {
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = (async () => {
      for (const job of jobs) {
        if (stopped) break;
        await runJobIfDue(deps, job);
      }
    })().finally(() => {
      running = null;
    });
  };
  const timer = setInterval(tick, options.tickMs ?? 15_000);
  timer.unref();
  tick();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
