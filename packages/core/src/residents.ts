/** What a sending organization records about a resident (DESIGN.md "Residents"). */
import { z } from "zod";
import { preferredChannels } from "./contact";
import {
  dateOutOfRangeMessage,
  EmailSchema,
  isYearInRange,
  LanguageCodeSchema,
  textUpTo,
  UuidSchema,
  withoutControlCharacters,
} from "./fields";

export const BIRTH_YEAR_MIN = 1900;

/** A Dutch postcode: four digits and two letters, with or without the space. */
export const POSTCODE_PATTERN = /^\d{4}\s?[A-Za-z]{2}$/;

/**
 * The resident's own details. Optional fields are null when not known; a form may leave them
 * empty. Use {@link ResidentDetailsSchema} to check a form, which adds the rules across fields.
 */
export const ResidentFieldsSchema = z.object({
  name: withoutControlCharacters(
    z.string({ error: "Vul de naam in." }).trim().min(1, "Vul de naam in.").max(200, "Een naam heeft hoogstens 200 tekens."),
  ),
  birthDate: z.iso
    .date({ error: "Gebruik een datum als 2003-05-14." })
    .refine(isYearInRange, dateOutOfRangeMessage)
    .nullable()
    .default(null),
  birthYear: z
    .number({ error: "Vul een jaartal in, zoals 2003." })
    .int("Vul een jaartal in, zoals 2003.")
    .min(BIRTH_YEAR_MIN, `Vul een geboortejaar vanaf ${BIRTH_YEAR_MIN} in.`)
    .max(new Date().getUTCFullYear(), "Een geboortejaar ligt niet in de toekomst.")
    .nullable()
    .default(null),
  address: textUpTo(300).nullable().default(null),
  postcode: z.string().trim().regex(POSTCODE_PATTERN, "Vul een postcode in zoals 6811 AB.").nullable().default(null),
  phone: textUpTo(40).nullable().default(null),
  email: EmailSchema.nullable().default(null),
  preferredChannel: z.enum(preferredChannels, { error: "Kies hoe de inwoner bereikt wil worden." }).nullable().default(null),
  language: LanguageCodeSchema.default("nl"),
});

/** A birth date or a birth year, not both: the year is there for when the date is not needed. */
function oneBirthField(r: { birthDate: string | null; birthYear: number | null }, ctx: z.RefinementCtx) {
  if (r.birthDate && r.birthYear) {
    ctx.addIssue({ code: "custom", path: ["birthYear"], message: "Geef een geboortedatum óf een geboortejaar, niet allebei." });
  }
}

/** The resident's details with the rules across fields: what a form checks. */
export const ResidentDetailsSchema = ResidentFieldsSchema.superRefine(oneBirthField);

/** Recording a resident: the details, for the sending organization (yours). */
export const ResidentCreateSchema = ResidentFieldsSchema.extend({ organizationId: UuidSchema }).superRefine(oneBirthField);
export type ResidentCreate = z.infer<typeof ResidentCreateSchema>;

/**
 * An admin's complete inzage export (AVG art. 15: everything the organization holds about the
 * resident, as controller) needs a recorded reason: it goes in the access log with the export.
 */
export const CompleteResidentExportSchema = z.object({
  reason: withoutControlCharacters(
    z
      .string({
        error: "Schrijf waarom je de volledige inzage maakt, bijvoorbeeld: inzageverzoek van de inwoner van 3 december.",
      })
      .trim()
      .min(5, "Schrijf waarom je de volledige inzage maakt (minstens 5 tekens).")
      .max(300, "Schrijf de reden in hoogstens 300 tekens."),
  ),
});
export type CompleteResidentExport = z.infer<typeof CompleteResidentExportSchema>;
