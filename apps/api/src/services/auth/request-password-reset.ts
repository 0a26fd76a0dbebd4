import { normalizeEmail, PASSWORD_RESET_VALID_MINUTES } from "@schakel/core";
import { memberships, passwordResets, users } from "@schakel/db";
import { and, count, eq, gt, isNotNull, isNull } from "drizzle-orm";
import { generateToken, hashToken } from "../../lib/tokens";
import { mailAfterCommit } from "../../mail/outbox";
import { type ServiceContext, withTransaction } from "../context";

/** At most this many reset mails per account an hour, so nobody can fill someone's mailbox. */
const MAX_RESETS_PER_HOUR = 3;

/**
 * "Wachtwoord vergeten": mails a single-use link valid for 30 minutes to an account that can sign
 * in (a password and an active membership). The answer is the same whether or not the address has
 * such an account, and the mail names nobody. Only the newest link works; the token is stored hashed.
 */
export async function requestPasswordReset(ctx: ServiceContext, input: { email: string }) {
  const email = normalizeEmail(input.email);
  const now = ctx.clock.now();
  await withTransaction(ctx, async (tx, txCtx) => {
    const [user] = await tx
      .select({ id: users.id })
      .from(users)
      .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.status, "active")))
      .where(and(eq(users.email, email), isNotNull(users.passwordHash)))
      .limit(1)
      .for("update", { of: users });
    if (!user) return;
    const [recent] = await tx
      .select({ n: count() })
      .from(passwordResets)
      .where(and(eq(passwordResets.userId, user.id), gt(passwordResets.createdAt, new Date(now.getTime() - 3_600_000))));
    if ((recent?.n ?? 0) >= MAX_RESETS_PER_HOUR) return;
    await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.userId, user.id), isNull(passwordResets.usedAt)));
    const token = generateToken();
    await tx.insert(passwordResets).values({
      userId: user.id,
      tokenHash: hashToken(token),
      expiresAt: new Date(now.getTime() + PASSWORD_RESET_VALID_MINUTES * 60_000),
      createdAt: now,
    });
    await mailAfterCommit(txCtx, {
      kind: "password-reset",
      to: email,
      subject: "Nieuw wachtwoord voor Schakel",
      text: [
        "Iemand heeft gevraagd om een nieuw wachtwoord voor je account bij Schakel.",
        "",
        `Kies een nieuw wachtwoord via deze link (${PASSWORD_RESET_VALID_MINUTES} minuten geldig, één keer te gebruiken):`,
        `${ctx.baseUrl}/wachtwoord-herstellen#token=${token}`,
        "",
        "Daarna ben je overal uitgelogd en log je in met je nieuwe wachtwoord.",
        "Heb je dit niet zelf gevraagd? Dan hoef je niets te doen: je wachtwoord blijft hetzelfde.",
      ].join("\n"),
      at: now,
    });
  });
}
