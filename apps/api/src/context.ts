import type { ApiTokenScope } from "@schakel/core";
import type { Database } from "@schakel/db";
import type { SessionManager } from "./auth/sessions";
import type { AppConfig } from "./config";
import type { Clock } from "./lib/clock";
import type { Logger } from "./lib/logger";
import type { Mailer } from "./mail/mailer";
import type { ServiceContext } from "./services/context";

/** Everything the app needs from outside, passed to createApp() so tests can supply their own. */
export interface AppDeps {
  db: Database;
  config: AppConfig;
  clock: Clock;
  mailer: Mailer;
  logger: Logger;
}

/**
 * Who is acting on a request: a signed-in person (a session) or an organization's system with an
 * API token (ADR 0028). Code that needs a person checks `kind`; services open to tokens say so
 * with a scope (`requireActor(ctx, { scope })`), every other one refuses them.
 */
export interface SessionActor {
  kind: "session";
  userId: string;
  sessionId: string;
  /**
   * The user must have a second factor and has none yet: until they set it up, only the
   * enrolment (and signing out, /me) is open to them (ADR 0023).
   */
  secondFactorMissing?: boolean;
}

/** A half-session: the password was right, the second factor is still to come. Not an actor. */
export interface PendingSecondFactor {
  sessionId: string;
  userId: string;
}
/** An organization's own system, calling with `Authorization: Bearer <token>` (ADR 0028). */
export interface TokenActor {
  kind: "token";
  tokenId: string;
  organizationId: string;
  scopes: readonly ApiTokenScope[];
  /** The token's name, as the timeline and the access log show it ("via koppeling <name>"). */
  name: string;
  secondFactorMissing?: undefined;
}

export type Actor = SessionActor | TokenActor;

export interface AppEnv {
  Variables: {
    deps: AppDeps;
    /** This request's id: the X-Request-Id header and `requestId` on its log lines. */
    requestId: string;
    sessions: SessionManager;
    actor: Actor | null;
    /** When the signed-in session ends (idle or absolute), for GET /auth/session. */
    sessionExpiry: { expiresAt: Date; absoluteExpiresAt: Date } | null;
    /** Set instead of `actor` for a half-session (password done, second factor to come). */
    pendingSecondFactor: PendingSecondFactor | null;
    /** Built once per request after the session is known (middleware/service-context.ts). */
    ctx: ServiceContext;
  };
}
