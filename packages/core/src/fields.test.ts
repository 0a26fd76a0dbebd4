import { describe, expect, test } from "vitest";
import type { z } from "zod";
import { ConsentCreateSchema, ConsentWithdrawalSchema } from "./consent";
import {
  controlCharacterMessage,
  dateOutOfRangeMessage,
  EmailSchema,
  LanguageCodeSchema,
  lineBreakMessage,
  maxLengthOf,
  PersonNameSchema,
  textUpTo,
  UtcDateTimeSchema,
  UuidSchema,
} from "./fields";
import { CalendarDaySchema, ClosingDayCreateSchema } from "./organizations";
import { ContactAttemptCreateSchema, ReferralMessageCreateSchema } from "./referral-activity";
import { ReferralCreateSchema } from "./referral-create";
import { CompleteResidentExportSchema, ResidentFieldsSchema } from "./residents";
import { serviceFields } from "./services";

const message = (schema: z.ZodType, input: unknown) => schema.safeParse(input).error?.issues[0]?.message;

describe("shared fields", () => {
  test("an e-mail address loses surrounding spaces and must be an address", () => {
    expect(EmailSchema.parse("  sanne@opr-echt.example ")).toBe("sanne@opr-echt.example");
    expect(message(EmailSchema, "sanne@")).toBe("Vul een geldig e-mailadres in.");
    expect(message(EmailSchema, `${"a".repeat(250)}@x.nl`)).toBe("Een e-mailadres heeft hoogstens 254 tekens.");
    expect(message(EmailSchema, undefined)).toBe("Vul een e-mailadres in.");
  });

  test("ids are uuids", () => {
    expect(UuidSchema.safeParse("3f2b8c1e-6d7a-4b5c-9e0f-1a2b3c4d5e6f").success).toBe(true);
    expect(message(UuidSchema, "123")).toBe("Dit is geen geldige id.");
  });

  test("a language is a two- or three-letter lower-case code", () => {
    for (const code of ["nl", "en", "pap"]) expect(LanguageCodeSchema.safeParse(code).success).toBe(true);
    for (const code of ["NL", "n", "nederlands", "n1"]) {
      expect(message(LanguageCodeSchema, code)).toBe("Gebruik een taalcode zoals nl, en of tr.");
    }
  });

  test("free text is trimmed and counted after trimming", () => {
    const schema = textUpTo(5);
    expect(schema.parse("  abcde  ")).toBe("abcde");
    expect(message(schema, "abcdef")).toBe("Gebruik hoogstens 5 tekens.");
  });

  test("moments are RFC 3339 in UTC", () => {
    expect(UtcDateTimeSchema.safeParse("2027-05-23T00:00:00Z").success).toBe(true);
    for (const moment of ["2027-05-23", "2027-05-23T00:00:00+02:00", "morgen"]) {
      expect(message(UtcDateTimeSchema, moment)).toBe("Gebruik een tijdstip als 2027-05-23T00:00:00Z.");
    }
  });

  test("moments and days fall between 1900 and 2999 (PostgreSQL has no year 0000)", () => {
    for (const moment of ["0000-01-01T00:00:00Z", "1899-12-31T23:59:59Z", "3000-01-01T00:00:00Z", "9999-12-31T23:59:59Z"]) {
      expect(message(UtcDateTimeSchema, moment)).toBe(dateOutOfRangeMessage);
    }
    for (const day of ["0000-01-01", "9999-12-31"]) {
      expect(message(CalendarDaySchema, day)).toBe(dateOutOfRangeMessage);
      expect(message(ResidentFieldsSchema.shape.birthDate, day)).toBe(dateOutOfRangeMessage);
    }
    expect(UtcDateTimeSchema.safeParse("1900-01-01T00:00:00Z").success).toBe(true);
    expect(UtcDateTimeSchema.safeParse("2999-12-31T23:59:59Z").success).toBe(true);
    expect(CalendarDaySchema.safeParse("2027-12-24").success).toBe(true);
    // An impossible day is refused by its format already.
    expect(CalendarDaySchema.safeParse("2025-02-30").success).toBe(false);
  });

  test("a field's longest text is read from its schema, through its wrappers", () => {
    expect(maxLengthOf(ResidentFieldsSchema.shape.name)).toBe(200);
    expect(maxLengthOf(ResidentFieldsSchema.shape.address)).toBe(300);
    expect(maxLengthOf(ResidentFieldsSchema.shape.email)).toBe(254);
    expect(maxLengthOf(serviceFields.description.optional())).toBe(4000);
    expect(maxLengthOf(ResidentFieldsSchema.shape.birthYear)).toBeUndefined();
  });
});

describe("control characters in text (a NUL byte is a 500 from PostgreSQL otherwise)", () => {
  // Inside the text: trimming would take a leading or trailing vertical tab, form feed or NEL away.
  const control = ["\u0000", "a\u0000b", "a\u0007b", "\u001b[31m", "a\u007fb", "a\u0085b", "a\u000bb", "a\u000cb"];

  test("one-line text refuses every control character, line breaks and tabs included", () => {
    const schema = textUpTo(50);
    for (const text of [...control, "regel\nregel", "a\rb", "a\tb"]) expect(message(schema, text)).toBe(lineBreakMessage);
    expect(schema.parse("Kerstavond (cao) – 24 déc.")).toBe("Kerstavond (cao) – 24 déc.");
  });

  test("multi-line text keeps line breaks and tabs, and refuses the other control characters", () => {
    const schema = textUpTo(50, { multiline: true });
    expect(schema.parse("regel een\r\nregel\ttwee")).toBe("regel een\r\nregel\ttwee");
    for (const text of control) expect(message(schema, text)).toBe(controlCharacterMessage);
  });

  const nul = "Jansen\u0000";
  const referral = {
    residentId: "3f2b8c1e-6d7a-4b5c-9e0f-1a2b3c4d5e6f",
    serviceId: "3f2b8c1e-6d7a-4b5c-9e0f-1a2b3c4d5e6f",
    lawfulBasis: "consent",
    consentId: "3f2b8c1e-6d7a-4b5c-9e0f-1a2b3c4d5e6f",
    dataCategories: ["contact"],
    request: "Sam wil hulp bij zijn schulden.",
  };
  test.each<[string, z.ZodType, Record<string, unknown>]>([
    ["a resident's name", ResidentFieldsSchema, { name: nul }],
    ["a resident's address", ResidentFieldsSchema, { name: "Sam", address: nul }],
    ["a resident's phone", ResidentFieldsSchema, { name: "Sam", phone: nul }],
    ["a service's name", serviceFields.name, { value: nul }],
    ["a service's description", serviceFields.description, { value: `Hulp bij schulden ${nul}` }],
    ["a service's opening hours", serviceFields.openingHours, { value: nul }],
    ["a consent's purpose", ConsentCreateSchema.shape.purpose, { value: `Aanmelding ${nul}` }],
    ["a withdrawal's reason", ConsentWithdrawalSchema, { reason: nul }],
    ["a referral's request", ReferralCreateSchema, { ...referral, request: `Sam wil hulp ${nul}` }],
    ["a referral's category note", ReferralCreateSchema, { ...referral, categoryNotes: { debts: nul } }],
    ["a message", ReferralMessageCreateSchema, { text: nul }],
    ["a closing day's label", ClosingDayCreateSchema, { day: "2027-12-24", label: nul }],
    ["a complete export's reason", CompleteResidentExportSchema, { reason: `Inzage ${nul}` }],
  ])("%s refuses a NUL byte", (_what, schema, input) => {
    const parsed = schema.safeParse("value" in input ? input.value : input);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(/onzichtbare tekens/)]),
    );
  });

  test("a contact attempt's note keeps its line breaks", () => {
    expect(ContactAttemptCreateSchema.safeParse({ channel: "phone", result: "no_answer", note: "regel\nregel" }).success).toBe(
      true,
    );
  });
});

describe("a person's name as another person types it (it goes into an official e-mail)", () => {
  test.each(["Sanne de Vries", "Jan-Willem van 't Hof", "Zeynep Yıldız", "J.R. Tolkien", "Nguyễn Văn An", "O’Brien (intake)"])(
    "%s is a name",
    (name) => {
      expect(PersonNameSchema.parse(`  ${name} `)).toBe(name);
    },
  );

  test.each([
    ["a newline", "Sanne\n\nUw account is geblokkeerd, log in via"],
    ["a carriage return", "Sanne\rBcc: x"],
    ["a tab", "Sanne\tde Vries"],
    ["NUL", "Sanne\u0000"],
    ["a URL", "https://evil.example/login"],
    ["a bare web address", "Sanne, ga naar evil.example"],
    ["www", "www.evil"],
    ["an e-mail address", "sanne@evil.example"],
    ["markup", "<b>Sanne</b>"],
  ])("%s is refused", (_what, name) => {
    expect(PersonNameSchema.safeParse(name).success).toBe(false);
  });

  test("the messages are plain Dutch", () => {
    expect(PersonNameSchema.safeParse("Sanne\nx").error?.issues[0]?.message).toMatch(/alleen letters/);
    expect(PersonNameSchema.safeParse("ga naar evil.example").error?.issues[0]?.message).toBe(
      "Een naam mag geen webadres bevatten.",
    );
    expect(PersonNameSchema.safeParse("").error?.issues[0]?.message).toBe("Vul een naam in.");
  });
});
