import type { Database } from "@schakel/db";
import type { SessionManager } from "../auth/sessions";
import type { Actor, AppDeps } from "../context";
import { unauthorized } from "../lib/problem";

export type { Actor } from "../context";

/**
 * What a service verb gets: the app's dependencies and who is acting, built once per request
 * (middleware/service-context.ts). Services read the actor from here, never from their input.
 */
export interface ServiceContext extends AppDeps {
  sessions: SessionManager;
  /** The signed-in actor, or null for an anonymous request. */
  actor: Actor | null;
  /** Where links in e-mails point: PUBLIC_URL (config.publicUrl), never a request's Host. */
  baseUrl: string;
}

/** The signed-in actor, or the 401 problem. */
export function requireActor(ctx: Pick<ServiceContext, "actor">): Actor {
  if (!ctx.actor) throw unauthorized();
  return ctx.actor;
}

/** The same context acting as someone else (e.g. the user who just signed in). */
export const asActor = <C extends ServiceContext>(ctx: C, actor: Actor): C => ({ ...ctx, actor });

/** Work to do once the transaction has committed; it gets the context outside the transaction. */
export type AfterCommitTask = (ctx: ServiceContext) => Promise<unknown>;

/**
 * The context inside a transaction: `db` is the transaction, and `afterCommit` registers work
 * (mail delivery, say) that runs only once it has committed — never when it rolls back.
 */
export interface TransactionContext extends ServiceContext {
  afterCommit(task: AfterCommitTask): void;
}

const inTransaction = (ctx: ServiceContext): ctx is TransactionContext => "afterCommit" in ctx;

/**
 * Runs `work` in one transaction and then, only if it committed, the tasks it registered with
 * `afterCommit`, in order. Inside another withTransaction (a TransactionContext) it reuses that
 * transaction and its task list, so the tasks wait for the outer commit. A task that fails is
 * logged; it cannot undo what was committed (mail stays in the outbox for the retry loop).
 */
export async function withTransaction<T>(
  ctx: ServiceContext,
  work: (tx: Database, txCtx: TransactionContext) => Promise<T>,
): Promise<T> {
  if (inTransaction(ctx)) return work(ctx.db, ctx);
  const tasks: AfterCommitTask[] = [];
  const result = await ctx.db.transaction((raw) => {
    const tx = raw as unknown as Database;
    return work(tx, { ...ctx, db: tx, afterCommit: (task) => tasks.push(task) });
  });
  for (const task of tasks) {
    try {
      await task(ctx);
    } catch (err) {
      ctx.logger.error("after-commit task failed", err);
    }
  }
  return result;
}
