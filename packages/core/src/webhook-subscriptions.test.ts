import { describe, expect, test } from "vitest";
import {
  previousSecretExpiresAt,
  WebhookSubscriptionCreateSchema,
  WebhookSubscriptionUpdateSchema,
  webhookSubscriptionState,
} from "./webhook-subscriptions";

const issues = (
  schema: { safeParse: (v: unknown) => { error?: { issues: { path: PropertyKey[]; message: string }[] } } },
  input: unknown,
) => Object.fromEntries((schema.safeParse(input).error?.issues ?? []).map((i) => [i.path.join("."), i.message]));

const valid = {
  organizationId: "3f2b8c1e-6d7a-4b5c-9e0f-1a2b3c4d5e6f",
  description: " Zaaksysteem ",
  url: "https://zaak.plangroep.example/hooks",
  eventTypes: ["nl.schakel.referral.created"],
};

describe("WebhookSubscriptionCreateSchema", () => {
  test("a name, an address and at least one known event type; the name loses its spaces", () => {
    expect(WebhookSubscriptionCreateSchema.parse(valid)).toEqual({ ...valid, description: "Zaaksysteem" });
  });

  test("each rule, with its Dutch message at the field", () => {
    expect(issues(WebhookSubscriptionCreateSchema, { ...valid, description: "  " })).toEqual({
      description: "Geef de webhook een korte naam.",
    });
    expect(issues(WebhookSubscriptionCreateSchema, { ...valid, url: "zaak.plangroep.example" })).toEqual({
      url: "Dit is geen geldig webadres.",
    });
    expect(issues(WebhookSubscriptionCreateSchema, { ...valid, eventTypes: [] })).toEqual({
      eventTypes: "Kies minstens één gebeurtenis.",
    });
    expect(issues(WebhookSubscriptionCreateSchema, { ...valid, eventTypes: ["nl.schakel.iets"] })).toEqual({
      "eventTypes.0": "Dit soort gebeurtenis bestaat niet.",
    });
    expect(
      issues(WebhookSubscriptionCreateSchema, {
        ...valid,
        eventTypes: ["nl.schakel.referral.created", "nl.schakel.referral.created"],
      }),
    ).toEqual({ eventTypes: "Kies elke gebeurtenis hoogstens één keer." });
    expect(issues(WebhookSubscriptionCreateSchema, { ...valid, description: "a\u0000b" })).toHaveProperty("description");
  });
});

describe("WebhookSubscriptionUpdateSchema", () => {
  test("something to change, never nothing", () => {
    expect(issues(WebhookSubscriptionUpdateSchema, { active: false })).toEqual({});
    expect(issues(WebhookSubscriptionUpdateSchema, {})).toEqual({ "": "Geef op wat je wilt wijzigen." });
  });
});

test("state: off when switched off, live only once verified", () => {
  expect(webhookSubscriptionState({ active: false, verifiedAt: new Date() })).toBe("off");
  expect(webhookSubscriptionState({ active: true, verifiedAt: null })).toBe("unverified");
  expect(webhookSubscriptionState({ active: true, verifiedAt: "2026-12-01T09:00:00Z" })).toBe("live");
});

test("the previous secret signs for 24 hours after a rotation", () => {
  expect(previousSecretExpiresAt(new Date("2026-12-04T10:00:00Z")).toISOString()).toBe("2026-12-05T10:00:00.000Z");
});
