import { z } from "zod";
import { contactChannelKinds, contactValueMissing } from "./contact";
import { EscalationSettingsSchema } from "./escalation";
import { LanguageCodeSchema, textUpTo, UuidSchema, withoutControlCharacters } from "./fields";
import { LifeDomainSchema, lifeDomains } from "./life-domains";
import { isCaseworker, type Role } from "./roles";

/** A service's status on the sociale kaart (HSDS service.status). */
export const serviceStatuses = ["active", "inactive", "temporarily_closed", "defunct"] as const;
export type ServiceStatus = (typeof serviceStatuses)[number];

export const serviceStatusLabels: Record<ServiceStatus, string> = {
  active: "Actief",
  inactive: "Niet actief",
  temporarily_closed: "Tijdelijk gesloten",
  defunct: "Opgeheven",
};

/** Working days within which a receiver should respond to a referral, unless the service says otherwise. */
export const DEFAULT_RESPONSE_TARGET_DAYS = 5;

/** A service takes referrals through Schakel now: it says it does, and it is active. */
export function serviceAcceptsReferrals(service: { acceptsReferrals: boolean; status: string }): boolean {
  return service.acceptsReferrals && service.status === "active";
}

/**
 * Whether a member with this role may refer a resident to the service now: the service takes
 * referrals and the member works on residents (a worker or admin; coordinators do not refer).
 */
export function canReferTo(service: { acceptsReferrals: boolean; status: string }, role: Role | undefined): boolean {
  return serviceAcceptsReferrals(service) && role !== undefined && isCaseworker(role);
}

export const MunicipalityCodeSchema = z.string().regex(/^GM\d{4}$/, "Gebruik een CBS-gemeentecode zoals GM0202.");

/** A range of four-digit postcodes, both ends included. */
export const PostcodeRangeSchema = z
  .object({
    from: z
      .number({ error: "Vul de vier cijfers van een postcode in, zoals 6811." })
      .int("Vul de vier cijfers van een postcode in, zoals 6811.")
      .min(1000, "Vul de vier cijfers van een postcode in, zoals 6811.")
      .max(9999, "Vul de vier cijfers van een postcode in, zoals 6811."),
    to: z
      .number({ error: "Vul de vier cijfers van een postcode in, zoals 6811." })
      .int("Vul de vier cijfers van een postcode in, zoals 6811.")
      .min(1000, "Vul de vier cijfers van een postcode in, zoals 6811.")
      .max(9999, "Vul de vier cijfers van een postcode in, zoals 6811."),
  })
  .refine((r) => r.from <= r.to, { message: "Het begin van het postcodebereik moet voor het einde liggen.", path: ["to"] });

/** One way to reach a service; a phone number, e-mail address or website needs its value. */
export const ContactChannelSchema = z
  .object({
    kind: z.enum(contactChannelKinds, { error: "Kies een soort contact uit de lijst." }),
    value: withoutControlCharacters(
      z.string().trim().min(1, "Vul dit veld in, of laat het weg.").max(300, "Gebruik hoogstens 300 tekens."),
    ).optional(),
    note: textUpTo(300).optional(),
  })
  .superRefine((c, ctx) => {
    const missing = contactValueMissing[c.kind];
    if (missing && !c.value) ctx.addIssue({ code: "custom", path: ["value"], message: missing });
  });
export type ContactChannel = z.infer<typeof ContactChannelSchema>;

const age = (what: string) =>
  z
    .number({ error: `Vul een ${what} in van 0 tot en met 120 jaar, of laat het veld leeg.` })
    .int(`Vul een ${what} in van 0 tot en met 120 jaar, of laat het veld leeg.`)
    .min(0, `Vul een ${what} in van 0 tot en met 120 jaar, of laat het veld leeg.`)
    .max(120, `Vul een ${what} in van 0 tot en met 120 jaar, of laat het veld leeg.`);

/** The largest debt amount a service can name: far above any debt help's threshold, well inside the int4 column. */
export const DEBT_MAX_EUROS = 10_000_000;

const euros = z
  .number({ error: "Vul een bedrag in hele euro's in, zoals 1000, of laat het veld leeg." })
  .int("Vul een bedrag in hele euro's in, zoals 1000, of laat het veld leeg.")
  .min(0, "Vul een bedrag in hele euro's in, zoals 1000, of laat het veld leeg.")
  .max(DEBT_MAX_EUROS, "Vul een bedrag tot en met 10.000.000 euro in, of laat het veld leeg.");

/**
 * The fields an admin sets, each with its own rules; shared by create and update (where every
 * field is optional). The rules across fields are {@link serviceRuleProblems}.
 */
export const serviceFields = {
  name: withoutControlCharacters(
    z
      .string({ error: "Geef de dienst een naam van minstens 3 tekens." })
      .trim()
      .min(3, "Geef de dienst een naam van minstens 3 tekens.")
      .max(200, "Gebruik hoogstens 200 tekens."),
  ),
  description: withoutControlCharacters(
    z
      .string({ error: "Beschrijf de dienst in minstens 10 tekens." })
      .trim()
      .min(10, "Beschrijf de dienst in minstens 10 tekens.")
      .max(4000, "Gebruik hoogstens 4000 tekens."),
    { multiline: true },
  ),
  lifeDomains: z
    .array(LifeDomainSchema, { error: "Kies minstens één leefgebied." })
    .min(1, "Kies minstens één leefgebied.")
    .max(lifeDomains.length),
  ageMin: age("minimumleeftijd").nullable(),
  ageMax: age("maximumleeftijd").nullable(),
  eligibility: textUpTo(2000, { multiline: true }).nullable(),
  requiresBijstand: z.boolean().nullable(),
  debtMin: euros.nullable(),
  debtMax: euros.nullable(),
  isNational: z.boolean(),
  municipalityCodes: z.array(MunicipalityCodeSchema).max(400, "Kies hoogstens 400 gemeenten."),
  postcodeRanges: z.array(PostcodeRangeSchema).max(100, "Voeg hoogstens 100 postcodegebieden toe."),
  contactChannels: z.array(ContactChannelSchema).max(20, "Voeg hoogstens 20 contactmanieren toe."),
  languages: z
    .array(LanguageCodeSchema, { error: "Kies minstens één taal." })
    .min(1, "Kies minstens één taal.")
    .max(30, "Kies hoogstens 30 talen."),
  cost: textUpTo(300).nullable(),
  openingHours: textUpTo(500, { multiline: true }).nullable(),
  warmHandover: textUpTo(2000, { multiline: true }).nullable(),
  acceptsReferrals: z.boolean(),
  responseTargetDays: z
    .number({ error: "Vul een aantal werkdagen in van 1 tot en met 60." })
    .int("Vul een aantal werkdagen in van 1 tot en met 60.")
    .min(1, "Vul een aantal werkdagen in van 1 tot en met 60.")
    .max(60, "Vul een aantal werkdagen in van 1 tot en met 60."),
  status: z.enum(serviceStatuses, { error: "Kies een status uit de lijst." }),
  /** The service's own escalation ladder; null: the default ladder (core escalation.ts). */
  escalation: EscalationSettingsSchema.nullable(),
};

/** A broken rule across a service's fields: the field it concerns, a problem slug and the Dutch message. */
export interface ServiceRuleProblem {
  field: "ageMax" | "debtMax" | "municipalityCodes";
  code: "invalid-age-range" | "invalid-debt-range" | "no-area";
  message: string;
}

type ServiceRuleInput = { ageMin?: number | null; ageMax?: number | null; debtMin?: number | null; debtMax?: number | null };

/** Ranges that run the right way: a minimum age or debt not above its maximum. */
export function serviceRangeProblems(v: ServiceRuleInput): ServiceRuleProblem[] {
  const problems: ServiceRuleProblem[] = [];
  if (v.ageMin != null && v.ageMax != null && v.ageMin > v.ageMax) {
    problems.push({
      field: "ageMax",
      code: "invalid-age-range",
      message: "De maximumleeftijd moet gelijk aan of hoger dan de minimumleeftijd zijn.",
    });
  }
  if (v.debtMin != null && v.debtMax != null && v.debtMin > v.debtMax) {
    problems.push({
      field: "debtMax",
      code: "invalid-debt-range",
      message: "Het maximale schuldbedrag moet gelijk aan of hoger dan het minimum zijn.",
    });
  }
  return problems;
}

/**
 * The rules across a whole service's fields: its ranges, and an area to work in (national,
 * municipalities or postcode ranges). A change is checked against the service it changes (see
 * the API's updateService), since the area may be in fields the change leaves out.
 */
export function serviceRuleProblems(
  v: ServiceRuleInput & { isNational: boolean; municipalityCodes: readonly string[]; postcodeRanges: readonly unknown[] },
): ServiceRuleProblem[] {
  const problems = serviceRangeProblems(v);
  if (!v.isNational && v.municipalityCodes.length === 0 && v.postcodeRanges.length === 0) {
    problems.push({
      field: "municipalityCodes",
      code: "no-area",
      message: "Geef aan waar de dienst werkt: landelijk, gemeenten of postcodegebieden.",
    });
  }
  return problems;
}

const addProblems = (problems: ServiceRuleProblem[], ctx: z.RefinementCtx) => {
  for (const p of problems) ctx.addIssue({ code: "custom", path: [p.field], message: p.message });
};

/** A new service: what is not given gets its default. */
export const ServiceCreateSchema = z
  .object({
    organizationId: UuidSchema,
    ...serviceFields,
    ageMin: serviceFields.ageMin.default(null),
    ageMax: serviceFields.ageMax.default(null),
    eligibility: serviceFields.eligibility.default(null),
    requiresBijstand: serviceFields.requiresBijstand.default(null),
    debtMin: serviceFields.debtMin.default(null),
    debtMax: serviceFields.debtMax.default(null),
    isNational: serviceFields.isNational.default(false),
    municipalityCodes: serviceFields.municipalityCodes.default([]),
    postcodeRanges: serviceFields.postcodeRanges.default([]),
    contactChannels: serviceFields.contactChannels.default([]),
    languages: serviceFields.languages.default(["nl"]),
    cost: serviceFields.cost.default(null),
    openingHours: serviceFields.openingHours.default(null),
    warmHandover: serviceFields.warmHandover.default(null),
    acceptsReferrals: serviceFields.acceptsReferrals.default(false),
    responseTargetDays: serviceFields.responseTargetDays.default(DEFAULT_RESPONSE_TARGET_DAYS),
    status: serviceFields.status.default("active"),
    escalation: serviceFields.escalation.default(null),
  })
  .superRefine((v, ctx) => addProblems(serviceRuleProblems(v), ctx));
export type ServiceCreate = z.infer<typeof ServiceCreateSchema>;

/** A change to a service: only the fields that change, at least one. */
export const ServiceUpdateSchema = z
  .object(
    Object.fromEntries(Object.entries(serviceFields).map(([k, v]) => [k, v.optional()])) as {
      [K in keyof typeof serviceFields]: z.ZodOptional<(typeof serviceFields)[K]>;
    },
  )
  .superRefine((v, ctx) => addProblems(serviceRangeProblems(v), ctx))
  .refine((v) => Object.keys(v).length > 0, { message: "Geef minstens één veld om te wijzigen." });
export type ServiceUpdate = z.infer<typeof ServiceUpdateSchema>;
