import { schedulerJobs } from "@schakel/db";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestContext, silentLogger, type TestContext } from "../test/harness";
import { type Job, makeJobDue, runJobIfDue, type SchedulerDeps } from "./scheduler";

let t: TestContext;
let deps: SchedulerDeps;
beforeAll(async () => {
  t = await createTestContext();
  deps = {
    db: t.db,
    config: { production: false, trustProxy: true, devMailbox: false },
    clock: t.clock,
    mailer: t.mailer,
    logger: silentLogger,
    fallbackBaseUrl: "http://localhost:3000",
  };
});
afterAll(() => t.close());

const countingJob = (name: string) => {
  const runs: Date[] = [];
  const job: Job = {
    name,
    everyMs: 60_000,
    run: async (_ctx, now) => {
      runs.push(now);
      return { done: runs.length };
    },
  };
  return { job, runs };
};

describe("the scheduler", () => {
  test("a slot runs once, however many processes reach it; the next slot after everyMs", async () => {
    const { job, runs } = countingJob(`count-${crypto.randomUUID()}`);
    const results = await Promise.all([runJobIfDue(deps, job), runJobIfDue(deps, job), runJobIfDue(deps, job)]);
    expect(results.filter((r) => r.ran)).toHaveLength(1);
    expect(runs).toHaveLength(1);
    t.clock.advance(30_000);
    expect((await runJobIfDue(deps, job)).ran).toBe(false);
    t.clock.advance(30_000);
    expect((await runJobIfDue(deps, job)).ran).toBe(true);
    expect(runs).toHaveLength(2);
    const [row] = await t.db.select().from(schedulerJobs).where(eq(schedulerJobs.name, job.name));
    expect(row?.lastSummary).toEqual({ done: 2 });
    expect(row?.lastError).toBeNull();
  });

  test("a failing run is recorded and does not stop the next slot", async () => {
    const name = `fail-${crypto.randomUUID()}`;
    let fail = true;
    const job: Job = {
      name,
      everyMs: 1000,
      run: async () => {
        if (fail) throw new Error("kapot");
        return {};
      },
    };
    expect(await runJobIfDue(deps, job)).toEqual({ ran: true, summary: null });
    const [row] = await t.db.select().from(schedulerJobs).where(eq(schedulerJobs.name, name));
    expect(row?.lastError).toBe("kapot");
    fail = false;
    await makeJobDue(deps, name);
    expect(await runJobIfDue(deps, job)).toEqual({ ran: true, summary: {} });
  });
});
