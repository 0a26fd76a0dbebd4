/**
 * What a database error means for the request that hit it. drizzle wraps the driver's error
 * (DrizzleQueryError, the driver's in `.cause`); postgres.js and PGlite both put the SQLSTATE in
 * `.code`, and postgres.js and Node's sockets put their own codes there (ECONNREFUSED,
 * CONNECT_TIMEOUT) when the server cannot be reached at all.
 */
export type DatabaseFailure =
  /** The database cannot be reached or cannot answer now; trying again later may work (503). */
  | { kind: "unavailable"; code: string }
  /** SQLSTATE class 22: a value the database cannot take (out of range, not a number, too long) (400). */
  | { kind: "invalid-value"; code: string }
  /** SQLSTATE 23503: a reference to a row that does not exist, or a row still referenced (422). */
  | { kind: "foreign-key"; code: string }
  /** SQLSTATE 23505: the row already exists (409). */
  | { kind: "unique"; code: string };

/** postgres.js's and Node's codes for a connection that could not be made or was lost. */
const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_DESTROYED",
  "CONNECTION_ENDED",
]);

/** SQLSTATEs of a server that is shutting down, overloaded or cut off, outside class 08 (connection exception). */
const UNAVAILABLE_SQLSTATES = new Set([
  "57P01", // admin_shutdown: the server is stopping
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now: the server is starting up
  "57014", // query_canceled: our statement_timeout cut the statement off
  "53300", // too_many_connections
]);

const SQLSTATE = /^[0-9A-Z]{5}$/;

/**
 * The first `code` along the error and its causes (drizzle → driver), if the error came from the
 * database: drizzle's wrapper, a PostgresError, or an error the driver tagged with the query
 * (postgres.js and PGlite both do, also for a connection that failed). A mail server's
 * ECONNREFUSED is not the database's.
 */
function databaseCodeOf(err: unknown): string | undefined {
  let code: string | undefined;
  let fromDatabase = false;
  let e: unknown = err;
  for (let depth = 0; depth < 5 && typeof e === "object" && e !== null; depth++) {
    const c = (e as { code?: unknown }).code;
    if (code === undefined && typeof c === "string" && c !== "") code = c;
    const name = (e as { constructor?: { name?: string } }).constructor?.name;
    if (name === "DrizzleQueryError" || (e as Error).name === "PostgresError" || Object.hasOwn(e, "query")) fromDatabase = true;
    e = (e as { cause?: unknown }).cause;
  }
  return fromDatabase ? code : undefined;
}

/** What kind of database failure `err` is, or null when it is none we map (it stays a 500). */
export function classifyDatabaseError(err: unknown): DatabaseFailure | null {
  const code = databaseCodeOf(err);
  if (code === undefined) return null;
  if (CONNECTION_CODES.has(code)) return { kind: "unavailable", code };
  if (!SQLSTATE.test(code)) return null;
  if (code.startsWith("08") || UNAVAILABLE_SQLSTATES.has(code)) return { kind: "unavailable", code };
  if (code.startsWith("22")) return { kind: "invalid-value", code };
  if (code === "23503") return { kind: "foreign-key", code };
  if (code === "23505") return { kind: "unique", code };
  return null;
}
