import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import * as schema from "./schema/index";

export type Schema = typeof schema;
/** Either engine's drizzle instance, or a transaction on it. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

/** The repository's `drizzle/` folder: one migration set for both engines. */
export const MIGRATIONS_DIR = new URL("../../../drizzle", import.meta.url).pathname;

export type DbOptions =
  /** A PostgreSQL server via postgres.js. */
  | {
      url: string;
      max?: number;
      /** How long a statement may run before PostgreSQL cancels it (SQLSTATE 57014); default 15 s. */
      statementTimeoutSeconds?: number;
      /** How long making a connection (up to the server's first ReadyForQuery) may take; default 5 s. */
      connectTimeoutSeconds?: number;
    }
  /** Embedded PGlite; `dataDir` undefined keeps the database in memory. */
  | { dataDir?: string };

export interface DbHandle {
  db: Database;
  engine: "postgres" | "pglite";
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_STATEMENT_TIMEOUT_SECONDS = 15;
export const DEFAULT_CONNECT_TIMEOUT_SECONDS = 5;

/**
 * Seconds before the next connection attempt after `retries` failed ones. postgres.js's own
 * backoff grows to 20 s, and every request waits it out before it even tries; capped at 1 s a
 * request during an outage fails fast and the first one after it finds the database again.
 */
export const reconnectBackoff = (retries: number) => Math.min(0.05 * 2 ** retries, 1);

export function createDb(options: DbOptions): DbHandle {
  if ("url" in options) {
    const { url } = options;
    const connect_timeout = options.connectTimeoutSeconds ?? DEFAULT_CONNECT_TIMEOUT_SECONDS;
    const client = postgres(url, {
      max: options.max ?? 10,
      onnotice: () => {},
      connect_timeout,
      backoff: reconnectBackoff,
      // Sent with the connection's start-up, so it holds on every pooled connection.
      connection: { statement_timeout: (options.statementTimeoutSeconds ?? DEFAULT_STATEMENT_TIMEOUT_SECONDS) * 1000 },
    });
    const db = drizzlePostgres(client, { schema, casing: "snake_case" });
    return {
      db: db as unknown as Database,
      engine: "postgres",
      // Migrations may rewrite a large table: their own connection, without the statement timeout.
      migrate: async () => {
        const migrator = postgres(url, { max: 1, onnotice: () => {}, connect_timeout });
        try {
          await migratePostgres(drizzlePostgres(migrator, { casing: "snake_case" }), { migrationsFolder: MIGRATIONS_DIR });
        } finally {
          await migrator.end({ timeout: 5 });
        }
      },
      close: () => client.end({ timeout: 5 }),
    };
  }
  // The contrib extensions the migrations create must be loaded into PGlite up front.
  const client = new PGlite({
    dataDir: options.dataDir,
    extensions: { pg_trgm, unaccent },
    // PGlite's default shared_buffers (128 MB) is PostgreSQL's, sized for a server with many
    // clients; one process on a small database needs far less, and each MB is resident memory
    // of the server's process (bench/README.md).
    startParams: [...PGlite.defaultStartParams, "-c", "shared_buffers=16MB"],
  });
  const db = drizzlePglite(client, { schema, casing: "snake_case" });
  return {
    db: db as unknown as Database,
    engine: "pglite",
    migrate: () => migratePglite(db, { migrationsFolder: MIGRATIONS_DIR }),
    close: () => client.close(),
  };
}
