import { describe, expect, test } from "vitest";
import type { z } from "zod";
import { LoginSchema } from "./accounts";
import {
  ContactAttemptCreateSchema,
  DriegesprekConfirmationSchema,
  DriegesprekOutcomeSchema,
  DriegesprekProposalSchema,
  ReferralMessageCreateSchema,
} from "./referral-activity";

function issues(schema: z.ZodType, input: unknown): Record<string, string> {
  const result = schema.safeParse(input);
  return Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));
}

describe("ReferralMessageCreateSchema", () => {
  test("a message of 1 to 2000 characters, trimmed", () => {
    expect(ReferralMessageCreateSchema.parse({ text: " Lukt het jou? " })).toEqual({ text: "Lukt het jou?" });
    expect(issues(ReferralMessageCreateSchema, { text: "   " })).toEqual({ text: "Schrijf een bericht." });
    expect(issues(ReferralMessageCreateSchema, { text: "x".repeat(2001) })).toEqual({
      text: "Een bericht is hooguit 2000 tekens.",
    });
  });
});

describe("ContactAttemptCreateSchema", () => {
  test("how and with what result; a note and the moment may be left out", () => {
    expect(issues(ContactAttemptCreateSchema, { channel: "phone", result: "no_answer" })).toEqual({});
    expect(
      issues(ContactAttemptCreateSchema, {
        channel: "phone",
        result: "no_answer",
        note: "Voicemail",
        at: "2026-11-23T09:30:00Z",
      }),
    ).toEqual({});
    expect(issues(ContactAttemptCreateSchema, { channel: "duif", result: "no_answer" })).toEqual({
      channel: "Kies hoe je de inwoner probeerde te bereiken.",
    });
    expect(issues(ContactAttemptCreateSchema, { channel: "phone", result: "?" })).toEqual({
      result: "Kies wat de poging opleverde.",
    });
    expect(issues(ContactAttemptCreateSchema, { channel: "phone", result: "no_answer", at: "gisteren" })).toEqual({
      at: "Gebruik een tijdstip als 2027-05-23T00:00:00Z.",
    });
    expect(issues(ContactAttemptCreateSchema, { channel: "phone", result: "no_answer", note: "x".repeat(1001) })).toEqual({
      note: "Gebruik hoogstens 1000 tekens.",
    });
  });
});

describe("driegesprek", () => {
  test("one to five moments are proposed", () => {
    const moments = (n: number) => Array.from({ length: n }, (_, i) => `2026-11-2${i}T10:00:00Z`);
    expect(issues(DriegesprekProposalSchema, { moments: moments(1) })).toEqual({});
    expect(issues(DriegesprekProposalSchema, { moments: moments(5) })).toEqual({});
    expect(issues(DriegesprekProposalSchema, { moments: [] })).toEqual({ moments: "Stel minstens één moment voor." });
    expect(issues(DriegesprekProposalSchema, { moments: moments(6) })).toEqual({ moments: "Stel hooguit 5 momenten voor." });
  });

  test("a confirmation needs a place or a video link, either will do", () => {
    const at = "2026-11-26T10:00:00Z";
    expect(issues(DriegesprekConfirmationSchema, { at })).toEqual({ place: "Geef een plaats of een videolink." });
    expect(issues(DriegesprekConfirmationSchema, { at, place: "Wijkcentrum De Linde" })).toEqual({});
    expect(issues(DriegesprekConfirmationSchema, { at, videoLink: "https://video.example/42" })).toEqual({});
    expect(issues(DriegesprekConfirmationSchema, { at, place: "Thuis", videoLink: "http://video.example/42" })).toEqual({
      videoLink: "Geef een https-link naar de videoverbinding.",
    });
    expect(issues(DriegesprekConfirmationSchema, { at, place: "x".repeat(201) })).toEqual({
      place: "Gebruik hoogstens 200 tekens.",
    });
  });

  test("afterwards: held or not, with a note", () => {
    expect(issues(DriegesprekOutcomeSchema, { held: true, note: "Goed gesprek" })).toEqual({});
    expect(issues(DriegesprekOutcomeSchema, { held: "ja" })).toEqual({ held: "Geef aan of het driegesprek is doorgegaan." });
  });
});

describe("LoginSchema", () => {
  test("an e-mail address and a password", () => {
    expect(LoginSchema.parse({ email: " Sanne@Example.org ", password: "x" })).toEqual({
      email: "Sanne@Example.org",
      password: "x",
    });
    expect(issues(LoginSchema, { email: "sanne", password: "" })).toEqual({
      email: "Vul een geldig e-mailadres in.",
      password: "Vul je wachtwoord in.",
    });
  });
});
