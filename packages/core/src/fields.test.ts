import { describe, expect, test } from "vitest";
import type { z } from "zod";
import {
  EmailSchema,
  LanguageCodeSchema,
  maxLengthOf,
  PersonNameSchema,
  textUpTo,
  UtcDateTimeSchema,
  UuidSchema,
} from "./fields";
import { ResidentFieldsSchema } from "./residents";
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

  test("a field's longest text is read from its schema, through its wrappers", () => {
    expect(maxLengthOf(ResidentFieldsSchema.shape.name)).toBe(200);
    expect(maxLengthOf(ResidentFieldsSchema.shape.address)).toBe(300);
    expect(maxLengthOf(ResidentFieldsSchema.shape.email)).toBe(254);
    expect(maxLengthOf(serviceFields.description.optional())).toBe(4000);
    expect(maxLengthOf(ResidentFieldsSchema.shape.birthYear)).toBeUndefined();
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
