import { CONSENT_WARNING_DAYS, expiryReasonLabels, formatReference, openStatuses } from "@schakel/core";
import { consents, referrals, services } from "@schakel/db";
import { and, asc, eq, exists, gt, inArray, isNull, lte } from "drizzle-orm";
import { type ServiceContext, withTransaction } from "../context";
import { notify } from "./events";
import { applyMove } from "./move";

const DAY_MS = 24 * 60 * 60 * 1000;
/** How many referrals one run closes at most; the next run takes the rest. */
const BATCH = 200;

const endDate = (d: Date) =>
  new Intl.DateTimeFormat("nl-NL", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/Amsterdam" }).format(d);

const carriesOpenReferral = (db: ServiceContext["db"]) =>
  exists(
    db
      .select({ id: referrals.id })
      .from(referrals)
      .where(and(eq(referrals.consentId, consents.id), inArray(referrals.status, openStatuses))),
  );

/**
 * The sender hears, 14 days ahead, that a consent carrying an open referral runs out — once per
 * consent: `expiry_warned_at` is set in the one UPDATE that picks the consents, so two schedulers
 * (or a rerun) never warn twice. The notice names the service, the referral's reference and the
 * end date, never the resident.
 */
export async function warnOfExpiringConsents(ctx: ServiceContext, now: Date): Promise<{ warned: number }> {
  return withTransaction(ctx, async (tx, txCtx) => {
    const horizon = new Date(now.getTime() + CONSENT_WARNING_DAYS * DAY_MS);
    const warned = await tx
      .update(consents)
      .set({ expiryWarnedAt: now })
      .where(
        and(
          isNull(consents.expiryWarnedAt),
          isNull(consents.withdrawnAt),
          gt(consents.validUntil, now),
          lte(consents.validUntil, horizon),
          carriesOpenReferral(tx),
        ),
      )
      .returning({ id: consents.id, validUntil: consents.validUntil });
    if (warned.length === 0) return { warned: 0 };
    const open = await tx
      .select({ referral: referrals, serviceName: services.name })
      .from(referrals)
      .innerJoin(services, eq(services.id, referrals.serviceId))
      .where(
        and(
          inArray(
            referrals.consentId,
            warned.map((c) => c.id),
          ),
          inArray(referrals.status, openStatuses),
        ),
      )
      .orderBy(asc(referrals.reference));
    for (const { referral, serviceName } of open) {
      const consent = warned.find((c) => c.id === referral.consentId);
      if (!consent) continue;
      await notify(txCtx, {
        to: { senderOf: referral },
        kind: "consent_expiring",
        referral,
        text: `De toestemming voor verwijzing ${formatReference(referral.reference)} naar ${serviceName} loopt af op ${endDate(consent.validUntil)}. Daarna stopt de verwijzing; vraag zo nodig op tijd opnieuw toestemming.`,
        at: now,
      });
    }
    return { warned: warned.length };
  });
}

/**
 * Open referrals whose consent has run out are closed by Schakel: moved to `expired` with the
 * reason `consent_expired`, which the sender sees on the timeline and in a notification (and a
 * mail, within the feedback level, through applyMove); the receiver is told it stopped. The rows
 * are claimed with FOR UPDATE SKIP LOCKED, so concurrent runs split the work and close each once.
 * (The receiver was already stopped at the consent's end: see requireConsentInForce.)
 */
export async function stopReferralsOfExpiredConsents(ctx: ServiceContext, now: Date): Promise<{ stopped: number }> {
  return withTransaction(ctx, async (tx, txCtx) => {
    const due = await tx
      .select({ referral: referrals })
      .from(referrals)
      .innerJoin(consents, eq(consents.id, referrals.consentId))
      .where(
        and(
          eq(referrals.lawfulBasis, "consent"),
          inArray(referrals.status, openStatuses),
          isNull(consents.withdrawnAt),
          lte(consents.validUntil, now),
        ),
      )
      .orderBy(asc(consents.validUntil), asc(referrals.id))
      .limit(BATCH)
      .for("update", { of: referrals, skipLocked: true });
    for (const { referral } of due) {
      const updated = await applyMove(txCtx, referral, {
        to: "expired",
        at: now,
        actorUserId: null,
        actorOrganizationId: null,
        note: `${expiryReasonLabels.consent_expired} De verwijzing is gestopt; verwijs opnieuw met een nieuwe toestemming als er nog hulp nodig is.`,
        expiryReason: "consent_expired",
      });
      const [service] = await tx.select({ name: services.name }).from(services).where(eq(services.id, referral.serviceId));
      await notify(txCtx, {
        to: { receiverOf: updated },
        kind: "consent_expired",
        referral: updated,
        text: `Verwijzing ${formatReference(updated.reference)} naar ${service?.name ?? "een dienst"} is gestopt: ${expiryReasonLabels.consent_expired.toLowerCase()}`,
        at: now,
      });
    }
    return { stopped: due.length };
  });
}
