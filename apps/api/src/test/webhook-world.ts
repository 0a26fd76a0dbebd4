import { randomUUID } from "node:crypto";
import { type Database, webhookSubscriptions } from "@schakel/db";
import type { Clock } from "../lib/clock";
import type { ServiceContext } from "../services/context";
import { withTransaction } from "../services/context";
import { recordWebhookEvent } from "../services/webhooks/outbox";
import type { ReceivedWebhook } from "./webhook-receiver";

/** A fresh Standard Webhooks secret (`whsec_` + base64 of 24 random bytes). */
export const newSecret = () => `whsec_${Buffer.from(randomUUID().replaceAll("-", "").slice(0, 24)).toString("base64")}`;

/** A live (active, verified) subscription of the organization to status changes, pointing at `url`. */
export async function liveSubscription(
  db: Database,
  clock: Clock,
  input: { organizationId: string; url: string; secret?: string } & Partial<typeof webhookSubscriptions.$inferInsert>,
) {
  const now = clock.now();
  const [row] = await db
    .insert(webhookSubscriptions)
    .values({
      description: "Zaaksysteem",
      eventTypes: ["nl.schakel.referral.status-changed"],
      secret: input.secret ?? newSecret(),
      verifiedAt: now,
      createdAt: now,
      updatedAt: now,
      ...input,
    })
    .returning();
  if (!row) throw new Error("no subscription");
  return row;
}

/** A status change of a (pretend) referral: the outbox event, in its own transaction, as the change would write it. */
export function statusChange(ctx: ServiceContext, referralId: string, organizationIds: string[]) {
  return withTransaction(ctx, (tx) =>
    recordWebhookEvent(tx, {
      type: "nl.schakel.referral.status-changed",
      time: ctx.clock.now(),
      resourcePath: `/api/v1/referrals/${referralId}`,
      orderingKey: referralId,
      organizationIds,
      data: { referralId },
    }),
  );
}

/**
 * Checks what a receiver accepted against what was sent: every (referral, sequence) arrived; each
 * came under one webhook-id only (a duplicate is the same id again); per referral, in arrival order
 * with duplicates dropped, the sequences run 1, 2, 3, … Returns how many duplicates there were.
 */
export function checkDeliveries(accepted: readonly ReceivedWebhook[], expected: Map<string, number>) {
  const idOf = new Map<string, string>();
  const order = new Map<string, number[]>();
  const seen = new Set<string>();
  let duplicates = 0;
  const errors: string[] = [];
  for (const r of accepted) {
    const key = `${r.event.dataref}#${r.event.sequence}`;
    const earlier = idOf.get(key);
    if (earlier && earlier !== r.webhookId) errors.push(`${key} came under two webhook-ids`);
    idOf.set(key, r.webhookId);
    if (seen.has(r.webhookId)) {
      duplicates++;
      continue;
    }
    seen.add(r.webhookId);
    const list = order.get(String(r.event.dataref)) ?? [];
    list.push(Number(r.event.sequence));
    order.set(String(r.event.dataref), list);
  }
  for (const [dataref, count] of expected) {
    const got = order.get(dataref) ?? [];
    const want = Array.from({ length: count }, (_, i) => i + 1);
    if (got.join(",") !== want.join(",")) errors.push(`${dataref}: got ${got.join(",")}, want ${want.join(",")}`);
  }
  for (const dataref of order.keys()) if (!expected.has(dataref)) errors.push(`${dataref} was not expected`);
  return { duplicates, errors };
}
