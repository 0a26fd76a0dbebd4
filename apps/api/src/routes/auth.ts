import { createRoute } from "@hono/zod-openapi";
import { createRouter, json, noContent } from "../lib/openapi";
import { problemResponses, unauthorized } from "../lib/problem";
import { clientAddress, serviceContext } from "../lib/request";
import { actorOf, requireSession, setCookie } from "../middleware/session";
import { LoginSchema, MeSchema, SessionStatusSchema } from "../schemas/auth";
import { getMe } from "../services/auth/get-me";
import { login } from "../services/auth/login";

const cookieSecurity = [{ cookieAuth: [] }];

const loginRoute = createRoute({
  operationId: "login",
  method: "post",
  path: "/auth/login",
  tags: ["Auth"],
  summary: "Sign in with e-mail and password",
  description:
    "Starts a new session and sets it in an HttpOnly cookie. Failed attempts are throttled per account and per client address (429).",
  request: { body: { required: true, content: { "application/json": { schema: LoginSchema } } } },
  responses: {
    200: json(MeSchema, "Signed in; the session cookie is set"),
    ...problemResponses(400, 401, 415, 429),
  },
});

const logoutRoute = createRoute({
  operationId: "logout",
  method: "post",
  path: "/auth/logout",
  tags: ["Auth"],
  summary: "Sign out",
  description: "Ends the session on the server and clears the cookie.",
  security: cookieSecurity,
  middleware: [requireSession()] as const,
  responses: { 204: noContent("Signed out"), ...problemResponses(400, 401, 403) },
});

const getMeRoute = createRoute({
  operationId: "getMe",
  method: "get",
  path: "/me",
  tags: ["Auth"],
  summary: "The signed-in user and their memberships",
  security: cookieSecurity,
  middleware: [requireSession()] as const,
  responses: { 200: json(MeSchema, "The signed-in user"), ...problemResponses(401) },
});

const getSessionRoute = createRoute({
  operationId: "getSession",
  method: "get",
  path: "/auth/session",
  tags: ["Auth"],
  summary: "When the current session ends",
  description:
    "Like every request, this one extends the session when it is in the second half of its idle time. " +
    "With the header `Schakel-Activity: background` (for polling) no request extends the session, so an unattended browser still times out.",
  security: cookieSecurity,
  middleware: [requireSession()] as const,
  responses: { 200: json(SessionStatusSchema, "The session's expiry"), ...problemResponses(401) },
});

export const authRoutes = createRouter()
  .openapi(loginRoute, async (c) => {
    const ctx = serviceContext(c);
    const body = c.req.valid("json");
    const session = await login(ctx, { ...body, address: clientAddress(c) });
    // A new session on every sign-in; an earlier one in this browser ends.
    if (c.var.actor) await c.var.sessions.invalidate(c.var.actor.sessionId);
    setCookie(c, session.cookie);
    return c.json(await getMe(ctx, session.userId), 200);
  })
  .openapi(logoutRoute, async (c) => {
    await c.var.sessions.invalidate(actorOf(c).sessionId);
    setCookie(c, c.var.sessions.blankCookie());
    return c.body(null, 204);
  })
  .openapi(getMeRoute, async (c) => c.json(await getMe(serviceContext(c), actorOf(c).userId), 200))
  .openapi(getSessionRoute, async (c) => {
    const expiry = c.var.sessionExpiry;
    if (!expiry) throw unauthorized();
    return c.json({ expiresAt: expiry.expiresAt.toISOString(), absoluteExpiresAt: expiry.absoluteExpiresAt.toISOString() }, 200);
  });
