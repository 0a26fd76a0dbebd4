import { openStatuses } from "@schakel/core";
import { consents, idempotencyKeys, referrals, residents } from "@schakel/db";
import { and, asc, eq, gt, inArray, isNotNull, isNull, lte, notInArray, or } from "drizzle-orm";
import { type DataPeriods, periodsOf } from "../../config";
import { idempotencyKeyCutoff } from "../../lib/idempotency";
import { logRetention, pruneAccessLog } from "../access-log";
import { type ServiceContext, withTransaction } from "../context";
import { clearPersonalFields } from "./erase-resident";

/** What one retention run did (or, in a dry run, would do): counts and ids, nothing personal. */
export interface RetentionReport {
  dryRun: boolean;
  cutoffs: { referralsClosedBefore: string; accessLogBefore: string; idempotencyKeysBefore: string };
  counts: {
    /** Residents anonymised: none of their referrals open or closed within the period. */
    residents: number;
    /** Closed referrals anonymised, those of the residents above included. */
    referrals: number;
    /** Consents cleared (with their resident, or when only anonymised referrals still rested on them). */
    consents: number;
    accessLogEntries: number;
    idempotencyKeys: number;
  };
  residentIds: string[];
  referralIds: string[];
}

/** `months` calendar months before `now` (UTC). */
export function monthsBefore(now: Date, months: number): Date {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
}

export function retentionCutoffs(now: Date, periods: DataPeriods) {
  return {
    referralsClosedBefore: monthsBefore(now, periods.retentionMonths),
    accessLogBefore: monthsBefore(now, periods.accessLogYears * 12),
    idempotencyKeysBefore: idempotencyKeyCutoff(now),
  };
}

class DryRun extends Error {
  constructor(readonly report: RetentionReport) {
    super("dry run: rolled back");
  }
}

/**
 * Retention (docs/privacy.md "Bewaartermijnen"), in one transaction:
 * - a referral closed longer than RETENTION_MONTHS ago loses its personal fields, and so do its
 *   messages, notes, contact attempts, driegesprek and idempotency fingerprint (the clearing of
 *   the right to erasure, `clearPersonalFields`); the consents only such referrals rested on, once
 *   ended, are cleared too;
 * - a resident none of whose referrals is open or closed within the period (and who has no
 *   consent in force) is anonymised as a whole — the same clearing as an erasure;
 * - access-log entries older than ACCESS_LOG_RETENTION_YEARS are deleted (the only DELETE the
 *   append-only trigger lets through, and only for this transaction);
 * - Idempotency-Keys older than 24 hours are deleted.
 * Dates, statuses, services, categories, outcomes and amounts stay for the anonymous figures.
 * A dry run does all of it and rolls back, so its report is exactly what a real run would do.
 * Rows another transaction holds are skipped (SKIP LOCKED) and taken at the next run.
 */
export async function runRetention(ctx: ServiceContext, now: Date, options: { dryRun: boolean }): Promise<RetentionReport> {
  const cutoffs = retentionCutoffs(now, periodsOf(ctx.config));
  const cutoff = cutoffs.referralsClosedBefore;
  try {
    return await withTransaction(ctx, async (tx) => {
      // Residents with nothing open or recent: no referral open or closed after the cutoff, none created after it, no consent in force.
      const recentOrOpen = tx
        .select({ residentId: referrals.residentId })
        .from(referrals)
        .where(or(inArray(referrals.status, openStatuses), isNull(referrals.closedAt), gt(referrals.closedAt, cutoff)));
      const inForce = tx
        .select({ residentId: consents.residentId })
        .from(consents)
        .where(and(isNull(consents.withdrawnAt), gt(consents.validUntil, now)));
      const dueResidents = await tx
        .select({ id: residents.id, organizationId: residents.organizationId })
        .from(residents)
        .where(
          and(
            isNull(residents.anonymizedAt),
            lte(residents.createdAt, cutoff),
            notInArray(residents.id, recentOrOpen),
            notInArray(residents.id, inForce),
          ),
        )
        .orderBy(asc(residents.id))
        .for("update", { skipLocked: true });

      const referralIds: string[] = [];
      let consentCount = 0;
      for (const { id } of dueResidents) {
        const theirs = await tx
          .select({ id: referrals.id })
          .from(referrals)
          .where(and(eq(referrals.residentId, id), isNull(referrals.anonymizedAt)))
          .orderBy(asc(referrals.id));
        referralIds.push(...theirs.map((r) => r.id));
        // Nothing of theirs is in force (checked above): no consent to withdraw, only to clear.
        const cleared = await clearPersonalFields(tx, { residentId: id }, now);
        consentCount += cleared.consents ?? 0;
      }

      // Old closed referrals of residents who still have something open or recent: the referral only.
      const dueReferrals = await tx
        .select({ id: referrals.id, consentId: referrals.consentId })
        .from(referrals)
        .where(and(isNull(referrals.anonymizedAt), isNotNull(referrals.closedAt), lte(referrals.closedAt, cutoff)))
        .orderBy(asc(referrals.closedAt), asc(referrals.id))
        .for("update", { skipLocked: true });
      if (dueReferrals.length > 0) {
        const ids = dueReferrals.map((r) => r.id);
        const candidates = [...new Set(dueReferrals.flatMap((r) => (r.consentId ? [r.consentId] : [])))];
        let consentIds: string[] = [];
        if (candidates.length > 0) {
          // A consent goes when it has ended and no referral that keeps its data rests on it.
          const stillUsed = new Set(
            (
              await tx
                .select({ consentId: referrals.consentId })
                .from(referrals)
                .where(
                  and(inArray(referrals.consentId, candidates), isNull(referrals.anonymizedAt), notInArray(referrals.id, ids)),
                )
            ).map((r) => r.consentId),
          );
          const ended = await tx
            .select({ id: consents.id })
            .from(consents)
            .where(and(inArray(consents.id, candidates), or(isNotNull(consents.withdrawnAt), lte(consents.validUntil, now))));
          consentIds = ended.map((c) => c.id).filter((id) => !stillUsed.has(id));
        }
        const cleared = await clearPersonalFields(tx, { referralIds: ids, consentIds }, now);
        consentCount += cleared.consents ?? 0;
        referralIds.push(...ids);
      }

      const accessLogEntries = await pruneAccessLog(tx, cutoffs.accessLogBefore);
      // The anonymisation itself is evidence: one entry per resident (after the pruning, so it stays).
      await logRetention(tx, { at: now, residents: dueResidents });
      const keys = await tx
        .delete(idempotencyKeys)
        .where(lte(idempotencyKeys.createdAt, cutoffs.idempotencyKeysBefore))
        .returning({ key: idempotencyKeys.key });

      const report: RetentionReport = {
        dryRun: options.dryRun,
        cutoffs: {
          referralsClosedBefore: cutoff.toISOString(),
          accessLogBefore: cutoffs.accessLogBefore.toISOString(),
          idempotencyKeysBefore: cutoffs.idempotencyKeysBefore.toISOString(),
        },
        counts: {
          residents: dueResidents.length,
          referrals: referralIds.length,
          consents: consentCount,
          accessLogEntries,
          idempotencyKeys: keys.length,
        },
        residentIds: dueResidents.map((r) => r.id),
        referralIds,
      };
      if (options.dryRun) throw new DryRun(report);
      return report;
    });
  } catch (err) {
    if (err instanceof DryRun) return err.report;
    throw err;
  }
}

/** The report as the command prints it: periods, counts and ids. */
export function formatRetentionReport(report: RetentionReport): string {
  const c = report.counts;
  const lines = [
    report.dryRun ? "Proefdraai: er is niets gewijzigd. Dit zou er gebeuren:" : "Bewaartermijnen toegepast:",
    `  verwijzingen gesloten vóór ${report.cutoffs.referralsClosedBefore}: ${c.referrals} geanonimiseerd`,
    `  inwoners zonder lopende of recente verwijzing: ${c.residents} geanonimiseerd`,
    `  toestemmingen gewist: ${c.consents}`,
    `  toegangslog vóór ${report.cutoffs.accessLogBefore}: ${c.accessLogEntries} regels verwijderd`,
    `  Idempotency-Keys vóór ${report.cutoffs.idempotencyKeysBefore}: ${c.idempotencyKeys} verwijderd`,
  ];
  if (report.residentIds.length > 0) lines.push("", "Inwoners (id):", ...report.residentIds.map((id) => `  ${id}`));
  if (report.referralIds.length > 0) lines.push("", "Verwijzingen (id):", ...report.referralIds.map((id) => `  ${id}`));
  return lines.join("\n");
}
