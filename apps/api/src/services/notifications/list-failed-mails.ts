import { mailOutbox } from "@schakel/db";
import { and, desc, eq, gte, isNull } from "drizzle-orm";
import { MAX_MAIL_ATTEMPTS } from "../../mail/outbox";
import { requireActor, type ServiceContext } from "../context";
import { requireOrganizationAdmin } from "../members/authorize";

/**
 * The organization's mails Schakel gave up on after MAX_MAIL_ATTEMPTS (about two days of
 * failures), newest first, for its admins: to whom, what kind, when, how many attempts — never
 * the text or the server's error (which can hold links and addresses of others).
 */
export async function listFailedMails(ctx: ServiceContext, input: { organizationId: string }) {
  const actor = requireActor(ctx);
  await requireOrganizationAdmin(
    ctx.db,
    actor.userId,
    input.organizationId,
    "Alleen beheerders van deze organisatie zien welke e-mail niet aankwam.",
  );
  const rows = await ctx.db
    .select({
      id: mailOutbox.id,
      to: mailOutbox.to,
      kind: mailOutbox.kind,
      createdAt: mailOutbox.createdAt,
      attempts: mailOutbox.attempts,
    })
    .from(mailOutbox)
    .where(
      and(
        eq(mailOutbox.organizationId, input.organizationId),
        isNull(mailOutbox.sentAt),
        gte(mailOutbox.attempts, MAX_MAIL_ATTEMPTS),
      ),
    )
    .orderBy(desc(mailOutbox.createdAt))
    .limit(100);
  return { data: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })) };
}
