import { sessions, totpFactors } from "@schakel/db";
import { and, eq, isNull, ne } from "drizzle-orm";
import { replaceRecoveryCodes, totpStep } from "../../auth/totp";
import { conflict, unprocessable } from "../../lib/problem";
import { requireActor, type ServiceContext, withTransaction } from "../context";

/**
 * Confirms the authenticator app with its first code: from now on signing in takes a code. Returns
 * the ten recovery codes, the only time they are shown. The user's other sessions, started with the
 * password alone, end.
 */
export async function confirmTotpEnrolment(ctx: ServiceContext, input: { code: string }) {
  const actor = requireActor(ctx, { secondFactorOptional: true });
  const now = ctx.clock.now();
  return withTransaction(ctx, async (tx) => {
    const [factor] = await tx
      .select({ secret: totpFactors.secret, confirmedAt: totpFactors.confirmedAt })
      .from(totpFactors)
      .where(eq(totpFactors.userId, actor.userId))
      .for("update");
    if (!factor) throw conflict("Begin eerst met het instellen van de tweede stap.");
    if (factor.confirmedAt) throw conflict("Je tweede stap is al ingesteld.");
    const step = totpStep(factor.secret, input.code, now);
    if (step === null) {
      throw unprocessable(
        "wrong-code",
        "Deze code klopt niet. Kijk of de tijd op je telefoon goed staat en probeer de volgende code.",
        "body.code",
      );
    }
    await tx
      .update(totpFactors)
      .set({ confirmedAt: now, lastUsedStep: step })
      .where(and(eq(totpFactors.userId, actor.userId), isNull(totpFactors.confirmedAt)));
    await tx.delete(sessions).where(and(eq(sessions.userId, actor.userId), ne(sessions.id, actor.sessionId)));
    return { recoveryCodes: await replaceRecoveryCodes(tx, actor.userId, now) };
  });
}
