import { type Database, webhookDeliveries } from "@schakel/db";
import { and, eq, sql } from "drizzle-orm";
import { eventSource, mailBaseUrl } from "../../config";
import type { AppDeps } from "../../context";
import { systemContext } from "../../scheduler/scheduler";
import { withTransaction } from "../context";
import { CLOUD_EVENTS_CONTENT_TYPE, cloudEventBody, toCloudEvent } from "./cloud-event";
import { tellAdminsOfGivenUpDeliveries } from "./give-up";
import { postWebhook, WEBHOOK_TIMEOUT_MS, type WebhookResult } from "./send";
import { signingSecrets } from "./subscription-view";

/**
 * The webhook dispatcher (issue 10, ADR 0030). It works the `webhook_deliveries` the outbox
 * writes: it claims due ones in one short statement (`FOR UPDATE SKIP LOCKED`, setting a lease),
 * POSTs each outside any transaction, and records the outcome in another short statement. No
 * transaction is ever open during HTTP, so on PGlite (one connection, shared with the app) a slow
 * receiver holds up nothing but its own delivery.
 *
 * - Order: a delivery is due only when no earlier-sequence delivery of the same subscription and
 *   ordering key (a referral, a service) is still pending, so at most one per key and subscription
 *   is in flight and they arrive in sequence order. Other keys and subscriptions go in parallel.
 * - At least once: the `webhook-id` is the delivery's id, the same on every attempt. A process that
 *   dies after the POST and before recording it leaves the lease to run out; then the delivery is
 *   sent again, with the same id, and the receiver drops the duplicate.
 * - Retries: full-jitter exponential backoff (5 s doubling, at most 1 h) until 3 days after the
 *   event; the last attempt falls at the deadline, and failing that the delivery is `failed` and
 *   the organization's admins are told (give-up.ts).
 */

/** How long a claim holds a delivery: well over the 10 s timeout, so only a dead process loses it. */
export const WEBHOOK_LEASE_MS = 60_000;
/** How long after its event a delivery is retried before it is given up on. */
export const WEBHOOK_RETRY_WINDOW_MS = 3 * 86_400_000;
export const WEBHOOK_BACKOFF_BASE_MS = 5_000;
export const WEBHOOK_BACKOFF_CAP_MS = 3_600_000;
/** Deliveries in flight at once, per dispatcher. */
export const WEBHOOK_DEFAULT_CONCURRENCY = 32;
/** How often an idle dispatcher looks for work (one with work goes on at once). */
export const WEBHOOK_POLL_MS = 200;

/**
 * The wait before attempt n+1 after n failed attempts: full jitter over 5 s · 2^(n-1), capped at
 * 1 h — a random point in [1 s, ceiling], so many deliveries that failed together (a receiver that
 * was down) do not all come back at the same moment.
 */
export function webhookBackoffMs(attempts: number, random: () => number = Math.random) {
  const ceiling = Math.min(WEBHOOK_BACKOFF_CAP_MS, WEBHOOK_BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
  return Math.max(1_000, Math.round(random() * ceiling));
}

export interface DispatcherOptions {
  /** Deliveries in flight at once (default 32). */
  concurrency?: number;
  /** How long a claim holds a delivery (default 60 s; keep it well over the timeout). */
  leaseMs?: number;
  /** How long a receiver may take (default 10 s). */
  timeoutMs?: number;
  /** How often an idle dispatcher looks for work (default 200 ms). */
  pollMs?: number;
  /** In flight at once for one subscription (default a quarter of `concurrency`, at least 1). */
  perSubscription?: number;
}

const perSubscriptionOf = (options: DispatcherOptions) =>
  options.perSubscription ?? Math.max(1, Math.floor((options.concurrency ?? WEBHOOK_DEFAULT_CONCURRENCY) / 4));

type Claimed = {
  id: string;
  subscriptionId: string;
  attempts: number;
  leasedUntil: Date;
};

/**
 * Runs the dispatcher's own bookkeeping (a claim, an outcome) without waiting for the commit's
 * flush to disk (`synchronous_commit = off`, for this transaction only). Should PostgreSQL crash in
 * the fraction of a second before the flush, the claim or the outcome is lost and the delivery goes
 * out again with the same webhook-id — what at-least-once allows anyway; in return the dispatcher
 * does not wait on the disk twice per delivery. The changes themselves commit as always.
 */
function withoutFlushWait<T>(db: Database, work: (tx: Database) => Promise<T>): Promise<T> {
  return db.transaction(async (raw) => {
    const tx = raw as unknown as Database;
    await tx.execute(sql`set local synchronous_commit = off`);
    return work(tx);
  });
}

export interface ClaimOptions {
  limit: number;
  leaseMs?: number;
  /** At most this many of one subscription per claim (default: all of `limit`). */
  perSubscription?: number;
  /** Subscriptions to leave out: this dispatcher already has its share of theirs in flight. */
  busy?: readonly string[];
}

/**
 * Claims up to `limit` due deliveries in one statement: pending, their next attempt come, not
 * leased (or the lease ran out), and no earlier delivery of the same subscription and key still
 * pending — at most `perSubscription` of each active subscription, so one slow receiver cannot take
 * every slot. Rows another dispatcher is claiming right now are skipped (SKIP LOCKED), not waited
 * for; the lease and `attempts + 1` are written in the same statement, so a claim either holds or
 * never happened. Deliveries of an inactive subscription wait until it is active again, and those of
 * one whose new address has not yet answered the test event (verified_at null) until it has.
 */
export async function claimDueDeliveries(db: Database, now: Date, options: ClaimOptions) {
  const at = now.toISOString();
  const leasedUntil = new Date(now.getTime() + (options.leaseMs ?? WEBHOOK_LEASE_MS));
  const perSubscription = options.perSubscription ?? options.limit;
  const busy = options.busy ?? [];
  // One statement, its own transaction: the claim, and what the claimed deliveries need to go out.
  // set_config(…, true) holds to that transaction's end, so its commit does not wait for the flush.
  const result = await db.execute(sql`
    with no_flush_wait as (select set_config('synchronous_commit', 'off', true)),
    due as (
      select x.id from webhook_subscriptions s
      cross join lateral (
        select d.id, d.next_attempt_at from webhook_deliveries d
        where d.subscription_id = s.id
          and d.status = 'pending'
          and d.next_attempt_at <= ${at}::timestamptz
          and (d.leased_until is null or d.leased_until <= ${at}::timestamptz)
          -- the lowest pending sequence of its key, looked up per row in the open-order index; its
          -- "not delivered, not failed" (= pending) keeps the planner off the due index (ADR 0030)
          and d.sequence = (
            select p.sequence from webhook_deliveries p
            where p.subscription_id = d.subscription_id and p.ordering_key = d.ordering_key
              and p.status <> 'delivered' and p.status <> 'failed'
            order by p.sequence limit 1
          )
        order by d.next_attempt_at
        limit ${perSubscription}
        for update of d skip locked
      ) x
      where s.active and s.verified_at is not null${busy.length > 0 ? sql` and s.id <> all(${`{${busy.join(",")}}`}::uuid[])` : sql``}
      order by x.next_attempt_at
      limit ${options.limit}
    ),
    claimed as (
      update webhook_deliveries w
      set leased_until = ${leasedUntil.toISOString()}::timestamptz, attempts = w.attempts + 1, last_attempt_at = ${at}::timestamptz
      from due where w.id = due.id
      returning w.id, w.attempts, w.subscription_id, w.event_id
    )
    select c.id, c.attempts, c.subscription_id, e.id as event_id, e.type, e.time, e.resource_path, e.sequence, e.data,
           s.url, s.secret, s.previous_secret, s.previous_secret_expires_at
    from claimed c
    join webhook_events e on e.id = c.event_id
    join webhook_subscriptions s on s.id = c.subscription_id
    cross join no_flush_wait`);
  const list = (Array.isArray(result) ? result : (result as unknown as { rows: unknown[] }).rows) as ClaimRow[];
  return list.map((r) => {
    const subscriptionId = String(r.subscription_id);
    const claimed: Claimed = { id: r.id, attempts: Number(r.attempts), leasedUntil, subscriptionId };
    const work: Work = {
      id: r.id,
      subscriptionId,
      event: {
        id: r.event_id,
        type: r.type,
        time: new Date(r.time),
        resourcePath: r.resource_path,
        sequence: Number(r.sequence),
        data: (typeof r.data === "string" ? JSON.parse(r.data) : r.data) as Record<string, unknown>,
      },
      url: r.url,
      secret: r.secret,
      previousSecret: r.previous_secret,
      previousSecretExpiresAt: r.previous_secret_expires_at === null ? null : new Date(r.previous_secret_expires_at),
    };
    return { claimed, work };
  });
}

/** A row of the claim, as either driver returns it (timestamps as Date or text, jsonb parsed or not). */
interface ClaimRow {
  id: string;
  attempts: number | string;
  subscription_id: string;
  event_id: string;
  type: string;
  time: Date | string;
  resource_path: string;
  sequence: number | string;
  data: unknown;
  url: string;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | string | null;
}

/** What a claimed delivery needs to go out: its event and its subscription. */
interface Work {
  id: string;
  subscriptionId: string;
  event: { id: string; type: string; time: Date; resourcePath: string; sequence: number; data: Record<string, unknown> };
  url: string;
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
}

/** Records deliveries as delivered, many in one statement (whoever holds the lease now: it is true). */
async function markDelivered(db: Database, now: Date, rows: readonly { id: string; status: number }[]) {
  if (rows.length === 0) return;
  await db.execute(sql`
    with no_flush_wait as (select set_config('synchronous_commit', 'off', true))
    update webhook_deliveries w
    set status = 'delivered', delivered_at = ${now.toISOString()}::timestamptz, leased_until = null,
        last_response_status = v.code, last_error = null
    from (select unnest(${`{${rows.map((r) => r.id).join(",")}}`}::uuid[]) as id,
                 unnest(${`{${rows.map((r) => r.status).join(",")}}`}::int[]) as code) v, no_flush_wait
    where w.id = v.id and w.status = 'pending'`);
}

/**
 * Collects "delivered" outcomes and writes them together: while one statement runs, the next ones
 * wait and go in the following one (group commit, no added delay). At 600 deliveries a second one
 * commit per delivery would be most of the database's work.
 */
function deliveredRecorder(deps: AppDeps) {
  type Item = { id: string; status: number; resolve: () => void; reject: (err: unknown) => void };
  const queue: Item[] = [];
  let flushing = false;
  const flush = async () => {
    flushing = true;
    while (queue.length > 0) {
      const batch = queue.splice(0, 500);
      try {
        await markDelivered(deps.db, deps.clock.now(), batch);
        for (const item of batch) item.resolve();
      } catch (err) {
        for (const item of batch) item.reject(err);
      }
    }
    flushing = false;
  };
  return (id: string, status: number) =>
    new Promise<void>((resolve, reject) => {
      queue.push({ id, status, resolve, reject });
      if (!flushing) void flush();
    });
}

type RecordDelivered = (id: string, status: number) => Promise<void>;

/** One attempt at one claimed delivery: the POST, then its outcome. */
async function attempt(
  deps: AppDeps,
  claimed: Claimed,
  work: Work,
  options: DispatcherOptions,
  recordDelivered?: RecordDelivered,
) {
  const now = deps.clock.now();
  const event = toCloudEvent(work.event, { source: eventSource(deps.config), baseUrl: mailBaseUrl(deps.config) });
  const result = await postWebhook(
    work.url,
    { id: work.id, timestamp: now, body: cloudEventBody(event), contentType: CLOUD_EVENTS_CONTENT_TYPE },
    signingSecrets(work, now),
    { allowLocal: deps.config.webhookAllowLocalUrls === true },
    options.timeoutMs ?? WEBHOOK_TIMEOUT_MS,
  );
  return recordOutcome(deps, claimed, work, result, recordDelivered);
}

/**
 * Records an attempt's outcome. Delivered: whoever holds the lease now, it is true. Failed: only
 * while this dispatcher still holds the lease (`leased_until` is the fence), so a dispatcher that
 * stalled past its lease does not undo a newer attempt's outcome. Past the 3 days the delivery is
 * `failed` and the admins are told.
 */
async function recordOutcome(
  deps: AppDeps,
  claimed: Claimed,
  work: Work,
  result: WebhookResult,
  recordDelivered?: RecordDelivered,
) {
  const now = deps.clock.now();
  if (result.ok) {
    if (recordDelivered) await recordDelivered(claimed.id, result.status);
    else await markDelivered(deps.db, now, [{ id: claimed.id, status: result.status }]);
    return "delivered" as const;
  }
  const deadline = work.event.time.getTime() + WEBHOOK_RETRY_WINDOW_MS;
  const fence = and(
    eq(webhookDeliveries.id, claimed.id),
    eq(webhookDeliveries.status, "pending"),
    eq(webhookDeliveries.leasedUntil, claimed.leasedUntil),
  );
  const failure = { leasedUntil: null, lastResponseStatus: result.status, lastError: result.error.slice(0, 300) };
  if (now.getTime() >= deadline) {
    // Giving up and telling the admins commit together (a short transaction, after the HTTP).
    await withTransaction(systemContext(deps), async (tx, txCtx) => {
      const given = await tx
        .update(webhookDeliveries)
        .set({ ...failure, status: "failed" })
        .where(fence)
        .returning({ id: webhookDeliveries.id });
      if (given.length > 0) await tellAdminsOfGivenUpDeliveries(txCtx, work.subscriptionId, now);
    });
    return "failed" as const;
  }
  // The last attempt falls on the deadline itself, not somewhere after it.
  const next = Math.min(now.getTime() + webhookBackoffMs(claimed.attempts), deadline);
  await withoutFlushWait(deps.db, (tx) =>
    tx
      .update(webhookDeliveries)
      .set({ ...failure, nextAttemptAt: new Date(next) })
      .where(fence),
  );
  return "retry" as const;
}

export interface PassSummary {
  claimed: number;
  delivered: number;
  retry: number;
  failed: number;
}

/**
 * One pass: claims what is due (up to `concurrency`), sends it all in parallel and waits for the
 * outcomes. For commands and tests; the running dispatcher keeps its slots full instead.
 */
export async function dispatchDueDeliveries(deps: AppDeps, options: DispatcherOptions = {}): Promise<PassSummary> {
  const claimed = await claimDueDeliveries(deps.db, deps.clock.now(), {
    limit: options.concurrency ?? WEBHOOK_DEFAULT_CONCURRENCY,
    leaseMs: options.leaseMs,
    perSubscription: perSubscriptionOf(options),
  });
  const summary: PassSummary = { claimed: claimed.length, delivered: 0, retry: 0, failed: 0 };
  await Promise.all(
    claimed.map(async ({ claimed: c, work }) => {
      summary[await attempt(deps, c, work, options)]++;
    }),
  );
  return summary;
}

/** Passes until nothing is due any more (tests: "everything that can go now has gone"). */
export async function drainDueDeliveries(deps: AppDeps, options: DispatcherOptions = {}) {
  const total: PassSummary = { claimed: 0, delivered: 0, retry: 0, failed: 0 };
  for (;;) {
    const pass = await dispatchDueDeliveries(deps, options);
    if (pass.claimed === 0) return total;
    for (const k of Object.keys(total) as (keyof PassSummary)[]) total[k] += pass[k];
  }
}

const wakers = new Set<() => void>();

/**
 * Tells this process's running dispatchers that deliveries were just committed, so they look now
 * rather than at their next poll. Call it after the commit (e.g. from `afterCommit`); without it
 * the next poll finds them anyway.
 */
export function wakeWebhookDispatchers() {
  for (const wake of wakers) wake();
}

export interface RunningDispatcher {
  /** Look for work now. */
  wake(): void;
  /**
   * Stops claiming; waits for the attempts in flight (at most the timeout) and returns. Any it
   * could not record stay leased and are sent again, with the same webhook-id, when the lease runs out.
   */
  stop(): Promise<void>;
  /** Deliveries in flight now. */
  inFlight(): number;
  /** Outcomes since the start: delivered, to be retried, given up on. */
  stats(): { delivered: number; retry: number; failed: number };
}

/**
 * Starts the dispatcher loop: it keeps up to `concurrency` deliveries in flight, claims again as
 * soon as one finishes (its successor in order may now be due), and polls every `pollMs` when idle.
 * When the database is unreachable it logs (the error's class and code only), waits — 0.2 s
 * doubling to 5 s — and tries again: no crash, no tight loop.
 */
export function startWebhookDispatcher(deps: AppDeps, options: DispatcherOptions = {}): RunningDispatcher {
  const concurrency = options.concurrency ?? WEBHOOK_DEFAULT_CONCURRENCY;
  const pollMs = options.pollMs ?? WEBHOOK_POLL_MS;
  const logger = deps.logger.child({ component: "webhook-dispatcher" });
  const perSubscription = perSubscriptionOf(options);
  const inFlight = new Set<Promise<void>>();
  const perSub = new Map<string, number>();
  let stopped = false;
  let signal: (() => void) | null = null;
  let woken = false;
  let failures = 0;
  const stats = { delivered: 0, retry: 0, failed: 0 };
  const recordDelivered = deliveredRecorder(deps);

  const wake = () => {
    woken = true;
    signal?.();
  };
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken || stopped) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        signal = null;
        resolve();
      }
      signal = done;
    });

  const run = (claimed: Claimed, work: Work) => {
    perSub.set(claimed.subscriptionId, (perSub.get(claimed.subscriptionId) ?? 0) + 1);
    const task = attempt(deps, claimed, work, options, recordDelivered)
      .then((outcome) => {
        stats[outcome]++;
      })
      .catch((err) => logger.error("webhook delivery: recording the outcome failed; the lease runs out and it goes again", err))
      .finally(() => {
        inFlight.delete(task);
        const left = (perSub.get(claimed.subscriptionId) ?? 1) - 1;
        if (left <= 0) perSub.delete(claimed.subscriptionId);
        else perSub.set(claimed.subscriptionId, left);
        wake();
      }) as Promise<void>;
    inFlight.add(task);
  };

  const loop = (async () => {
    while (!stopped) {
      woken = false;
      const free = concurrency - inFlight.size;
      if (free <= 0) {
        await sleep(pollMs);
        continue;
      }
      let claimed: Awaited<ReturnType<typeof claimDueDeliveries>>;
      try {
        const busy = [...perSub].filter(([, n]) => n >= perSubscription).map(([id]) => id);
        claimed = await claimDueDeliveries(deps.db, deps.clock.now(), {
          limit: free,
          leaseMs: options.leaseMs,
          perSubscription,
          busy,
        });
        if (failures > 0) logger.info("webhook dispatcher: database reachable again", { failures });
        failures = 0;
      } catch (err) {
        failures++;
        // One line for the first failure and then every 20th: an outage does not flood the log.
        if (failures === 1 || failures % 20 === 0) logger.error("webhook dispatcher: claiming failed", err, { failures });
        woken = false;
        await sleep(Math.min(200 * 2 ** (failures - 1), 5_000));
        continue;
      }
      for (const { claimed: c, work } of claimed) run(c, work);
      if (claimed.length < free) await sleep(pollMs);
    }
  })();

  wakers.add(wake);
  return {
    wake,
    inFlight: () => inFlight.size,
    stats: () => ({ ...stats }),
    async stop() {
      stopped = true;
      wakers.delete(wake);
      signal?.();
      await loop;
      await Promise.allSettled([...inFlight]);
    },
  };
}
