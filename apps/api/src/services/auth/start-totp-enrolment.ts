import { totpFactors, users } from "@schakel/db";
import { eq } from "drizzle-orm";
import { newTotpSecret, totpUri } from "../../auth/totp";
import { conflict, unauthorized } from "../../lib/problem";
import { requireActor, type ServiceContext, withTransaction } from "../context";

/**
 * Starts setting up the authenticator app: a new secret, shown now (as an otpauth:// URI for the
 * QR code, and as text to type in) and never again. It counts only once a first code confirms it
 * (confirmTotpEnrolment); starting again replaces an unconfirmed secret. A confirmed factor stays.
 */
export async function startTotpEnrolment(ctx: ServiceContext) {
  const { userId } = requireActor(ctx, { secondFactorOptional: true });
  const now = ctx.clock.now();
  return withTransaction(ctx, async (tx) => {
    const [user] = await tx.select({ email: users.email }).from(users).where(eq(users.id, userId));
    if (!user) throw unauthorized();
    const [existing] = await tx
      .select({ confirmedAt: totpFactors.confirmedAt })
      .from(totpFactors)
      .where(eq(totpFactors.userId, userId))
      .for("update");
    if (existing?.confirmedAt) throw conflict("Je tweede stap is al ingesteld.");
    const secret = newTotpSecret();
    await tx
      .insert(totpFactors)
      .values({ userId, secret, createdAt: now })
      .onConflictDoUpdate({ target: totpFactors.userId, set: { secret, createdAt: now, lastUsedStep: null } });
    return { secret, otpauthUri: totpUri(secret, user.email) };
  });
}
