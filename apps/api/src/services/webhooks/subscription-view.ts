import { canManageMembers, type WebhookEventType, webhookSubscriptionState } from "@schakel/core";
import { type Database, memberships, webhookSubscriptions } from "@schakel/db";
import { and, eq } from "drizzle-orm";
import { forbidden, notFound } from "../../lib/problem";
import { requireOrganizationAdmin } from "../members/authorize";

export type SubscriptionRow = typeof webhookSubscriptions.$inferSelect;

const FORBIDDEN = "Alleen beheerders van deze organisatie kunnen webhooks beheren.";
const NOT_FOUND = "Deze webhook bestaat niet (meer) of is niet van jouw organisatie.";

/** The organization's webhooks are for its active admins: a worker gets 403, an outsider 404. */
export const requireWebhookAdmin = (db: Database, userId: string, organizationId: string) =>
  requireOrganizationAdmin(db, userId, organizationId, FORBIDDEN);

/**
 * The subscription, for an active admin of its organization (locked for update when asked).
 * Someone outside the organization gets the same 404 as for an id that does not exist.
 */
export async function subscriptionForAdmin(
  db: Database,
  userId: string,
  subscriptionId: string,
  options: { lock?: boolean } = {},
) {
  const query = db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, subscriptionId));
  const [row] = options.lock ? await query.for("update") : await query;
  if (!row) throw notFound(NOT_FOUND);
  const [membership] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(
      and(eq(memberships.userId, userId), eq(memberships.organizationId, row.organizationId), eq(memberships.status, "active")),
    );
  if (!membership) throw notFound(NOT_FOUND);
  if (!canManageMembers(membership.role)) throw forbidden(FORBIDDEN);
  return row;
}

/** The row as it is now (after a test marked it verified, say); `fallback` if it was removed meanwhile. */
export async function reread(db: Database, fallback: SubscriptionRow): Promise<SubscriptionRow> {
  const [row] = await db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, fallback.id));
  return row ?? fallback;
}

/** The secrets that sign at `now`: the current one, and during a rotation the previous one. */
export function signingSecrets(row: Pick<SubscriptionRow, "secret" | "previousSecret" | "previousSecretExpiresAt">, now: Date) {
  const previousValid =
    row.previousSecret && row.previousSecretExpiresAt && row.previousSecretExpiresAt.getTime() > now.getTime();
  return previousValid && row.previousSecret ? [row.secret, row.previousSecret] : [row.secret];
}

/** A subscription as its admins see it: never a secret. */
export function toSubscription(row: SubscriptionRow, now: Date) {
  const rotating = row.previousSecretExpiresAt && row.previousSecretExpiresAt.getTime() > now.getTime();
  return {
    id: row.id,
    organizationId: row.organizationId,
    description: row.description,
    url: row.url,
    eventTypes: row.eventTypes as WebhookEventType[],
    active: row.active,
    state: webhookSubscriptionState(row),
    verifiedAt: row.verifiedAt?.toISOString() ?? null,
    previousSecretExpiresAt: rotating && row.previousSecretExpiresAt ? row.previousSecretExpiresAt.toISOString() : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
