/** Minimal structured logger; one JSON line per entry on stdout/stderr. */
export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, err?: unknown): void;
}

export const consoleLogger: Logger = {
  info: (msg, fields) => console.log(JSON.stringify({ level: "info", time: new Date().toISOString(), msg, ...fields })),
  error: (msg, err) =>
    console.error(
      JSON.stringify({
        level: "error",
        time: new Date().toISOString(),
        msg,
        error: describe(err),
      }),
    ),
};

export const silentLogger: Logger = { info: () => {}, error: () => {} };

function describe(err: unknown): unknown {
  if (!(err instanceof Error)) return String(err);
  return { name: err.name, message: err.message, stack: err.stack, ...(err.cause ? { cause: describe(err.cause) } : {}) };
}
