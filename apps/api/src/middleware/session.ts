import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { secondFactorStatus } from "../auth/second-factor";
import type { SessionCookie } from "../auth/sessions";
import { secondFactorEnforced } from "../config";
import type { AppEnv } from "../context";
import { badRequest, HttpProblem, unauthorized } from "../lib/problem";
import { authenticateApiToken } from "../services/api-tokens/authenticate-api-token";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A request the web app makes by itself (polling notifications or the session's expiry) says so
 * with this header; it does not extend the session, so an unattended tab still times out.
 */
export const ACTIVITY_HEADER = "Schakel-Activity";
export const BACKGROUND_ACTIVITY = "background";

export function setCookie(
  c: { header(name: string, value: string, options?: { append?: boolean }): void },
  cookie: SessionCookie,
) {
  c.header("Set-Cookie", cookie.serialize(), { append: true });
}

/** `Authorization: Bearer <token>`: RFC 6750's token68 characters, which our tokens (base64url) are made of. */
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

/** 401 for a bearer token that is malformed, unknown, revoked or expired: a security event (ADR 0028). */
const invalidToken = () =>
  new HttpProblem("invalid-token", "Dit API-token is onbekend, ingetrokken of verlopen.", {
    headers: { "WWW-Authenticate": 'Bearer error="invalid_token"' },
    securityEvent: "api-token-refused",
  });

/**
 * Resolves the session cookie (if any) to `c.var.actor`, extending the session on use.
 * Cookie-authenticated writes must come from our own origin (CSRF): the browser's Origin header
 * has to match PUBLIC_URL's (or the request's) scheme, host and port, or the request is refused with 403.
 *
 * A request with `Authorization: Bearer <token>` is an organization's system instead (ADR 0028):
 * it carries no cookie (both at once is refused with 400), so the CSRF check does not apply; a
 * token that is not valid is 401 with `WWW-Authenticate: Bearer`.
 */
export const loadSession = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    const sessions = c.var.sessions;
    const token = getCookie(c, sessions.cookieName);
    c.set("actor", null);
    c.set("sessionExpiry", null);
    c.set("pendingSecondFactor", null);
    const authorization = c.req.header("Authorization");
    if (authorization !== undefined) {
      if (token) throw badRequest("Stuur een API-token of een sessiecookie, niet allebei.");
      const bearer = BEARER.exec(authorization)?.[1];
      if (!bearer) throw invalidToken();
      const { deps } = c.var;
      const actor = await authenticateApiToken(deps.db, bearer, deps.clock.now());
      if (!actor) throw invalidToken();
      c.set("actor", actor);
      return next();
    }
    if (token) {
      const ours = c.var.deps.config.trustedOrigin ?? c.req.url;
      if (!SAFE_METHODS.has(c.req.method) && !isSameOrigin(c.req.header("Origin"), ours)) {
        throw new HttpProblem("forbidden", "Dit verzoek komt niet van Schakel zelf en is geweigerd (CSRF-bescherming).", {
          securityEvent: "csrf",
        });
      }
      const background = SAFE_METHODS.has(c.req.method) && c.req.header(ACTIVITY_HEADER) === BACKGROUND_ACTIVITY;
      const session = await sessions.validate(token, { extend: !background });
      if (session?.awaitingSecondFactor) {
        // A half-session signs nobody in: it only lets POST /auth/second-factor-verifications finish the sign-in.
        c.set("pendingSecondFactor", { sessionId: session.sessionId, userId: session.userId });
        if (session.cookie) setCookie(c, session.cookie);
      } else if (session) {
        const { deps } = c.var;
        const missing = secondFactorEnforced(deps.config)
          ? await secondFactorStatus(deps.db, session.userId).then((s) => s.required && !s.enabled)
          : false;
        c.set("actor", {
          kind: "session",
          userId: session.userId,
          sessionId: session.sessionId,
          ...(missing ? { secondFactorMissing: true } : {}),
        });
        c.set("sessionExpiry", { expiresAt: session.expiresAt, absoluteExpiresAt: session.absoluteExpiresAt });
        if (session.cookie) setCookie(c, session.cookie);
      } else {
        setCookie(c, sessions.blankCookie());
      }
    }
    await next();
  });

/**
 * Whether the browser's Origin is ours: the same scheme, host and port (an http:// page on our
 * host is not us when we are https://). Ours is PUBLIC_URL's when configured (config.trustedOrigin:
 * behind a proxy that ends TLS the request itself arrives as http://), otherwise the request's own.
 */
export function isSameOrigin(origin: string | undefined, ours: string): boolean {
  if (!origin) return false;
  try {
    return new URL(origin).origin === new URL(ours).origin;
  } catch {
    return false;
  }
}

/** Route middleware: 401 unless signed in (in person or with an API token; services decide which they take). */
export const requireSession = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (!c.var.actor) throw unauthorized();
    await next();
  });
