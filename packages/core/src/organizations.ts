import { z } from "zod";
import { dateOutOfRangeMessage, EmailSchema, isYearInRange, PersonNameSchema, textUpTo } from "./fields";
import { MunicipalityCodeSchema } from "./services";
import { amsterdamDate } from "./working-days";

/** Kinds of organization in the network, as the demo network and the field name them. */
export const organizationKinds = [
  "gemeente",
  "wijkteam",
  "schuldhulpverlening",
  "fonds",
  "welzijn",
  "vrijwilligers",
  "voedselhulp",
  "zorgverzekeraar",
  "uitvoeringsorganisatie",
  "overig",
] as const;
export type OrganizationKind = (typeof organizationKinds)[number];

export const organizationKindLabels: Record<OrganizationKind, string> = {
  gemeente: "Gemeente",
  wijkteam: "Wijkteam",
  schuldhulpverlening: "Schuldhulpverlening",
  fonds: "Fonds",
  welzijn: "Welzijn",
  vrijwilligers: "Vrijwilligers",
  voedselhulp: "Voedselhulp",
  zorgverzekeraar: "Zorgverzekeraar",
  uitvoeringsorganisatie: "Uitvoeringsorganisatie",
  overig: "Overig",
};

/**
 * The intake address: a shared mailbox where new referrals nobody has picked up yet are mailed
 * (without one, the organization's workers are told). Null clears it.
 */
export const OrganizationSettingsUpdateSchema = z.object({
  intakeEmail: EmailSchema.nullable(),
  /** Workers must sign in with a second factor too (admins and coordinators always must). */
  requireWorkerSecondFactor: z.boolean({ error: "Kies aan of uit." }).optional(),
});
export type OrganizationSettingsUpdate = z.infer<typeof OrganizationSettingsUpdateSchema>;

/** The same in a form, where an empty box means "no intake address". */
export const OrganizationSettingsFormSchema = z.object({
  intakeEmail: z.union([z.literal(""), EmailSchema]),
  requireWorkerSecondFactor: z.boolean().optional(),
});

/** The form's values as the API takes them: empty is none. */
export const organizationSettingsFromForm = (
  values: z.infer<typeof OrganizationSettingsFormSchema>,
): OrganizationSettingsUpdate => ({
  intakeEmail: values.intakeEmail === "" ? null : values.intakeEmail,
  requireWorkerSecondFactor: values.requireWorkerSecondFactor,
});

export const CLOSING_DAY_LABEL_MAX_LENGTH = 80;

/** A calendar day in Europe/Amsterdam, as YYYY-MM-DD. */
export const CalendarDaySchema = z.iso
  .date({ error: "Vul een datum in, bijvoorbeeld 2027-05-23." })
  .refine(isYearInRange, dateOutOfRangeMessage);

/** A day an organization is closed besides the public holidays, with what it is (a cao day, a team day). */
export const ClosingDayCreateSchema = z.object({
  day: CalendarDaySchema,
  label: textUpTo(CLOSING_DAY_LABEL_MAX_LENGTH).min(1, "Schrijf erbij wat voor dag het is."),
});
export type ClosingDayCreate = z.infer<typeof ClosingDayCreateSchema>;

/**
 * A closing day lies before today (in Amsterdam): it may stay on the list, but cannot be added —
 * referrals already counted past it.
 */
export function isPastDay(day: string, now: Date): boolean {
  return day < amsterdamDate(now).toISOString().slice(0, 10);
}

export const PAST_CLOSING_DAY_MESSAGE = "Deze dag is al voorbij. Voeg alleen vandaag of een dag in de toekomst toe.";

export const ORGANIZATION_NAME_MAX_LENGTH = 200;

/** An organization's name: one line (it goes into the subject of invitation mails; textUpTo refuses line breaks). */
export const OrganizationNameSchema = textUpTo(ORGANIZATION_NAME_MAX_LENGTH).min(1, "Vul de naam van de organisatie in.");

/**
 * A network admin adds an organization to the network and names its first admin, who gets a
 * one-time invitation link (ADR 0019). Where it works: municipalities, or nationwide.
 */
export const OrganizationCreateSchema = z
  .object({
    name: OrganizationNameSchema,
    kind: z.enum(organizationKinds, { error: "Kies wat voor organisatie het is." }),
    municipalityCodes: z.array(MunicipalityCodeSchema).max(400, "Kies hoogstens 400 gemeenten."),
    isNational: z.boolean({ error: "Geef aan of de organisatie landelijk werkt." }),
    admin: z.object({ name: PersonNameSchema, email: EmailSchema }),
  })
  .refine((o) => o.isNational || o.municipalityCodes.length > 0, {
    path: ["municipalityCodes"],
    message: "Kies minstens één gemeente, of geef aan dat de organisatie landelijk werkt.",
  });
export type OrganizationCreate = z.infer<typeof OrganizationCreateSchema>;

/** A readable, stable key from a name: "Gemeente 's-Hertogenbosch" → "gemeente-s-hertogenbosch". */
export function slugFromName(name: string): string {
  return (
    name
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 40)
      .replace(/-+$/, "") || "organisatie"
  );
}
