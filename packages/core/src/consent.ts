/**
 * Consent and lawful basis for sharing a resident's data with a receiving organization
 * (DESIGN.md "Consent and privacy"). Pure rules; the API enforces them, the web app explains them.
 */
import { z } from "zod";
import { textUpTo, UtcDateTimeSchema, UuidSchema, withoutControlCharacters } from "./fields";

/** What may be shared. `health` exists for wijkteams and care, and never goes to debt services. */
export const dataCategories = ["contact", "birthdate", "request", "finances", "debts", "household", "safety", "health"] as const;
export type DataCategory = (typeof dataCategories)[number];

export const dataCategoryLabels: Record<DataCategory, string> = {
  contact: "Contactgegevens (naam, adres, telefoon, e-mail)",
  birthdate: "Geboortedatum of -jaar",
  request: "Hulpvraag",
  finances: "Inkomen en uitgaven",
  debts: "Schulden",
  household: "Huishouden",
  safety: "Veiligheid (alleen: eerst overleggen met de verwijzer)",
  health: "Gezondheid",
};

/**
 * The category that covers a referral's fields outside the category columns: the life domains and
 * the reason for urgency say what the help is about (eviction, an energy cut-off, health), so they
 * belong to the hulpvraag. A receiver sees them only when `request` is shared and its access holds.
 * Whether a referral is urgent at all stays visible: it is how the receiver orders its inbox.
 */
export const referralFieldCategories = {
  lifeDomains: "request",
  urgencyReason: "request",
} as const satisfies Record<string, DataCategory>;

export const consentMethods = ["mondeling", "schriftelijk", "digitaal"] as const;
export type ConsentMethod = (typeof consentMethods)[number];

/** How much the sender may hear back, as the resident agreed. */
export const feedbackLevels = ["contact_only", "status", "outcome"] as const;
export type FeedbackLevel = (typeof feedbackLevels)[number];

export const feedbackLevelLabels: Record<FeedbackLevel, string> = {
  contact_only: "Alleen of er contact is gelegd",
  status: "De status van de hulp",
  outcome: "De status en de uitkomst",
};

export const lawfulBases = ["consent", "wgs_task"] as const;
export type LawfulBasis = (typeof lawfulBases)[number];

export const lawfulBasisLabels: Record<LawfulBasis, string> = {
  consent: "Toestemming van de inwoner",
  wgs_task: "Wettelijke taak (Wgs): de inwoner is geïnformeerd",
};

export interface ConsentRecord {
  receivingOrganizationId: string;
  dataCategories: readonly DataCategory[];
  validUntil: Date;
  withdrawnAt: Date | null;
}

/** Consent counts while it is not withdrawn and not past its end. */
export function consentIsValid(consent: Pick<ConsentRecord, "validUntil" | "withdrawnAt">, now: Date): boolean {
  return consent.withdrawnAt === null && consent.validUntil.getTime() > now.getTime();
}

export const CONSENT_END_IN_PAST = "Kies een einddatum in de toekomst: de toestemming moet nu nog gelden.";

/** How far ahead a consent may run by default (two years); a Schakel may set its own maximum (CONSENT_MAX_DAYS). */
export const DEFAULT_CONSENT_MAX_DAYS = 730;

const DAY_MS = 24 * 60 * 60 * 1000;

/** What the sender hears when the end lies further ahead than the maximum. */
export const consentEndTooFar = (maxDays: number) =>
  `Kies een einddatum binnen ${maxDays} dagen${maxDays === DEFAULT_CONSENT_MAX_DAYS ? " (twee jaar)" : ""}: langer mag een toestemming niet gelden. Vraag daarna opnieuw toestemming.`;

/** The latest end a consent recorded now may have. */
export const latestConsentEnd = (now: Date, maxDays = DEFAULT_CONSENT_MAX_DAYS) => new Date(now.getTime() + maxDays * DAY_MS);

/**
 * A consent is recorded only with a validity end in the future and at most `maxDays` ahead;
 * null when it has one.
 */
export function consentEndProblem(validUntil: Date, now: Date, maxDays = DEFAULT_CONSENT_MAX_DAYS): string | null {
  if (validUntil.getTime() <= now.getTime()) return CONSENT_END_IN_PAST;
  if (validUntil.getTime() > latestConsentEnd(now, maxDays).getTime()) return consentEndTooFar(maxDays);
  return null;
}

/**
 * The same rule as a refinement for a form or request that carries `validUntil` (an ISO instant),
 * reported on that field. It needs the time, so it is added where the time is known.
 */
export function checkConsentEnd(now: Date, maxDays = DEFAULT_CONSENT_MAX_DAYS) {
  return (v: { validUntil?: string }, ctx: z.RefinementCtx): void => {
    if (!v.validUntil) return;
    const end = new Date(v.validUntil);
    if (Number.isNaN(end.getTime())) return;
    const problem = consentEndProblem(end, now, maxDays);
    if (problem) ctx.addIssue({ code: "custom", path: ["validUntil"], message: problem });
  };
}

/** How long before a consent ends the sender is told, when it still carries an open referral. */
export const CONSENT_WARNING_DAYS = 14;

/** A receiving service is a debt service when its organization does debt help or it works on debts. */
export function isDebtService(receiver: { organizationKind: string; lifeDomains: readonly string[] }): boolean {
  return receiver.organizationKind === "schuldhulpverlening" || receiver.lifeDomains.includes("schulden");
}

/** The categories that may go to this receiver at all. */
export function categoriesAllowedFor(receiver: { organizationKind: string; lifeDomains: readonly string[] }): DataCategory[] {
  return dataCategories.filter((c) => !(c === "health" && isDebtService(receiver)));
}

/**
 * Why this consent does not cover sharing these categories with this receiver now, in plain
 * Dutch — or null when it does.
 */
export function consentProblem(
  consent: ConsentRecord | null,
  request: { receivingOrganizationId: string; categories: readonly DataCategory[]; now: Date },
): string | null {
  if (!consent) return "Er is geen toestemming van de inwoner vastgelegd voor deze organisatie.";
  if (consent.receivingOrganizationId !== request.receivingOrganizationId) {
    return "De toestemming geldt voor een andere organisatie.";
  }
  if (consent.withdrawnAt) return "De inwoner heeft de toestemming ingetrokken.";
  if (consent.validUntil.getTime() <= request.now.getTime()) return "De toestemming is verlopen.";
  const missing = request.categories.filter((c) => !consent.dataCategories.includes(c));
  if (missing.length > 0) {
    return `De toestemming geldt niet voor: ${missing.map((c) => dataCategoryLabels[c].toLowerCase()).join(", ")}.`;
  }
  return null;
}

/** Recording a resident's consent for one receiving organization. */
export const ConsentCreateSchema = z.object({
  receivingOrganizationId: UuidSchema,
  purpose: withoutControlCharacters(
    z
      .string({ error: "Beschrijf het doel." })
      .trim()
      .min(3, "Beschrijf het doel.")
      .max(500, "Beschrijf het doel in hoogstens 500 tekens."),
  ),
  dataCategories: z
    .array(z.enum(dataCategories, { error: "Kies een soort gegevens uit de lijst." }), {
      error: "Kies minstens één soort gegevens.",
    })
    .min(1, "Kies minstens één soort gegevens."),
  method: z.enum(consentMethods, { error: "Kies mondeling, schriftelijk of digitaal." }),
  feedbackLevel: z.enum(feedbackLevels, { error: "Kies wat de verwijzer terug mag horen." }),
  validUntil: UtcDateTimeSchema,
});
export type ConsentCreate = z.infer<typeof ConsentCreateSchema>;

/** Withdrawing consent; the reason only if the resident gave one. */
export const ConsentWithdrawalSchema = z.object({ reason: textUpTo(500, { multiline: true }).optional() });
export type ConsentWithdrawal = z.infer<typeof ConsentWithdrawalSchema>;
