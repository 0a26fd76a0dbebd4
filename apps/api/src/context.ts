import type { Database } from "@schakel/db";
import type { SessionManager } from "./auth/sessions";
import type { AppConfig } from "./config";
import type { Clock } from "./lib/clock";
import type { Logger } from "./lib/logger";
import type { Mailer } from "./mail/mailer";

/** Everything the app needs from outside, passed to createApp() so tests can supply their own. */
export interface AppDeps {
  db: Database;
  config: AppConfig;
  clock: Clock;
  mailer: Mailer;
  logger: Logger;
}

/** What a signed-in request knows about its actor. */
export interface Actor {
  userId: string;
  sessionId: string;
}

export interface AppEnv {
  Variables: {
    deps: AppDeps;
    sessions: SessionManager;
    actor: Actor | null;
    /** When the signed-in session ends (idle or absolute), for GET /auth/session. */
    sessionExpiry: { expiresAt: Date; absoluteExpiresAt: Date } | null;
  };
}
