import { createMiddleware } from "hono/factory";
import { API_VERSION } from "../lib/openapi";

const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
// The web app and the docs page load only their own scripts, styles and images.
const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

/**
 * The NL API Design Rules' security headers and the API-Version header, on every response —
 * errors and static files included. Stricter than hono's secureHeaders() defaults.
 */
export const securityHeaders = () =>
  createMiddleware(async (c, next) => {
    await next();
    const h = c.res.headers;
    const isApi = c.req.path.startsWith("/api/") && !c.req.path.startsWith("/api/v1/docs");
    h.set("API-Version", API_VERSION);
    h.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
    h.set("Content-Security-Policy", isApi ? API_CSP : PAGE_CSP);
    h.set("X-Frame-Options", "DENY");
    h.set("X-Content-Type-Options", "nosniff");
    h.set("Referrer-Policy", "no-referrer");
    h.set("Cross-Origin-Opener-Policy", "same-origin");
    h.set("Cross-Origin-Resource-Policy", "same-origin");
    h.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
    if (!h.has("Cache-Control") || isApi) h.set("Cache-Control", "no-store");
  });
