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

/** Free text of at most `max` characters, trimmed. */
export const textUpTo = (max: number) => z.string().trim().max(max, tooLongMessage(max));

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

/** A moment as RFC 3339 in UTC, like every date in the API. */
export const UtcDateTimeSchema = z.iso.datetime({ error: "Gebruik een tijdstip als 2027-05-23T00:00:00Z." });

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
