import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { Writable } from "node:stream";
import { createDb, type DbHandle, webhookDeliveries } from "@schakel/db";
import { inArray } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { systemClock } from "../../lib/clock";
import { createLogger } from "../../lib/logger";
import { CuttableProxy } from "../../test/cuttable-proxy";
import { createTestContext, TEST_ORIGIN, type TestContext } from "../../test/harness";
import { ownTestDatabase } from "../../test/own-database";
import { WebhookReceiver } from "../../test/webhook-receiver";
import { checkDeliveries, liveSubscription, newSecret, statusChange } from "../../test/webhook-world";
import { startWebhookDispatcher } from "./dispatcher";

// Fault tests of issue 10 that need PostgreSQL: a dispatcher process killed mid-delivery, the
// database connection cut under a running dispatcher, and two dispatchers with their own pools at
// once. Each uses a real HTTP receiver in this process that verifies every delivery with
// standardwebhooks and parses it with the cloudevents SDK. (The receiver-down case, the 3-day
// give-up, slow receivers and order during backoff are in dispatcher.test.ts, on both engines.)

const PG_URL = process.env.DATABASE_URL;
const SCRIPT = new URL("../../webhooks-dispatch.ts", import.meta.url).pathname;
const dataref = (referralId: string) => `${TEST_ORIGIN}/api/v1/referrals/${referralId}`;

async function until(what: string, ok: () => boolean | Promise<boolean>, timeoutMs = 30_000) {
  const started = performance.now();
  while (!(await ok())) {
    if (performance.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe.runIf(Boolean(PG_URL))("webhook delivery under faults (PostgreSQL)", () => {
  let t: TestContext;
  /** This file's own database (the dispatchers work every due delivery in it), for the processes too. */
  let dbUrl = "";
  const receiver = new WebhookReceiver();

  beforeAll(async () => {
    const own = await ownTestDatabase();
    dbUrl = own.url ?? "";
    t = await createTestContext({ config: { webhookAllowLocalUrls: true }, db: own.handle });
    await receiver.open();
  });
  afterAll(async () => {
    await receiver.close();
    await t?.close();
  });
  beforeEach(() => {
    receiver.accepted.length = 0;
    receiver.concurrentDuplicates.length = 0;
    receiver.answer = () => ({ status: 204 });
  });

  /** `subscriptions` live subscriptions of one organization, each at its own path; `referrals` × `changes` status changes. */
  async function world(subscriptions: number, referrals: number, changes: number) {
    const organization = await t.make.organization();
    const subs: (Awaited<ReturnType<typeof liveSubscription>> & { path: string })[] = [];
    for (let i = 0; i < subscriptions; i++) {
      const path = `/hook/${randomUUID()}`;
      const secret = newSecret();
      receiver.secrets.set(path, secret);
      subs.push({
        path,
        ...(await liveSubscription(t.db, t.clock, { organizationId: organization.id, url: receiver.url(path), secret })),
      });
    }
    const ids = Array.from({ length: referrals }, () => randomUUID());
    const expected = new Map<string, number>();
    for (let c = 1; c <= changes; c++) {
      for (const id of ids) {
        await statusChange(t.serviceContext(), id, [organization.id]);
        expected.set(dataref(id), c);
      }
    }
    const all = () =>
      subs.every(
        (s) =>
          checkDeliveries(
            receiver.accepted.filter((r) => r.path === s.path),
            expected,
          ).errors.length === 0,
      );
    const rows = () =>
      t.db
        .select()
        .from(webhookDeliveries)
        .where(
          inArray(
            webhookDeliveries.subscriptionId,
            subs.map((s) => s.id),
          ),
        );
    return { organization, subs, expected, all, rows };
  }

  function spawnDispatcher(): ChildProcess & { output: string[] } {
    const child = spawn(process.execPath, ["--import", "tsx", SCRIPT], {
      env: {
        ...process.env,
        NODE_ENV: "test",
        DATABASE_URL: dbUrl,
        PUBLIC_URL: TEST_ORIGIN,
        WEBHOOK_ALLOW_LOCAL_URLS: "true",
        WEBHOOK_LEASE_SECONDS: "2",
        WEBHOOK_DISPATCH_CONCURRENCY: "8",
      },
      stdio: ["ignore", "pipe", "pipe"],
    }) as ChildProcess & { output: string[] };
    child.output = [];
    child.stdout?.on("data", (d) => child.output.push(String(d)));
    child.stderr?.on("data", (d) => child.output.push(String(d)));
    return child;
  }
  const exited = (child: ChildProcess) =>
    new Promise<{ code: number | null; signal: string | null }>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
      else child.once("exit", (code, signal) => resolve({ code, signal }));
    });

  it("(b) the dispatcher process is killed (SIGKILL) mid-delivery and started again: nothing is lost, order holds", async () => {
    const w = await world(2, 5, 4);
    // The first three requests hang: the process is killed while they are in flight.
    let n = 0;
    receiver.answer = () => (++n <= 3 ? "hang" : { status: 204, delayMs: 5 });
    const first = spawnDispatcher();
    try {
      await until("three deliveries in flight", () => receiver.inFlight.size >= 3, 20_000);
      first.kill("SIGKILL");
      expect(await exited(first)).toMatchObject({ signal: "SIGKILL" });
    } finally {
      first.kill("SIGKILL");
    }
    const leased = (await w.rows()).filter((d) => d.status === "pending" && d.leasedUntil !== null);
    expect(leased.length).toBeGreaterThanOrEqual(3);

    const second = spawnDispatcher();
    try {
      await until("every event at the receiver", w.all, 30_000);
      second.kill("SIGTERM");
      expect(await exited(second)).toMatchObject({ code: 0 });
    } finally {
      second.kill("SIGKILL");
    }
    expect(second.output.join("")).toContain("webhook dispatcher stopped");
    expect(receiver.problems).toEqual([]);
    for (const s of w.subs) {
      expect(
        checkDeliveries(
          receiver.accepted.filter((r) => r.path === s.path),
          w.expected,
        ).errors,
      ).toEqual([]);
    }
    expect((await w.rows()).every((d) => d.status === "delivered")).toBe(true);
  }, 90_000);

  it("(c) the database connection drops and returns: the dispatcher recovers on its own, logs without personal data, loses nothing", async () => {
    const url = new URL(dbUrl);
    const proxy = new CuttableProxy({ host: url.hostname, port: Number(url.port || 5432) });
    await proxy.open();
    url.hostname = "127.0.0.1";
    url.port = String(proxy.port);
    const lines: Record<string, unknown>[] = [];
    const capture = new Writable({
      write(chunk, _encoding, callback) {
        for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
        callback();
      },
    });
    const own: DbHandle = createDb({ url: url.toString(), max: 4, connectTimeoutSeconds: 1 });
    const w = await world(2, 4, 3);
    receiver.answer = () => ({ status: 204, delayMs: 20 });
    const dispatcher = startWebhookDispatcher(
      { ...t.serviceContext(), db: own.db, clock: systemClock, logger: createLogger(capture) },
      { concurrency: 4, leaseMs: 2_000, pollMs: 50 },
    );
    try {
      await until("the first deliveries", () => receiver.accepted.length >= 2, 10_000);
      await proxy.cut();
      const during = receiver.accepted.length;
      // Changes keep being made (the app's own pool still reaches the database).
      const more = randomUUID();
      for (let i = 1; i <= 3; i++) await statusChange(t.serviceContext(), more, [w.organization.id]);
      w.expected.set(dataref(more), 3);
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      // Nothing new can be claimed while it is cut off (at most what was already in flight).
      expect(receiver.accepted.length - during).toBeLessThanOrEqual(4 * 2);
      await proxy.open();
      await until("every event at the receiver", w.all, 30_000);
    } finally {
      await dispatcher.stop();
      await own.close();
      await proxy.cut();
    }
    const failed = lines.filter((l) => l.msg === "webhook dispatcher: claiming failed");
    expect(failed.length).toBeGreaterThanOrEqual(1);
    // Logged once and then every 20th, not on every retry.
    expect(failed.length).toBeLessThan(10);
    expect(lines.some((l) => l.msg === "webhook dispatcher: database reachable again")).toBe(true);
    expect(JSON.stringify(lines)).not.toContain(receiver.url("/"));
    expect(receiver.problems).toEqual([]);
    expect((await w.rows()).every((d) => d.status === "delivered")).toBe(true);
  }, 60_000);

  it("(d) two dispatchers with their own pools at once: no event is delivered twice concurrently, every event arrives, the work is shared", async () => {
    const w = await world(3, 20, 5);
    receiver.answer = () => ({ status: 204, delayMs: Math.floor(Math.random() * 15) });
    const pools = [createDb({ url: dbUrl, max: 4 }), createDb({ url: dbUrl, max: 4 })];
    const dispatchers = pools.map((p) =>
      startWebhookDispatcher({ ...t.serviceContext(), db: p.db, clock: systemClock }, { concurrency: 8, pollMs: 20 }),
    );
    try {
      await until("every event at the receiver", w.all, 60_000);
    } finally {
      for (const d of dispatchers) await d.stop();
      for (const p of pools) await p.close();
    }
    expect(receiver.problems).toEqual([]);
    expect(receiver.concurrentDuplicates).toEqual([]);
    // Nothing failed, so nothing was sent twice at all.
    expect(receiver.accepted).toHaveLength(3 * 20 * 5);
    for (const s of w.subs) {
      expect(
        checkDeliveries(
          receiver.accepted.filter((r) => r.path === s.path),
          w.expected,
        ).errors,
      ).toEqual([]);
    }
    const [a, b] = dispatchers.map((d) => d.stats().delivered);
    expect((a ?? 0) + (b ?? 0)).toBe(300);
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
  }, 90_000);
});
