import { randomUUID } from "node:crypto";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../context";

/** A proxy's own request id is kept when it looks like one; anything else is replaced. */
const SAFE_ID = /^[A-Za-z0-9._:-]{8,64}$/;

/**
 * Gives every request an id — the reverse proxy's `X-Request-Id` when it sends a plausible one,
 * otherwise a new UUID — echoes it as the `X-Request-Id` response header and puts it on every
 * log line of the request (the request's logger is a child carrying `requestId`), so a user's
 * "meldnummer" leads an operator to the log line without the log holding anything personal.
 */
export const requestId = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    const offered = c.req.header("X-Request-Id");
    const id = offered && SAFE_ID.test(offered) ? offered : randomUUID();
    c.set("requestId", id);
    c.set("deps", { ...c.var.deps, logger: c.var.deps.logger.child({ requestId: id }) });
    c.header("X-Request-Id", id);
    await next();
  });
