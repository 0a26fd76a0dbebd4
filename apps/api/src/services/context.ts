import type { Database } from "@schakel/db";
import type { SessionManager } from "../auth/sessions";
import type { AppDeps } from "../context";

/** What a service verb gets: the app's dependencies, plus the signed-in actor where there is one. */
export interface ServiceContext extends AppDeps {
  sessions: SessionManager;
  actor: { userId: string; sessionId: string } | null;
  /** Where links in e-mails point: PUBLIC_URL, or the origin of the request being served. */
  baseUrl?: string;
}

/** Runs `work` in a transaction, or in the caller's when `db` already is one. */
export function withTransaction<T>(db: Database, work: (tx: Database) => Promise<T>): Promise<T> {
  return db.transaction((tx) => work(tx as unknown as Database));
}
