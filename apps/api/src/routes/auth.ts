import { createRoute } from "@hono/zod-openapi";
import { createRouter, json, noContent } from "../lib/openapi";
import { problemResponses, unauthorized } from "../lib/problem";
import { clientAddress } from "../lib/request";
import { requireSession, setCookie } from "../middleware/session";
import {
  LoginPendingSchema,
  LoginSchema,
  MeSchema,
  PasswordChangeSchema,
  PasswordResetRequestSchema,
  PasswordResetSchema,
  RecoveryCodesSchema,
  SecondFactorVerificationSchema,
  SessionStatusSchema,
  TotpCodeInputSchema,
  TotpEnrolmentSchema,
} from "../schemas/auth";
import { changePassword } from "../services/auth/change-password";
import { confirmTotpEnrolment } from "../services/auth/confirm-totp-enrolment";
import { getMe } from "../services/auth/get-me";
import { login } from "../services/auth/login";
import { logout } from "../services/auth/logout";
import { regenerateRecoveryCodes } from "../services/auth/regenerate-recovery-codes";
import { requestPasswordReset } from "../services/auth/request-password-reset";
import { resetPassword } from "../services/auth/reset-password";
import { startTotpEnrolment } from "../services/auth/start-totp-enrolment";
import { verifySecondFactor } from "../services/auth/verify-second-factor";
import { asActor } from "../services/context";

const cookieSecurity = [{ cookieAuth: [] }];

const loginRoute = createRoute({
  operationId: "login",
  method: "post",
  path: "/auth/login",
  tags: ["Auth"],
  summary: "Sign in with e-mail and password",
  description:
    "Starts a new session and sets it in an HttpOnly cookie. Failed attempts are throttled per account and per client address (429). " +
    "When the account has a second factor, the answer is 202 and the cookie holds a half-session that only lets the browser " +
    "send the code (POST /auth/second-factor-verifications) within 5 minutes.",
  request: { body: { required: true, content: { "application/json": { schema: LoginSchema } } } },
  responses: {
    200: json(MeSchema, "Signed in; the session cookie is set"),
    202: json(LoginPendingSchema, "Password accepted; the second factor is still needed"),
    ...problemResponses(400, 401, 415, 429),
  },
});

const verifySecondFactorRoute = createRoute({
  operationId: "verifySecondFactor",
  method: "post",
  path: "/auth/second-factor-verifications",
  tags: ["Auth"],
  summary: "Finish signing in with a code from the authenticator app or a recovery code",
  description:
    "Needs the half-session of a sign-in (202). Each code is accepted once; wrong codes are throttled like passwords (429). " +
    "On success the half-session ends and a new, full session is set in the cookie.",
  security: cookieSecurity,
  request: { body: { required: true, content: { "application/json": { schema: SecondFactorVerificationSchema } } } },
  responses: { 200: json(MeSchema, "Signed in; the session cookie is set"), ...problemResponses(400, 401, 403, 415, 429) },
});

const startTotpEnrolmentRoute = createRoute({
  operationId: "startTotpEnrolment",
  method: "post",
  path: "/me/totp-enrolments",
  tags: ["Auth"],
  summary: "Start setting up an authenticator app",
  description:
    "A new secret, shown only in this answer; it counts once a first code confirms it (POST /me/totp-confirmations). " +
    "Starting again replaces an unconfirmed secret; with a confirmed factor the answer is 409.",
  security: cookieSecurity,
  middleware: [requireSession()] as const,
  responses: { 201: json(TotpEnrolmentSchema, "The secret to put in the app"), ...problemResponses(400, 401, 403, 409) },
});

const confirmTotpEnrolmentRoute = createRoute({
  operationId: "confirmTotpEnrolment",
  method: "post",
  path: "/me/totp-confirmations",
  tags: ["Auth"],
  summary: "Confirm the authenticator app with its first code",
  description:
    "From now on signing in takes a code. Answers the ten recovery codes, shown only now. The user's other sessions end.",
  security: cookieSecurity,
  middleware: [requireSession()] as const,
  request: { body: { required: true, content: { "application/json": { schema: TotpCodeInputSchema } } } },
  responses: {
    201: json(RecoveryCodesSchema, "Confirmed; the recovery codes"),
    ...problemResponses(400, 401, 403, 409, 415, 422),
  },
});

const regenerateRecoveryCodesRoute = createRoute({
  operationId: "regenerateRecoveryCodes",
  method: "post",
  path: "/me/recovery-codes",
  tags: ["Auth"],
  summary: "Replace the recovery codes",
  description: "Confirmed with a current code from the authenticator app; the old recovery codes stop working.",
  security: cookieSecurity,
  middleware: [requireSession()] as const,
  request: { body: { required: true, content: { "application/json": { schema: TotpCodeInputSchema } } } },
  responses: { 201: json(RecoveryCodesSchema, "The new recovery codes"), ...problemResponses(400, 401, 403, 415, 422) },
});

const changePasswordRoute = createRoute({
  operationId: "changePassword",
  method: "post",
  path: "/me/password-changes",
  tags: ["Auth"],
  summary: "Change one's own password",
  description:
    "Needs the current password (wrong guesses are throttled as at sign-in). The new one must be hard to guess (400 says why). " +
    "Every other session of the user ends.",
  security: cookieSecurity,
  middleware: [requireSession()] as const,
  request: { body: { required: true, content: { "application/json": { schema: PasswordChangeSchema } } } },
  responses: { 204: noContent("Changed"), ...problemResponses(400, 401, 403, 415, 422, 429) },
});

const requestPasswordResetRoute = createRoute({
  operationId: "requestPasswordReset",
  method: "post",
  path: "/auth/password-reset-requests",
  tags: ["Auth"],
  summary: "Ask for a password reset link by e-mail",
  description:
    "Mails a single-use link, valid for 30 minutes, if the address belongs to an account that can sign in. " +
    "The answer is 202 either way, so it tells nobody whether an address has an account.",
  request: { body: { required: true, content: { "application/json": { schema: PasswordResetRequestSchema } } } },
  responses: { 202: noContent("Accepted; a mail goes out if the address has an account"), ...problemResponses(400, 415) },
});

const resetPasswordRoute = createRoute({
  operationId: "resetPassword",
  method: "post",
  path: "/auth/password-resets",
  tags: ["Auth"],
  summary: "Set a new password with the token from a reset link",
  description: "Once per link, within 30 minutes (422 otherwise). Every session of the user ends; sign in afterwards.",
  request: { body: { required: true, content: { "application/json": { schema: PasswordResetSchema } } } },
  responses: { 204: noContent("The new password is set"), ...problemResponses(400, 415, 422) },
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
    const ctx = c.var.ctx;
    const body = c.req.valid("json");
    const session = await login(ctx, { ...body, address: clientAddress(c) });
    // A new session on every sign-in; an earlier one in this browser ends.
    if (ctx.actor?.kind === "session") await ctx.sessions.invalidate(ctx.actor.sessionId);
    const pending = c.var.pendingSecondFactor;
    if (pending) await ctx.sessions.invalidate(pending.sessionId);
    setCookie(c, session.cookie);
    if (session.secondFactorRequired) return c.json({ secondFactorRequired: true as const }, 202);
    return c.json(await getMe(asActor(ctx, session.actor)), 200);
  })
  .openapi(verifySecondFactorRoute, async (c) => {
    const ctx = c.var.ctx;
    const session = await verifySecondFactor(ctx, {
      pending: c.var.pendingSecondFactor,
      verification: c.req.valid("json"),
      address: clientAddress(c),
    });
    setCookie(c, session.cookie);
    return c.json(await getMe(asActor(ctx, session.actor)), 200);
  })
  .openapi(startTotpEnrolmentRoute, async (c) => c.json(await startTotpEnrolment(c.var.ctx), 201))
  .openapi(confirmTotpEnrolmentRoute, async (c) => c.json(await confirmTotpEnrolment(c.var.ctx, c.req.valid("json")), 201))
  .openapi(regenerateRecoveryCodesRoute, async (c) => c.json(await regenerateRecoveryCodes(c.var.ctx, c.req.valid("json")), 201))
  .openapi(changePasswordRoute, async (c) => {
    await changePassword(c.var.ctx, { change: c.req.valid("json"), address: clientAddress(c) });
    return c.body(null, 204);
  })
  .openapi(requestPasswordResetRoute, async (c) => {
    await requestPasswordReset(c.var.ctx, c.req.valid("json"));
    return c.body(null, 202);
  })
  .openapi(resetPasswordRoute, async (c) => {
    await resetPassword(c.var.ctx, c.req.valid("json"));
    return c.body(null, 204);
  })
  .openapi(logoutRoute, async (c) => {
    await logout(c.var.ctx);
    setCookie(c, c.var.sessions.blankCookie());
    return c.body(null, 204);
  })
  .openapi(getMeRoute, async (c) => c.json(await getMe(c.var.ctx), 200))
  .openapi(getSessionRoute, async (c) => {
    const expiry = c.var.sessionExpiry;
    if (!expiry) throw unauthorized();
    return c.json({ expiresAt: expiry.expiresAt.toISOString(), absoluteExpiresAt: expiry.absoluteExpiresAt.toISOString() }, 200);
  });
