import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../context";

export const UNTRUSTED_FORWARDED_FOR_WARNING =
  "Verzoeken komen binnen met X-Forwarded-For, maar TRUST_PROXY staat uit: de inlogbeperking telt dan het adres van de proxy, " +
  "voor iedereen samen. Draait Schakel achter een eigen reverse proxy, zet dan TRUST_PROXY=true.";

/**
 * With TRUST_PROXY off the client address is the socket's (lib/request.ts). A request that
 * carries X-Forwarded-For then most likely came through a reverse proxy, so every sign-in is
 * counted against the proxy's one address: one warning, the first time, for the whole app (the
 * server runs one), never one per request.
 */
export function warnUntrustedForwardedFor() {
  let warned = false;
  return createMiddleware<AppEnv>(async (c, next) => {
    if (!warned && !c.var.deps.config.trustProxy && c.req.header("X-Forwarded-For") !== undefined) {
      warned = true;
      c.var.deps.logger.warn(UNTRUSTED_FORWARDED_FOR_WARNING, { setting: "TRUST_PROXY" });
    }
    await next();
  });
}
