import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";
import { mailBaseUrl } from "../config";
import type { AppEnv } from "../context";
import type { ServiceContext } from "../services/context";

/**
 * The client's address: the socket's, or, when TRUST_PROXY is set, the last X-Forwarded-For hop —
 * the one our reverse proxy appended. Earlier hops come from the client and can be made up.
 */
export function clientAddress(c: Context<AppEnv>): string {
  if (c.var.deps.config.trustProxy) {
    const forwarded = c.req.header("X-Forwarded-For")?.split(",").at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown"; // in-process requests (tests) have no socket
  }
}

/** The request's ServiceContext: the app's dependencies, the actor and where mail links point (PUBLIC_URL, never Host). */
export function serviceContext(c: Context<AppEnv>): ServiceContext {
  return { ...c.var.deps, sessions: c.var.sessions, actor: c.var.actor, baseUrl: mailBaseUrl(c.var.deps.config) };
}
