import type { SecurityEventKind } from "@schakel/core";
import type { Context } from "hono";
import { matchedRoutes } from "hono/route";
import type { AppEnv } from "../context";
import { actingUserId } from "../services/actor";
import { recordSecurityEvent } from "../services/security-log/record-security-event";
import { HttpProblem } from "./problem";
import { clientAddress } from "./request";

/**
 * Which kind of security event a problem is, or null when it is none (ADR 0025). Only refusals
 * that say something about an attempt: a 403/404 on a signed-in request (not the normal "set up
 * your second factor first" or "not your step"), the CSRF check, failed and throttled sign-ins.
 */
export function securityEventKind(err: unknown, c: Context<AppEnv>): SecurityEventKind | null {
  if (!(err instanceof HttpProblem)) return null;
  if (err.extra.securityEvent) return err.extra.securityEvent;
  switch (err.slug) {
    case "invalid-credentials":
      return "sign-in-failed";
    case "invalid-second-factor":
      return "second-factor-failed";
    case "too-many-requests":
      return "throttled";
    case "forbidden":
    case "not-found":
    case "token-not-allowed":
    case "insufficient-scope":
      return c.var.actor ? "refused" : null;
    default:
      return null;
  }
}

/**
 * The template of the route the request was for (/api/v1/referrals/:referralId), also when a
 * middleware refused it before the handler ran: the last matched route registered for a method
 * (middleware added with `use` is registered for every method, "ALL").
 */
export function routeTemplate(c: Context): string {
  const endpoint = matchedRoutes(c).findLast((r) => r.method !== "ALL");
  return endpoint?.path ?? "(onbekend)";
}

/**
 * Records the problem in the security log when it is a security event: with the app's `db`,
 * outside any transaction (the refusal rolled it back), after it has ended. A failing insert is
 * logged and the refusal answered as it would have been.
 */
export async function recordIfSecurityEvent(err: unknown, c: Context<AppEnv>) {
  const kind = securityEventKind(err, c);
  if (!kind || !(err instanceof HttpProblem)) return;
  const { deps } = c.var;
  try {
    await recordSecurityEvent(deps.db, {
      at: deps.clock.now(),
      kind,
      userId: (c.var.actor && actingUserId(c.var.actor)) ?? c.var.pendingSecondFactor?.userId ?? null,
      organizationId: c.var.actor?.kind === "token" ? c.var.actor.organizationId : null,
      method: c.req.method,
      route: routeTemplate(c),
      status: err.status,
      requestId: c.var.requestId,
      address: clientAddress(c),
    });
  } catch (error) {
    deps.logger.error("security event not recorded", error, { kind, status: err.status });
  }
}
