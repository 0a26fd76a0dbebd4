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

/** A moment as RFC 3339 in UTC, like every date in the API. */
export const UtcDateTimeSchema = z.iso.datetime({ error: "Gebruik een tijdstip als 2027-05-23T00:00:00Z." });
