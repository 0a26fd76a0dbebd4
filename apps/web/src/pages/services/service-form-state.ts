import {
  ContactChannelSchema,
  DEFAULT_RESPONSE_TARGET_DAYS,
  type LifeDomain,
  ServiceCreateSchema,
  type ServiceRuleProblem,
  type ServiceStatus,
  serviceFields,
} from "@schakel/core";
import type { FieldErrors } from "react-hook-form";
import { z } from "zod";
import { fieldErrors, isProblemType, type Problem } from "../../api/problem";
import type { ContactChannelKind, Service, ServiceCreate, ServiceUpdate } from "../../api/types";

/** The form as typed: numbers stay text until they are sent, so nothing typed gets lost. */
export interface ContactRow {
  id: string;
  kind: ContactChannelKind;
  value: string;
  note: string;
}

export interface PostcodeRow {
  id: string;
  from: string;
  to: string;
}

export type Bijstand = "either" | "yes" | "no";

export interface ServiceFormValues {
  name: string;
  description: string;
  lifeDomains: LifeDomain[];
  ageMin: string;
  ageMax: string;
  eligibility: string;
  requiresBijstand: Bijstand;
  debtMin: string;
  debtMax: string;
  area: "national" | "local";
  municipalityCodes: string[];
  postcodeRanges: PostcodeRow[];
  contactChannels: ContactRow[];
  languages: string[];
  cost: string;
  openingHours: string;
  warmHandover: string;
  acceptsReferrals: boolean;
  responseTargetDays: string;
  /** The ladder (core EscalationSettings): empty is the default. */
  escalationTell: string;
  escalationExpire: string;
  escalationNeverExpire: boolean;
  escalationAccepted: string;
  escalationInContact: string;
  /** The targets the form does not show (in_progress, on_hold), kept as they were. */
  escalationKept: { in_progress?: number; on_hold?: number };
  status: ServiceStatus;
}

/** Error messages by field: `name`, `area`, `contactChannels.0.value`, `postcodeRanges.1.to`… */
export type FormErrors = Record<string, string>;

/** The longest text core (and so the API) accepts per field: for the inputs' maxLength. */
export const MAX_LENGTH = {
  name: maxLength(serviceFields.name),
  description: maxLength(serviceFields.description),
  eligibility: maxLength(serviceFields.eligibility.unwrap()),
  cost: maxLength(serviceFields.cost.unwrap()),
  openingHours: maxLength(serviceFields.openingHours.unwrap()),
  warmHandover: maxLength(serviceFields.warmHandover.unwrap()),
  contactValue: maxLength(ContactChannelSchema.shape.value.unwrap()),
  contactNote: maxLength(ContactChannelSchema.shape.note.unwrap()),
} as const;

function maxLength(schema: { maxLength: number | null }): number | undefined {
  return schema.maxLength ?? undefined;
}

let rowCount = 0;
/** A key for a new row, so React keeps each row's fields apart when one is removed. */
export function rowId(): string {
  rowCount += 1;
  return `rij-${rowCount}`;
}

export function emptyContactRow(kind: ContactChannelKind = "telefoon"): ContactRow {
  return { id: rowId(), kind, value: "", note: "" };
}

export function emptyPostcodeRow(): PostcodeRow {
  return { id: rowId(), from: "", to: "" };
}

export function newServiceValues(): ServiceFormValues {
  return {
    name: "",
    description: "",
    lifeDomains: [],
    ageMin: "",
    ageMax: "",
    eligibility: "",
    requiresBijstand: "either",
    debtMin: "",
    debtMax: "",
    area: "local",
    municipalityCodes: [],
    postcodeRanges: [],
    contactChannels: [emptyContactRow("telefoon")],
    languages: ["nl"],
    cost: "",
    openingHours: "",
    warmHandover: "",
    acceptsReferrals: true,
    responseTargetDays: String(DEFAULT_RESPONSE_TARGET_DAYS),
    escalationTell: "",
    escalationExpire: "",
    escalationNeverExpire: false,
    escalationAccepted: "",
    escalationInContact: "",
    escalationKept: {},
    status: "active",
  };
}

const numberText = (n: number | null) => (n === null ? "" : String(n));

export function valuesFromService(service: Service): ServiceFormValues {
  return {
    name: service.name,
    description: service.description,
    lifeDomains: [...service.lifeDomains],
    ageMin: numberText(service.ageMin),
    ageMax: numberText(service.ageMax),
    eligibility: service.eligibility ?? "",
    requiresBijstand: service.requiresBijstand === null ? "either" : service.requiresBijstand ? "yes" : "no",
    debtMin: numberText(service.debtMin),
    debtMax: numberText(service.debtMax),
    area: service.isNational ? "national" : "local",
    municipalityCodes: [...service.municipalityCodes],
    postcodeRanges: service.postcodeRanges.map((r) => ({ id: rowId(), from: String(r.from), to: String(r.to) })),
    contactChannels: service.contactChannels.map((c) => ({
      id: rowId(),
      kind: c.kind,
      value: c.value ?? "",
      note: c.note ?? "",
    })),
    languages: [...service.languages],
    cost: service.cost ?? "",
    openingHours: service.openingHours ?? "",
    warmHandover: service.warmHandover ?? "",
    acceptsReferrals: service.acceptsReferrals,
    responseTargetDays: String(service.responseTargetDays),
    escalationTell: numberText(service.escalation?.tellSenderAfterDays ?? null),
    escalationExpire: numberText(service.escalation?.expireAfterDays ?? null),
    escalationNeverExpire: service.escalation?.expireAfterDays === null,
    escalationAccepted: numberText(service.escalation?.statusTargetDays?.accepted ?? null),
    escalationInContact: numberText(service.escalation?.statusTargetDays?.in_contact ?? null),
    escalationKept: {
      ...(service.escalation?.statusTargetDays?.in_progress
        ? { in_progress: service.escalation.statusTargetDays.in_progress }
        : {}),
      ...(service.escalation?.statusTargetDays?.on_hold ? { on_hold: service.escalation.statusTargetDays.on_hold } : {}),
    },
    status: service.status,
  };
}

/** "1.000", "€ 1000" and "1000" are all 1000. */
function euros(value: string): string {
  const compact = value.replace(/[€\s]/g, "");
  return /^\d{1,3}(\.\d{3})+$/.test(compact) ? compact.replace(/\./g, "") : compact;
}

const integer = (value: string): number | null => (value.trim() === "" ? null : Number(value.trim()));
const text = (value: string): string | null => value.trim() || null;

/** What the API gets for these values (every field; an update sends only what changed). */
export function serviceBody(values: ServiceFormValues): Omit<ServiceCreate, "organizationId"> {
  const national = values.area === "national";
  return {
    name: values.name.trim(),
    description: values.description.trim(),
    lifeDomains: values.lifeDomains,
    ageMin: integer(values.ageMin),
    ageMax: integer(values.ageMax),
    eligibility: text(values.eligibility),
    requiresBijstand: values.requiresBijstand === "either" ? null : values.requiresBijstand === "yes",
    debtMin: integer(euros(values.debtMin)),
    debtMax: integer(euros(values.debtMax)),
    isNational: national,
    municipalityCodes: national ? [] : values.municipalityCodes,
    postcodeRanges: national ? [] : values.postcodeRanges.map((r) => ({ from: Number(r.from), to: Number(r.to) })),
    contactChannels: values.contactChannels.map((c) => {
      const value = c.value.trim();
      const note = c.note.trim();
      return { kind: c.kind, ...(value ? { value } : {}), ...(note ? { note } : {}) };
    }),
    languages: values.languages,
    cost: text(values.cost),
    openingHours: text(values.openingHours),
    warmHandover: text(values.warmHandover),
    acceptsReferrals: values.acceptsReferrals,
    responseTargetDays: Number(values.responseTargetDays.trim()),
    escalation: escalationBody(values),
    status: values.status,
  };
}

/** The ladder as the API takes it: only what differs from the default, null when nothing does. */
function escalationBody(values: ServiceFormValues): ServiceCreate["escalation"] {
  const days = (v: string) => (v.trim() === "" ? undefined : Number(v.trim()));
  const targets = {
    ...(days(values.escalationAccepted) !== undefined ? { accepted: days(values.escalationAccepted) } : {}),
    ...(days(values.escalationInContact) !== undefined ? { in_contact: days(values.escalationInContact) } : {}),
    ...values.escalationKept,
  };
  const settings = {
    ...(days(values.escalationTell) !== undefined ? { tellSenderAfterDays: days(values.escalationTell) } : {}),
    ...(values.escalationNeverExpire
      ? { expireAfterDays: null }
      : days(values.escalationExpire) !== undefined
        ? { expireAfterDays: days(values.escalationExpire) }
        : {}),
    ...(Object.keys(targets).length > 0 ? { statusTargetDays: targets } : {}),
  };
  return Object.keys(settings).length > 0 ? (settings as NonNullable<ServiceCreate["escalation"]>) : null;
}

/** Only the fields that differ from the service as loaded. */
export function serviceChanges(service: Service, values: ServiceFormValues): ServiceUpdate {
  const before = serviceBody(valuesFromService(service));
  const after = serviceBody(values);
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof typeof after)[]) {
    if (JSON.stringify(after[key]) !== JSON.stringify(before[key])) changes[key] = after[key];
  }
  return changes as ServiceUpdate;
}

/**
 * Checks the values with core's ServiceCreateSchema — the rules the API applies, cross-field ones
 * included — on the body the form would send; each message lands where the form shows that field.
 * What the form turns into a number ("twintig" for an age) fails as a number, with core's message.
 */
export function validate(values: ServiceFormValues, organizationId: string): FormErrors {
  const result = ServiceCreateSchema.safeParse({ organizationId, ...serviceBody(values) });
  const errors: FormErrors = {};
  if (result.success) return errors;
  for (const issue of result.error.issues) errors[formKey(issue.path.join("."))] ??= issue.message;
  return errors;
}

/**
 * The form's schema: its values as typed, checked with validate (core's rules). A form in
 * react-hook-form (useZodForm) shows each message at the field validate names.
 */
export function serviceFormSchema(organizationId: string) {
  return z.custom<ServiceFormValues>().superRefine((values, ctx) => {
    for (const [key, message] of Object.entries(validate(values, organizationId))) {
      ctx.addIssue({ code: "custom", path: key.split(".").map((part) => (/^\d+$/.test(part) ? Number(part) : part)), message });
    }
  });
}

/** A form's errors (react-hook-form's nested ones) by field key: `contactChannels.0.value`. */
export function flatErrors(errors: FieldErrors): FormErrors {
  const flat: FormErrors = {};
  const visit = (node: unknown, path: string) => {
    if (typeof node !== "object" || node === null) return;
    const entry = node as { message?: unknown; type?: unknown };
    if (typeof entry.message === "string" && entry.type !== undefined) {
      flat[path] = entry.message;
      return;
    }
    for (const [key, child] of Object.entries(node)) {
      if (key !== "ref" && key !== "root") visit(child, path ? `${path}.${key}` : key);
    }
  };
  for (const [key, value] of Object.entries(errors)) if (key !== "root") visit(value, key);
  return flat;
}

/** Where a field error from the API belongs in this form. */
/** Where core's messages on the ladder land in the form. */
const escalationKeys: Record<string, string> = {
  "escalation.tellSenderAfterDays": "escalationTell",
  "escalation.expireAfterDays": "escalationExpire",
  "escalation.statusTargetDays.accepted": "escalationAccepted",
  "escalation.statusTargetDays.in_contact": "escalationInContact",
};

export function formKey(field: string): string {
  const ladder = escalationKeys[field.replace(/^body\./, "")];
  if (ladder) return ladder;
  if (field.startsWith("municipalityCodes") || field === "isNational" || field === "postcodeRanges") return "area";
  if (/^postcodeRanges\.\d+$/.test(field)) return `${field}.to`;
  if (field.startsWith("lifeDomains")) return "lifeDomains";
  if (field.startsWith("languages")) return "languages";
  if (/^contactChannels\.\d+$/.test(field)) return `${field}.kind`;
  return field;
}

/** Broken business rules (422, checked by the API against the stored service) and their field. */
const ruleFields: Record<ServiceRuleProblem["code"], ServiceRuleProblem["field"]> = {
  "invalid-age-range": "ageMax",
  "invalid-debt-range": "debtMax",
  "no-area": "municipalityCodes",
};

/** The API's answer as errors at the fields; null when it is about the form as a whole. */
export function errorsFromProblem(problem: Problem): FormErrors | null {
  if (problem.status === 422) {
    const field = Object.entries(ruleFields).find(([slug]) => isProblemType(problem, slug))?.[1];
    return field ? { [formKey(field)]: problem.detail } : null;
  }
  const byField = fieldErrors(problem);
  if (Object.keys(byField).length === 0) return null;
  const errors: FormErrors = {};
  for (const [field, reason] of Object.entries(byField)) errors[formKey(field)] ??= reason;
  return errors;
}
