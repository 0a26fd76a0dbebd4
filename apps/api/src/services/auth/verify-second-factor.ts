import type { SecondFactorVerification } from "@schakel/core";
import { admitLoginAttempt, recordLoginAttempt } from "../../auth/throttle";
import { useRecoveryCode, useTotpCode } from "../../auth/totp";
import type { PendingSecondFactor } from "../../context";
import { HttpProblem, tooManyRequests, unauthorized } from "../../lib/problem";
import type { ServiceContext } from "../context";
import { startSession } from "./start-session";

/**
 * The second step of signing in: a code from the authenticator app (each accepted once) or an
 * unused recovery code turns the half-session into a full one. The half-session ends and a new
 * session (new token) starts, so nothing learnt before the code carries over. Wrong codes count
 * towards the same throttle as passwords, under the key `second-factor:<user id>`.
 */
export async function verifySecondFactor(
  ctx: ServiceContext,
  input: { pending: PendingSecondFactor | null; verification: SecondFactorVerification; address: string },
) {
  const { pending, verification } = input;
  if (!pending) throw unauthorized("Log eerst in met je e-mailadres en wachtwoord.");
  const now = ctx.clock.now();
  const accountKey = `second-factor:${pending.userId}`;
  // Counted before the check, as at login (ADR 0022).
  const admission = await admitLoginAttempt(ctx.db, { accountKey: accountKey, address: input.address, now });
  if (!admission.admitted) {
    const wait = admission.retryAfterSeconds;
    throw tooManyRequests(
      `Te veel foute codes. Wacht ${wait < 60 ? `${wait} seconden` : `${Math.ceil(wait / 60)} minuten`} en probeer het opnieuw.`,
      wait,
    );
  }
  const ok = verification.code
    ? await useTotpCode(ctx.db, pending.userId, verification.code, now)
    : await useRecoveryCode(ctx.db, pending.userId, verification.recoveryCode ?? "", now);
  await recordLoginAttempt(ctx.db, { accountKey, address: input.address, succeeded: ok, at: now });
  if (!ok) {
    throw new HttpProblem(
      "invalid-second-factor",
      verification.code
        ? "Deze code klopt niet of is al gebruikt. Wacht op de volgende code in je authenticator-app."
        : "Deze herstelcode klopt niet of is al gebruikt.",
    );
  }
  await ctx.sessions.invalidate(pending.sessionId);
  return startSession(ctx, pending.userId);
}
