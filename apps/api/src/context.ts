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
 * Who is acting on a request. Today only a signed-in person (a session); an API token will be
 * another kind, so code that needs a session checks `kind`.
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
export type Actor = SessionActor;

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
