import { DEFAULT_RESPONSE_TARGET_DAYS, type LifeDomain, type ServiceStatus } from "@schakel/core";
import type { ContactChannelKind, Problem, Service, ServiceCreate, ServiceUpdate } from "../../lib/api";
import { fieldErrors, isProblemType } from "../../lib/api";
import { contactHref, contactValueRequired, webAddress } from "../../lib/services";

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
  status: ServiceStatus;
}

/** Error messages by field: `name`, `area`, `contactChannels.0.value`, `postcodeRanges.1.to`… */
export type FormErrors = Record<string, string>;

/** The longest text the API accepts per field. */
export const MAX_LENGTH = {
  name: 200,
  description: 4000,
  eligibility: 2000,
  cost: 300,
  openingHours: 500,
  warmHandover: 2000,
  contactValue: 300,
  contactNote: 300,
} as const;

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
    status: values.status,
  };
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

const valueMissing: Partial<Record<ContactChannelKind, string>> = {
  telefoon: "Vul het telefoonnummer in.",
  whatsapp: "Vul het WhatsApp-nummer in.",
  email: "Vul het e-mailadres in.",
  website: "Vul het webadres in.",
};

/**
 * The checks that need one field only, as the API makes them. Rules that compare two fields (a
 * maximum below a minimum) are left to the API, which reports them at the field as well.
 */
export function validate(values: ServiceFormValues): FormErrors {
  const errors: FormErrors = {};
  const tooLong = (field: keyof typeof MAX_LENGTH, value: string, key: string = field) => {
    if (value.trim().length > MAX_LENGTH[field]) errors[key] = `Gebruik hoogstens ${MAX_LENGTH[field]} tekens.`;
  };

  if (values.name.trim().length < 3) errors.name = "Geef de dienst een naam van minstens 3 tekens.";
  else tooLong("name", values.name);
  if (values.description.trim().length < 10) errors.description = "Beschrijf de dienst in minstens 10 tekens.";
  else tooLong("description", values.description);
  if (values.lifeDomains.length === 0) errors.lifeDomains = "Kies minstens één leefgebied.";

  for (const field of ["ageMin", "ageMax"] as const) {
    const age = values[field].trim();
    if (age && (!/^\d{1,3}$/.test(age) || Number(age) > 120)) {
      errors[field] = "Vul een leeftijd in van 0 tot en met 120 jaar, of laat het veld leeg.";
    }
  }
  tooLong("eligibility", values.eligibility);
  for (const field of ["debtMin", "debtMax"] as const) {
    const amount = euros(values[field]);
    if (amount && !/^\d{1,9}$/.test(amount))
      errors[field] = "Vul een bedrag in hele euro's in, zoals 1000, of laat het veld leeg.";
  }

  if (values.area === "local") {
    if (values.municipalityCodes.length === 0 && values.postcodeRanges.length === 0) {
      errors.area = "Kies minstens één gemeente of voeg een postcodegebied toe. Werkt de dienst overal? Kies dan landelijk.";
    }
    values.postcodeRanges.forEach((range, i) => {
      for (const end of ["from", "to"] as const) {
        const postcode = range[end].trim();
        if (!/^\d{4}$/.test(postcode) || Number(postcode) < 1000) {
          errors[`postcodeRanges.${i}.${end}`] = "Vul de vier cijfers van een postcode in, zoals 6811.";
        }
      }
    });
  }

  values.contactChannels.forEach((channel, i) => {
    const key = `contactChannels.${i}`;
    const value = channel.value.trim();
    if (!value) {
      const missing = valueMissing[channel.kind];
      if (missing && contactValueRequired.includes(channel.kind)) errors[`${key}.value`] = missing;
    } else if (value.length > MAX_LENGTH.contactValue) {
      errors[`${key}.value`] = `Gebruik hoogstens ${MAX_LENGTH.contactValue} tekens.`;
    } else if (channel.kind === "email" && !contactHref({ kind: "email", value })) {
      errors[`${key}.value`] = "Vul een geldig e-mailadres in, zoals info@organisatie.nl.";
    } else if (channel.kind === "website" && !webAddress(value)) {
      errors[`${key}.value`] = "Vul een webadres in, zoals www.organisatie.nl.";
    } else if ((channel.kind === "telefoon" || channel.kind === "whatsapp") && !contactHref({ kind: channel.kind, value })) {
      errors[`${key}.value`] = "Vul een telefoonnummer in, zoals 026 123 45 67 of 06 12345678.";
    }
    tooLong("contactNote", channel.note, `${key}.note`);
  });

  if (values.languages.length === 0) errors.languages = "Kies minstens één taal.";
  tooLong("cost", values.cost);
  tooLong("openingHours", values.openingHours);
  tooLong("warmHandover", values.warmHandover);

  const days = values.responseTargetDays.trim();
  if (!/^\d{1,2}$/.test(days) || Number(days) < 1 || Number(days) > 60) {
    errors.responseTargetDays = "Vul een aantal werkdagen in van 1 tot en met 60.";
  }
  return errors;
}

/** Where a field error from the API belongs in this form. */
function formKey(field: string): string {
  if (field.startsWith("municipalityCodes") || field === "isNational" || field === "postcodeRanges") return "area";
  if (/^postcodeRanges\.\d+$/.test(field)) return `${field}.to`;
  if (field.startsWith("lifeDomains")) return "lifeDomains";
  if (field.startsWith("languages")) return "languages";
  if (/^contactChannels\.\d+$/.test(field)) return `${field}.kind`;
  return field;
}

/** Broken business rules (422) that belong to one field. */
const ruleFields: Record<string, string> = {
  "invalid-age-range": "ageMax",
  "invalid-debt-range": "debtMax",
  "no-area": "area",
};

/** The API's answer as errors at the fields; null when it is about the form as a whole. */
export function errorsFromProblem(problem: Problem): FormErrors | null {
  if (problem.status === 422) {
    const field = Object.entries(ruleFields).find(([slug]) => isProblemType(problem, slug))?.[1];
    return field ? { [field]: problem.detail } : null;
  }
  const byField = fieldErrors(problem);
  if (Object.keys(byField).length === 0) return null;
  const errors: FormErrors = {};
  for (const [field, reason] of Object.entries(byField)) errors[formKey(field)] ??= reason;
  return errors;
}
