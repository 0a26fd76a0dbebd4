import { type DestinationStream, type Logger as PinoLogger, pino } from "pino";

/**
 * Schakel's logger: one JSON line per entry (pino). What may be logged is narrow on purpose:
 * an error is logged as its class, its code (the SQLSTATE of a database error) and its stack
 * frames — never its message, which for a failed query carries the SQL parameters (names,
 * hulpvraag, session hashes) and for a mail the recipient. Fields with personal or secret names
 * are redacted as a second line of defence.
 */
export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void;
  /** Something an operator should fix, though Schakel keeps working (e.g. a setting that does not fit the requests). */
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, err?: unknown, fields?: Record<string, unknown>): void;
  /** The same logger with these fields on every line (e.g. the request id). */
  child(fields: Record<string, unknown>): Logger;
}

/** Field names whose values never reach the log, at any depth up to two. */
const SECRET_KEYS = [
  "password",
  "token",
  "secret",
  "email",
  "to",
  "text",
  "body",
  "params",
  "hulpvraag",
  "name",
  "displayName",
  "cookie",
  "authorization",
];
const redactPaths = SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]);

/** A pino-backed Logger writing to `destination` (stdout by default). */
export function createLogger(destination?: DestinationStream, level: "info" | "warn" | "error" = "info"): Logger {
  const base = pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: redactPaths, censor: "[verborgen]" },
    },
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
  return wrap(base);
}

function wrap(p: PinoLogger): Logger {
  return {
    info: (msg, fields) => p.info(fields ?? {}, msg),
    warn: (msg, fields) => p.warn(fields ?? {}, msg),
    error: (msg, err, fields) => p.error({ ...fields, ...(err === undefined ? {} : { error: describeError(err) }) }, msg),
    child: (fields) => wrap(p.child(fields)),
  };
}

export const consoleLogger: Logger = createLogger();

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {}, child: () => silentLogger };

/** What an error says in the log: its class, code and where it was thrown — not its message. */
export interface LoggedError {
  class: string;
  /** SQLSTATE for a database error; errno-style code (ECONNREFUSED, EENVELOPE) otherwise. */
  code?: string;
  /** The SMTP reply code of a mail error. */
  responseCode?: number;
  /** Schema names a database error points at (never values). */
  constraint?: string;
  table?: string;
  column?: string;
  stack?: string[];
  cause?: LoggedError;
}

export function describeError(err: unknown, depth = 0): LoggedError {
  if (!(err instanceof Error)) return { class: typeof err };
  const e = err as Error & Record<string, unknown>;
  const str = (k: string) => (typeof e[k] === "string" ? (e[k] as string) : undefined);
  const code = str("code") ?? (typeof e.code === "number" ? String(e.code) : undefined);
  return {
    class: e.constructor?.name && e.constructor.name !== "Object" ? e.constructor.name : e.name,
    ...(code ? { code } : {}),
    ...(typeof e.responseCode === "number" ? { responseCode: e.responseCode } : {}),
    ...((str("constraint_name") ?? str("constraint")) ? { constraint: str("constraint_name") ?? str("constraint") } : {}),
    ...((str("table_name") ?? str("table")) ? { table: str("table_name") ?? str("table") } : {}),
    ...((str("column_name") ?? str("column")) ? { column: str("column_name") ?? str("column") } : {}),
    // Frames only: the first line of a stack repeats the message.
    ...(e.stack
      ? {
          stack: e.stack
            .split("\n")
            .filter((l) => /^\s+at /.test(l))
            .slice(0, 8)
            .map((l) => l.trim()),
        }
      : {}),
    ...(e.cause !== undefined && depth < 3 ? { cause: describeError(e.cause, depth + 1) } : {}),
  };
}
