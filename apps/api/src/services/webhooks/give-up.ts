import { canManageMembers, roles } from "@schakel/core";
import { memberships, notifications, users, webhookDeliveries, webhookSubscriptions } from "@schakel/db";
import { and, count, eq, gt, inArray } from "drizzle-orm";
import { mailAfterCommit } from "../../mail/outbox";
import type { TransactionContext } from "../context";

/** At most one notice a day per subscription, however many deliveries are given up on. */
export const FAILURE_NOTICE_EVERY_MS = 86_400_000;

const adminRoles = roles.filter(canManageMembers);

/**
 * Tells the subscription's organization admins — in the app and by mail (the mail outbox) — that
 * deliveries were given up on after 3 days, in the transaction that gave one up. The notice names
 * the subscription and how many failed since the last notice; never an event, a referral or a
 * person. The subscription row is locked first, so two dispatchers giving up at once send one
 * notice; within a day of the last notice nothing is sent (the delivery log shows every failure).
 */
export async function tellAdminsOfGivenUpDeliveries(tx: TransactionContext, subscriptionId: string, now: Date) {
  const { db } = tx;
  const [subscription] = await db
    .select({
      id: webhookSubscriptions.id,
      organizationId: webhookSubscriptions.organizationId,
      description: webhookSubscriptions.description,
      failureNoticeAt: webhookSubscriptions.failureNoticeAt,
    })
    .from(webhookSubscriptions)
    .where(eq(webhookSubscriptions.id, subscriptionId))
    .for("update");
  if (!subscription) return { told: 0 };
  const last = subscription.failureNoticeAt;
  if (last && now.getTime() - last.getTime() < FAILURE_NOTICE_EVERY_MS) return { told: 0 };

  const [failed] = await db
    .select({ n: count() })
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.subscriptionId, subscriptionId),
        eq(webhookDeliveries.status, "failed"),
        last ? gt(webhookDeliveries.lastAttemptAt, last) : undefined,
      ),
    );
  const n = failed?.n ?? 0;
  if (n === 0) return { told: 0 };
  await db.update(webhookSubscriptions).set({ failureNoticeAt: now }).where(eq(webhookSubscriptions.id, subscriptionId));

  const admins = await db
    .select({ userId: users.id, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.organizationId, subscription.organizationId),
        eq(memberships.status, "active"),
        inArray(memberships.role, adminRoles),
      ),
    );
  const what = n === 1 ? "1 gebeurtenis" : `${n} gebeurtenissen`;
  const text = `Webhook "${subscription.description}": ${what} kon${n === 1 ? "" : "den"} na 3 dagen proberen niet worden afgeleverd.`;
  if (admins.length > 0) {
    await db
      .insert(notifications)
      .values(admins.map((a) => ({ userId: a.userId, kind: "webhook_failed" as const, text, createdAt: now })));
  }
  const link = `${tx.baseUrl.replace(/\/$/, "")}/organisatie`;
  for (const admin of admins) {
    await mailAfterCommit(tx, {
      to: admin.email,
      subject: "Schakel: webhooks niet afgeleverd",
      text: [
        text,
        "",
        "Schakel heeft het 3 dagen lang opnieuw geprobeerd. Kijk of het systeem dat de webhooks ontvangt werkt,",
        "en verstuur de mislukte gebeurtenissen daarna opnieuw vanuit het afleverlogboek van de webhook:",
        link,
      ].join("\n"),
      at: now,
      kind: "other",
      organizationId: subscription.organizationId,
    });
  }
  return { told: admins.length };
}
