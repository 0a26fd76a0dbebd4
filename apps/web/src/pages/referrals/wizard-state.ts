import type { Schemas } from "@schakel/api-client";
import {
  ConsentCreateSchema,
  type ConsentMethod,
  categoriesAllowedFor,
  checkReferralCreate,
  consentEndProblem,
  contactRouteProblem,
  contactSharingProblem,
  type DataCategory,
  type FeedbackLevel,
  type PreferredChannel,
  proposedMomentProblems,
  ReferralCreateFieldsSchema,
  ResidentDetailsSchema,
  type Urgency,
  type UrgencyReason,
} from "@schakel/core";
import { z } from "zod";
import { fieldErrors, type Problem } from "../../api/problem";
import type { Service } from "../../api/types";
import { localToIso } from "../../lib/referrals";
import { type DateParts, type DateTimeParts, emptyDateTime, isBlank, partsToDate, partsToLocal } from "./date-parts";

export const steps = [
  { key: "inwoner", title: "Inwoner" },
  { key: "toestemming", title: "Toestemming" },
  { key: "hulpvraag", title: "Hulpvraag en urgentie" },
  { key: "driegesprek", title: "Driegesprek" },
  { key: "controleren", title: "Controleren en versturen" },
] as const;

/** The address parameter that holds the step (`?stap=toestemming`): Back and Forward move between steps. */
export const STEP_PARAM = "stap";

/** The step an address names, or the first when it names none. */
export function stepFromParam(param: string | null): number {
  const index = steps.findIndex((s) => s.key === param);
  return Math.max(index, 0);
}

export const MOMENT_SLOTS = 3;

/** Everything typed in the wizard; numbers and dates stay text until they are sent. */
export interface WizardValues {
  name: string;
  birthYear: string;
  address: string;
  postcode: string;
  phone: string;
  email: string;
  preferredChannel: PreferredChannel | "";
  /** No contact details for the organisation: it reaches the resident through the referring worker. */
  reachableViaSender: boolean;
  language: string;
  purpose: string;
  dataCategories: DataCategory[];
  method: ConsentMethod;
  feedbackLevel: FeedbackLevel;
  validUntil: DateParts;
  request: string;
  debts: string;
  finances: string;
  household: string;
  urgency: Urgency;
  urgencyReason: UrgencyReason | "";
  safetyFlag: boolean;
  driegesprekWanted: boolean;
  moments: DateTimeParts[];
}

/** Error messages by form key: `name`, `dataCategories`, `moments.1`… */
export type WizardErrors = Record<string, string>;

/** The date six months from today, as yyyy-mm-dd. */
function sixMonthsFromNow(): DateParts {
  const d = new Date();
  d.setMonth(d.getMonth() + 6);
  return { day: String(d.getDate()), month: String(d.getMonth() + 1), year: String(d.getFullYear()) };
}

/** Debt services (organisation kind or life domain) never get health data: core decides. */
export function categoriesFor(service: Service): DataCategory[] {
  // The kaart does not give the organisation's kind; the service's life domains decide here and
  // the API checks the organisation's kind as well.
  return categoriesAllowedFor({ organizationKind: "", lifeDomains: service.lifeDomains });
}

export function initialValues(service: Service): WizardValues {
  const allowed = categoriesFor(service);
  const defaults: DataCategory[] = ["contact", "birthdate", "request"];
  if (service.lifeDomains.includes("schulden")) defaults.push("debts");
  return {
    name: "",
    birthYear: "",
    address: "",
    postcode: "",
    phone: "",
    email: "",
    preferredChannel: "",
    reachableViaSender: false,
    language: "nl",
    purpose: `Verwijzing naar ${service.organization.name} voor ${service.name}`,
    dataCategories: defaults.filter((c) => allowed.includes(c)),
    method: "mondeling",
    feedbackLevel: "outcome",
    validUntil: sixMonthsFromNow(),
    request: "",
    debts: "",
    finances: "",
    household: "",
    urgency: "normal",
    urgencyReason: "",
    safetyFlag: false,
    driegesprekWanted: true,
    moments: Array.from({ length: MOMENT_SLOTS }, emptyDateTime),
  };
}

/** What a follow-up reuses: the declined referral (as its sender sees it) and its consent, if still shown. */
export interface FollowUp {
  previous: Schemas["Referral"];
  consent: Schemas["Consent"] | null;
}

/**
 * Whether the old consent covers the new receiver: consents are per receiving organisation, so
 * only when the suggested service belongs to the same one, and while it is valid.
 */
export function consentCovers(consent: Schemas["Consent"] | null, service: Service): consent is Schemas["Consent"] {
  return Boolean(consent?.valid && consent.receivingOrganizationId === service.organization.id);
}

/** A local date (yyyy-mm-dd of the instant, in the browser's zone) as the wizard's date parts. */
function dateParts(iso: string): DateParts {
  const d = new Date(iso);
  return { day: String(d.getDate()), month: String(d.getMonth() + 1), year: String(d.getFullYear()) };
}

/**
 * The wizard filled in from a declined referral, for a new one to the suggested service: the
 * resident, the request, urgency, channel and the shared data as far as the new service may
 * get them; the consent's answers only where the old consent covers the new receiver, else the
 * consent step starts afresh for it.
 */
export function followUpValues(service: Service, { previous, consent }: FollowUp): WizardValues {
  const fresh = initialValues(service);
  const allowed = categoriesFor(service);
  const r = previous.resident;
  const covering = consentCovers(consent, service) ? consent : null;
  const categories = (covering ? covering.dataCategories : previous.dataCategories).filter((c) => allowed.includes(c));
  const notes = previous.categoryNotes;
  return {
    ...fresh,
    name: r?.name ?? "",
    birthYear: r?.birthYear ? String(r.birthYear) : "",
    address: r?.address ?? "",
    postcode: r?.postcode ?? "",
    phone: r?.phone ?? "",
    email: r?.email ?? "",
    preferredChannel: previous.preferredChannel ?? r?.preferredChannel ?? "",
    reachableViaSender: previous.reachableViaSender,
    language: r?.language ?? fresh.language,
    ...(covering
      ? {
          purpose: covering.purpose,
          method: covering.method,
          feedbackLevel: covering.feedbackLevel,
          validUntil: dateParts(covering.validUntil),
        }
      : { feedbackLevel: previous.feedbackLevel }),
    dataCategories: categories.length > 0 ? categories : fresh.dataCategories,
    request: previous.request ?? "",
    debts: allowed.includes("debts") ? (notes.debts ?? "") : "",
    finances: allowed.includes("finances") ? (notes.finances ?? "") : "",
    household: allowed.includes("household") ? (notes.household ?? "") : "",
    urgency: previous.urgency,
    urgencyReason: previous.urgencyReason ?? "",
    safetyFlag: previous.safetyFlag && allowed.includes("safety"),
    driegesprekWanted: previous.driegesprekWanted,
  };
}

/**
 * What is wrong with typed moments, by slot (`moments.1`): a part missing or no existing day,
 * and core's rules (in the future, no repeats) for the complete ones.
 */
export function momentProblems(moments: readonly DateTimeParts[], now: Date): WizardErrors {
  const e: WizardErrors = {};
  const filled = moments.map((parts, i) => ({ m: partsToLocal(parts), i, blank: isBlank(parts) })).filter((x) => !x.blank);
  for (const { i } of filled.filter(({ m }) => m === null)) {
    e[`moments.${i}`] = "Vul een bestaande datum en een tijd in, zoals 26 11 2026 om 10:00.";
  }
  const dates = filled.filter((x): x is { m: string; i: number; blank: boolean } => x.m !== null);
  const problems = proposedMomentProblems(
    dates.map(({ m }) => new Date(m)),
    now,
  );
  for (const [pos, message] of Object.entries(problems)) {
    const slot = dates[Number(pos)];
    if (slot) e[`moments.${slot.i}`] = message;
  }
  return e;
}

/** The last second of a day, in the browser's time zone: consent holds to the end of that day. */
function endOfDay(date: string): Date {
  return new Date(`${date}T23:59:59`);
}

/** One typed moment as an instant, or null. */
export function momentIso(parts: DateTimeParts): string | null {
  const local = partsToLocal(parts);
  return local ? localToIso(local) : null;
}

/** The moments that were typed in full, as instants, in slot order. */
export function momentsIso(moments: readonly DateTimeParts[]): string[] {
  return moments.map(momentIso).filter((m): m is string => m !== null);
}

/** Which step each field is on, so a server error can send the user back there. */
export function stepOf(key: string): number {
  const root = key.split(".")[0] as keyof WizardValues;
  const index = stepFields.findIndex((fields) => (fields as readonly string[]).includes(root));
  return index < 0 ? steps.length - 1 : index;
}

/** The fields each step asks for (the last step, Controleren, asks none). */
const stepFields = [
  ["name", "birthYear", "address", "postcode", "phone", "email", "preferredChannel", "reachableViaSender", "language"],
  ["purpose", "dataCategories", "method", "feedbackLevel", "validUntil"],
  ["request", "debts", "finances", "household", "urgency", "urgencyReason", "safetyFlag"],
  ["driegesprekWanted", "moments"],
] as const satisfies readonly (readonly (keyof WizardValues)[])[];

export function fieldsOfStep(step: number): (keyof WizardValues)[] {
  return [...(stepFields[step] ?? [])];
}

/**
 * The wizard as one form for react-hook-form: every step's checks (core's schemas, see
 * validateStep) as issues on the fields they concern, so `trigger(fieldsOfStep(n))` checks one step.
 */
export const WizardSchema = z
  .custom<WizardValues>((v) => typeof v === "object" && v !== null)
  .superRefine((v, ctx) => {
    for (let step = 0; step < steps.length - 1; step++) {
      for (const [key, message] of Object.entries(validateStep(step, v))) {
        ctx.addIssue({ code: "custom", path: key.split("."), message });
      }
    }
  });

/** The checks the browser can make for one step, in Dutch. */
export function validateStep(step: number, v: WizardValues, now = new Date()): WizardErrors {
  const e: WizardErrors = {};
  if (step === 0) {
    // Core's resident rules (name, birth year, postcode, e-mail…), the ones the API applies.
    addIssues(e, ResidentDetailsSchema.safeParse(residentInput(v)), { birthDate: "birthYear" });
    // Core's rule: a way to reach the resident that fits the channel, or "Bereikbaar via mij".
    const route = contactRouteProblem({ ...residentInput(v), reachableViaSender: v.reachableViaSender });
    if (route) e[route.field] ??= route.message;
  }
  if (step === 1) {
    const validUntil = partsToDate(v.validUntil);
    addIssues(
      e,
      ConsentStepSchema.safeParse({
        purpose: v.purpose,
        dataCategories: v.dataCategories,
        method: v.method,
        feedbackLevel: v.feedbackLevel,
      }),
    );
    // Core's rule: without the contact data only "Bereikbaar via mij" is a way to the resident.
    const notShared = contactSharingProblem(v);
    if (!e.dataCategories && notShared) e.dataCategories = notShared;
    if (isBlank(v.validUntil)) e.validUntil = "Vul in tot wanneer de toestemming geldt.";
    else if (!validUntil) e.validUntil = "Vul een bestaande datum in met dag, maand en jaar, zoals 30 5 2027.";
    else {
      const endProblem = consentEndProblem(endOfDay(validUntil), now);
      if (endProblem) e.validUntil = endProblem;
    }
  }
  if (step === 2) {
    // Core's referral rules for this step: the request's length, a reason when urgent, notes only for shared data.
    addIssues(
      e,
      RequestStepSchema.safeParse({
        request: v.request,
        urgency: v.urgency,
        ...(v.urgencyReason ? { urgencyReason: v.urgencyReason } : {}),
        categoryNotes: categoryNotes(v),
        safetyFlag: v.safetyFlag && v.dataCategories.includes("safety"),
        dataCategories: v.dataCategories,
      }),
      { "categoryNotes.debts": "debts", "categoryNotes.finances": "finances", "categoryNotes.household": "household" },
    );
  }
  if (step === 3 && v.driegesprekWanted) Object.assign(e, momentProblems(v.moments, now));
  return e;
}

/** The step of the consent: core's consent fields without the receiver, which the wizard knows. */
const ConsentStepSchema = ConsentCreateSchema.omit({ receivingOrganizationId: true, validUntil: true });

/** The step of the request: core's referral fields it asks for, with core's rules across them. */
const RequestStepSchema = ReferralCreateFieldsSchema.pick({
  request: true,
  urgency: true,
  urgencyReason: true,
  categoryNotes: true,
  safetyFlag: true,
  dataCategories: true,
}).superRefine(checkReferralCreate);

/** A failed parse's messages under the wizard's keys (the first per key; `rename` maps a path to a key). */
function addIssues(
  errors: WizardErrors,
  result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } },
  rename: Record<string, string> = {},
) {
  for (const issue of result.error?.issues ?? []) {
    const path = issue.path.map(String).join(".");
    errors[rename[path] ?? path] ??= issue.message;
  }
}

/** The resident as core's ResidentDetailsSchema reads it: empty text is null, the year a number. */
function residentInput(v: WizardValues) {
  const text = (s: string) => (s.trim() ? s.trim() : null);
  return {
    name: v.name,
    birthDate: null,
    birthYear: v.birthYear.trim() ? Number(v.birthYear.trim()) : null,
    address: text(v.address),
    postcode: text(v.postcode),
    phone: text(v.phone),
    email: text(v.email),
    preferredChannel: v.preferredChannel || null,
    language: v.language,
  };
}

/** The notes of the data categories that are shared. */
function categoryNotes(v: WizardValues): Schemas["CategoryNotes"] {
  const notes: Schemas["CategoryNotes"] = {};
  if (v.dataCategories.includes("debts") && v.debts.trim()) notes.debts = v.debts.trim();
  if (v.dataCategories.includes("finances") && v.finances.trim()) notes.finances = v.finances.trim();
  if (v.dataCategories.includes("household") && v.household.trim()) notes.household = v.household.trim();
  return notes;
}

export function residentBody(v: WizardValues, organizationId: string): Schemas["ResidentCreate"] {
  const input = residentInput(v);
  return { ...input, organizationId, name: v.name.trim() };
}

export function consentBody(v: WizardValues, receivingOrganizationId: string): Schemas["ConsentCreate"] {
  return {
    receivingOrganizationId,
    purpose: v.purpose.trim(),
    dataCategories: v.dataCategories,
    method: v.method,
    feedbackLevel: v.feedbackLevel,
    validUntil: endOfDay(partsToDate(v.validUntil) ?? "").toISOString(),
  };
}

export function referralBody(
  v: WizardValues,
  ids: { residentId: string; consentId: string; serviceId: string },
  followUp?: { previousReferralId: string; lifeDomains: Schemas["ReferralCreate"]["lifeDomains"] },
) {
  const notes = categoryNotes(v);
  const moments = v.driegesprekWanted ? momentsIso(v.moments) : [];
  const body: Schemas["ReferralCreate"] = {
    residentId: ids.residentId,
    serviceId: ids.serviceId,
    lawfulBasis: "consent",
    consentId: ids.consentId,
    dataCategories: v.dataCategories,
    request: v.request.trim(),
    categoryNotes: notes,
    urgency: v.urgency,
    ...(v.urgency === "urgent" && v.urgencyReason ? { urgencyReason: v.urgencyReason } : {}),
    ...(v.preferredChannel ? { preferredChannel: v.preferredChannel } : {}),
    reachableViaSender: v.reachableViaSender,
    driegesprek: { wanted: v.driegesprekWanted, proposedMoments: moments },
    safetyFlag: v.safetyFlag && v.dataCategories.includes("safety"),
    ...(followUp ? { previousReferralId: followUp.previousReferralId, lifeDomains: followUp.lifeDomains } : {}),
  };
  return body;
}

/** The server's field errors of one call, under the wizard's own keys. */
/**
 * The wizard's key for a field the API named in a refusal of one call: the moments the API
 * numbers are the filled slots, category notes and the driegesprek wish have keys of their own.
 */
export function wizardKey(field: string, call: "resident" | "consent" | "referral", values?: WizardValues): string {
  if (call === "resident" && field === "birthDate") return "birthYear";
  if (call !== "referral") return field;
  const moment = /^driegesprek\.proposedMoments(?:\.(\d+))?$/.exec(field);
  if (moment) {
    // The API numbers the moments that were sent; the form has empty slots in between.
    const slots = (values?.moments ?? []).flatMap((m, i) => (momentIso(m) ? [i] : []));
    return `moments.${moment[1] !== undefined ? (slots[Number(moment[1])] ?? 0) : (slots[0] ?? 0)}`;
  }
  if (field.startsWith("categoryNotes.")) return field.slice("categoryNotes.".length);
  if (field === "driegesprek.wanted") return "driegesprekWanted";
  return field;
}

/** The server's field errors of one call, under the wizard's own keys. */
export function errorsFromProblem(
  problem: Problem,
  call: "resident" | "consent" | "referral",
  values?: WizardValues,
): WizardErrors {
  const out: WizardErrors = {};
  for (const [field, message] of Object.entries(fieldErrors(problem))) out[wizardKey(field, call, values)] ??= message;
  return out;
}
