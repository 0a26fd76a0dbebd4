import type { ApiTokenScope } from "@schakel/core";
import type { Database } from "@schakel/db";
import type { SessionManager } from "../auth/sessions";
import type { Actor, AppDeps, SessionActor } from "../context";
import { conflict, HttpProblem, unauthorized } from "../lib/problem";

export type { Actor, SessionActor, TokenActor } from "../context";

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

/**
 * The signed-in actor, or the 401 problem. An actor who must set up a second factor and has not
 * gets 403 `second-factor-required`, except for what `secondFactorOptional` marks as part of
 * setting it up (the enrolment itself, /me, signing out, changing the password).
 *
 * Safe by default (ADR 0028): without `scope` only a person passes and an API token gets 403
 * `token-not-allowed`; with `scope` a token passes when it has that scope (else 403
 * `insufficient-scope`), and the service must then handle both kinds of actor
 * (services/actor.ts).
 */
export function requireActor(ctx: Pick<ServiceContext, "actor">, options?: { secondFactorOptional?: boolean }): SessionActor;
export function requireActor(
  ctx: Pick<ServiceContext, "actor">,
  options: { secondFactorOptional?: boolean; scope: ApiTokenScope },
): Actor;
export function requireActor(
  ctx: Pick<ServiceContext, "actor">,
  options: { secondFactorOptional?: boolean; scope?: ApiTokenScope } = {},
): Actor {
  if (!ctx.actor) throw unauthorized();
  if (ctx.actor.kind === "token") {
    if (!options.scope) throw new HttpProblem("token-not-allowed", "Dit kan niet met een API-token.");
    if (!ctx.actor.scopes.includes(options.scope)) {
      throw new HttpProblem("insufficient-scope", `Dit API-token mag dit niet: daarvoor is de scope '${options.scope}' nodig.`, {
        headers: { "WWW-Authenticate": `Bearer error="insufficient_scope", scope="${options.scope}"` },
      });
    }
    return ctx.actor;
  }
  if (ctx.actor.secondFactorMissing && !options.secondFactorOptional) {
    throw new HttpProblem(
      "second-factor-required",
      "Stel eerst de tweede stap in met een authenticator-app. Daarna kun je Schakel weer gebruiken.",
    );
  }
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
  let tasks: AfterCommitTask[] = [];
  let result: T | undefined;
  for (let attempt = 1; ; attempt++) {
    tasks = [];
    try {
      result = await ctx.db.transaction((raw) => {
        const tx = raw as unknown as Database;
        return work(tx, { ...ctx, db: tx, afterCommit: (task) => tasks.push(task) });
      });
      break;
    } catch (err) {
      // PostgreSQL chose this transaction as a deadlock's victim (or could not serialise it): it
      // rolled back entirely, so running it again is safe (ADR 0022). Twice more, then a clear 409.
      if (!isRetryable(err)) throw err;
      if (attempt === TRANSACTION_ATTEMPTS) throw conflict("Iemand anders wijzigde dit tegelijk met jou. Probeer het opnieuw.");
    }
  }
  for (const task of tasks) {
    try {
      await task(ctx);
    } catch (err) {
      ctx.logger.error("after-commit task failed", err);
    }
  }
  return result as T;
}

const TRANSACTION_ATTEMPTS = 3;

/** SQLSTATE 40P01 (deadlock detected) or 40001 (serialization failure), also when wrapped by drizzle. */
function isRetryable(err: unknown): boolean {
  let e: unknown = err;
  for (let depth = 0; depth < 5 && typeof e === "object" && e !== null; depth++) {
    const code = (e as { code?: unknown }).code;
    if (code === "40P01" || code === "40001") return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
