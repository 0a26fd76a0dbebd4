import { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import { createMiddleware } from "hono/factory";
import { createSessionManager } from "./auth/sessions";
import type { AppDeps, AppEnv } from "./context";
import { API_BASE, createRouter, openApiDocumentConfig } from "./lib/openapi";
import { createErrorHandler, HttpProblem, notFound, renderProblem } from "./lib/problem";
import { recordIfSecurityEvent } from "./lib/security-log";
import { DevMailbox } from "./mail/mailer";
import { warnUntrustedForwardedFor } from "./middleware/forwarded-for-warning";
import { requireJsonBody } from "./middleware/json-body";
import { requestId } from "./middleware/request-id";
import { securityHeaders } from "./middleware/security-headers";
import { provideServiceContext } from "./middleware/service-context";
import { loadSession } from "./middleware/session";
import { accessLogRoutes } from "./routes/access-log";
import { apiTokensRoutes } from "./routes/api-tokens";
import { authRoutes } from "./routes/auth";
import { devMailRoutes } from "./routes/dev-mail";
import { docsRoutes } from "./routes/docs";
import { failedMailsRoutes } from "./routes/failed-mails";
import { healthRoutes } from "./routes/health";
import { hsdsRoutes } from "./routes/hsds";
import { lateReferralsRoutes } from "./routes/late-referrals";
import { membersRoutes } from "./routes/members";
import { municipalitiesRoutes } from "./routes/municipalities";
import { notificationsRoutes } from "./routes/notifications";
import { organizationsRoutes } from "./routes/organizations";
import { partnerLinksRoutes } from "./routes/partner-links";
import { referralActivityRoutes } from "./routes/referral-activity";
import { referralsRoutes } from "./routes/referrals";
import { residentsRoutes } from "./routes/residents";
import { securityLogRoutes } from "./routes/security-log";
import { servicesRoutes } from "./routes/services";
import { webRoutes } from "./routes/web";
import { webhookSubscriptionsRoutes } from "./routes/webhook-subscriptions";

export type { AppDeps } from "./context";

/** The largest request body anyone may send; a larger one gets 413 before any of it is parsed. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Every resource's routes, mounted under /api/v1. */
const routes = [
  healthRoutes,
  authRoutes,
  organizationsRoutes,
  membersRoutes,
  servicesRoutes,
  municipalitiesRoutes,
  hsdsRoutes,
  residentsRoutes,
  referralsRoutes,
  notificationsRoutes,
  referralActivityRoutes,
  lateReferralsRoutes,
  accessLogRoutes,
  failedMailsRoutes,
  securityLogRoutes,
  webhookSubscriptionsRoutes,
  partnerLinksRoutes,
  apiTokensRoutes,
] as const;

/** The API alone (paths relative to /api/v1), as documented in openapi.json. */
export function createApi() {
  const api = createRouter();
  api.openAPIRegistry.registerComponent("securitySchemes", "cookieAuth", {
    type: "apiKey",
    in: "cookie",
    name: "__Host-schakel_session",
    description: "Session cookie set by POST /auth/login (named schakel_session outside production)",
  });
  api.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
    description:
      "An organization's API token (koppeling), created by its admin: `Authorization: Bearer skl_…`. Only operations that list bearerAuth take one, each within a scope (ADR 0028); never together with the session cookie.",
  });
  for (const r of routes) api.route("/", r);
  return api;
}

export function openApiDocument() {
  return createApi().getOpenAPI31Document(openApiDocumentConfig);
}

/** The whole hub: API, docs, dev mailbox and (when built) the web app, on one Hono app. */
export function createApp(deps: AppDeps) {
  const sessions = createSessionManager(deps.db, { production: deps.config.production, clock: deps.clock });
  const app = new OpenAPIHono<AppEnv>({ strict: true });

  app.use(securityHeaders());
  app.use(
    createMiddleware<AppEnv>(async (c, next) => {
      c.set("deps", deps);
      c.set("sessions", sessions);
      c.set("actor", null);
      c.set("sessionExpiry", null);
      await next();
    }),
  );
  app.use(requestId());
  app.use(warnUntrustedForwardedFor());
  // Before the session, the JSON check and any parsing: by Content-Length when sent, else counted
  // while the (chunked) body streams in, and stopped at the limit.
  app.use(
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => renderProblem(c, new HttpProblem("body-too-large", "De aanvraag is te groot: stuur hoogstens 1 MB.")),
    }),
  );
  const renderError = createErrorHandler((msg, err, c) =>
    deps.logger.error(msg, err, { requestId: c.get("requestId"), method: c.req.method, route: c.req.routePath }),
  );
  // A refusal that is a security event is recorded first, outside the transaction it rolled back (ADR 0025).
  app.onError(async (err, c) => {
    await recordIfSecurityEvent(err, c);
    return renderError(err, c);
  });
  app.notFound((c) => renderProblem(c, notFound("Deze pagina of dit adres bestaat niet.")));

  // Built on first request, not at start: generating it takes about a second of the start-up.
  let document: ReturnType<typeof openApiDocument> | undefined;
  app.get(`${API_BASE}/openapi.json`, cors({ origin: "*", allowMethods: ["GET"] }), (c) => {
    document ??= openApiDocument();
    return c.json(document);
  });
  app.route(API_BASE, docsRoutes());

  app.use(`${API_BASE}/*`, requireJsonBody(), loadSession(), provideServiceContext());
  app.route(API_BASE, createApi());

  if (deps.config.devMailbox && deps.mailer instanceof DevMailbox) app.route("/", devMailRoutes(deps.mailer));
  if (deps.config.webDist) {
    const web = webRoutes(deps.config.webDist);
    app.use("*", async (c, next) => {
      if (c.req.path.startsWith("/api/") || c.req.path === "/api") return next();
      return web.fetch(c.req.raw, c.env);
    });
  }
  return app;
}
