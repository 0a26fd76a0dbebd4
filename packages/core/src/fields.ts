/**
 * Field rules that several inputs share: ids, e-mail addresses, language codes, free text.
 * Plain zod, so the API (which adds OpenAPI metadata) and the web app (through the form
 * resolver) check the same thing with the same Dutch message.
 */
import { z } from "zod";

export const UuidSchema = z.uuid({ error: "Dit is geen geldige id." });

export const EMAIL_MAX_LENGTH = 254;

/** An e-mail address; surrounding spaces (pasted addresses) are ignored. */
export const EmailSchema = z
  .string({ error: "Vul een e-mailadres in." })
  .trim()
  .pipe(
    z
      .email({ error: "Vul een geldig e-mailadres in." })
      .max(EMAIL_MAX_LENGTH, `Een e-mailadres heeft hoogstens ${EMAIL_MAX_LENGTH} tekens.`),
  );

/** A language as its ISO 639-1 (or 639-2) code: nl, en, tr. */
export const LanguageCodeSchema = z.string().regex(/^[a-z]{2,3}$/, "Gebruik een taalcode zoals nl, en of tr.");

export const tooLongMessage = (max: number) => `Gebruik hoogstens ${max} tekens.`;

/** Control characters (Unicode Cc: C0, DEL, C1): invisible, and NUL is one PostgreSQL text cannot even hold. */
const CONTROL_CHARACTER = /\p{Cc}/u;
/** The same, less the line breaks and tab that text typed in a multi-line box holds. */
const CONTROL_CHARACTER_BUT_LINES = /(?![\t\n\r])\p{Cc}/u;
export const controlCharacterMessage = "Gebruik geen onzichtbare tekens, zoals een nul-teken.";
export const lineBreakMessage = "Gebruik één regel, zonder regeleinde, tab of onzichtbare tekens.";

/**
 * `schema` refusing control characters; a multi-line field (a note, a message, a description)
 * keeps line breaks (\n, \r) and tabs. Every text the API takes goes through this or through
 * {@link textUpTo}, so a NUL byte or an escape sequence never reaches the database or a mail.
 */
export function withoutControlCharacters<T extends z.ZodString>(schema: T, options: { multiline?: boolean } = {}): T {
  const pattern = options.multiline ? CONTROL_CHARACTER_BUT_LINES : CONTROL_CHARACTER;
  const message = options.multiline ? controlCharacterMessage : lineBreakMessage;
  // refine rather than regex: the OpenAPI document stays readable, and the check is the same everywhere.
  return schema.refine((text) => !pattern.test(text), message) as T;
}

/** Free text of at most `max` characters, trimmed, without control characters (line breaks only when `multiline`). */
export const textUpTo = (max: number, options: { multiline?: boolean } = {}) =>
  withoutControlCharacters(z.string().trim().max(max, tooLongMessage(max)), options);

export const PERSON_NAME_MAX_LENGTH = 200;

/** Characters a person's name may hold: letters (any script) and their marks, digits, spaces and . , ' ’ - ( ). */
const NAME_CHARACTERS = /^[\p{L}\p{M}\p{N} .,'’()-]*$/u;
/** A web address without its scheme: www.…, or a word, a dot and a word as in evil.example. */
const LOOKS_LIKE_ADDRESS = /(^|[^\p{L}])www\.|\p{L}\.\p{L}{2,}(?=$|[\s.,)])/iu;

/**
 * A person's name as someone else types it — it goes verbatim into an official e-mail ("Hallo …"):
 * one line, no control characters, no web address (no scheme, slash or @ gets past the character
 * rule; a bare "www." or "evil.example" is refused as well), so an invitation cannot carry a
 * phishing text or link of the inviter's making (issue 9, item 12).
 */
export const PersonNameSchema = z
  .string({ error: "Vul een naam in." })
  .trim()
  .min(1, "Vul een naam in.")
  .max(PERSON_NAME_MAX_LENGTH, tooLongMessage(PERSON_NAME_MAX_LENGTH))
  // refine rather than regex: a \p{…} pattern would go into the OpenAPI document, which JSON Schema cannot read.
  .refine((name) => NAME_CHARACTERS.test(name), "Gebruik in een naam alleen letters, cijfers, spaties en . , ' - ( ).")
  .refine((name) => !LOOKS_LIKE_ADDRESS.test(name), "Een naam mag geen webadres bevatten.");

/**
 * The years a date in Schakel can fall in. Wider than any birth date, deadline or filter needs,
 * and well inside what PostgreSQL's date and timestamptz take (which have no year 0000).
 */
export const EARLIEST_YEAR = 1900;
export const LATEST_YEAR = 2999;
export const dateOutOfRangeMessage = `Gebruik een datum tussen ${EARLIEST_YEAR} en ${LATEST_YEAR}.`;

/**
 * Whether an RFC 3339 date or moment (YYYY-MM-DD…) falls in EARLIEST_YEAR…LATEST_YEAR. Text that
 * does not start with a year passes: the format check beside this one reports it, once.
 */
export function isYearInRange(text: string): boolean {
  const year = /^(\d{4})-/.exec(text)?.[1];
  return year === undefined || (Number(year) >= EARLIEST_YEAR && Number(year) <= LATEST_YEAR);
}

/** A moment as RFC 3339 in UTC, like every date in the API, between 1900 and 2999. */
export const UtcDateTimeSchema = z.iso
  .datetime({ error: "Gebruik een tijdstip als 2027-05-23T00:00:00Z." })
  .refine(isYearInRange, dateOutOfRangeMessage);

/**
 * The longest text a field's schema accepts, through optional, nullable, default and pipe — for
 * a form's `maxLength` attribute, so the number is never typed twice. Undefined when unlimited.
 */
export function maxLengthOf(schema: z.ZodType): number | undefined {
  const def = schema._zod.def as { innerType?: z.ZodType; in?: z.ZodType; out?: z.ZodType };
  if (def.innerType) return maxLengthOf(def.innerType);
  if (def.in && def.out) return maxLengthOf(def.out) ?? maxLengthOf(def.in);
  const max = (schema as { maxLength?: number | null }).maxLength;
  return typeof max === "number" ? max : undefined;
}
