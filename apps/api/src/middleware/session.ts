import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import type { SessionCookie } from "../auth/sessions";
import type { AppEnv } from "../context";
import { forbidden, unauthorized } from "../lib/problem";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function setCookie(
  c: { header(name: string, value: string, options?: { append?: boolean }): void },
  cookie: SessionCookie,
) {
  c.header("Set-Cookie", cookie.serialize(), { append: true });
}

/**
 * Resolves the session cookie (if any) to `c.var.actor`, extending the session on use.
 * Cookie-authenticated writes must come from our own origin (CSRF): the browser's Origin header
 * has to match the request's host, or the request is refused with 403.
 */
export const loadSession = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    const sessions = c.var.sessions;
    const token = getCookie(c, sessions.cookieName);
    c.set("actor", null);
    if (token) {
      if (!SAFE_METHODS.has(c.req.method) && !isSameOrigin(c.req.header("Origin"), c.req.url)) {
        throw forbidden("Dit verzoek komt niet van Schakel zelf en is geweigerd (CSRF-bescherming).");
      }
      const session = await sessions.validate(token);
      if (session) {
        c.set("actor", { kind: "session", userId: session.userId, sessionId: session.sessionId });
        if (session.cookie) setCookie(c, session.cookie);
      } else {
        setCookie(c, sessions.blankCookie());
      }
    }
    await next();
  });

function isSameOrigin(origin: string | undefined, requestUrl: string): boolean {
  if (!origin) return false;
  try {
    return new URL(origin).host === new URL(requestUrl).host;
  } catch {
    return false;
  }
}

/** Route middleware: 401 unless signed in. */
export const requireSession = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (!c.var.actor) throw unauthorized();
    await next();
  });
