import { closedViewStatuses, referralViewStatuses, statusLabelFor } from "@schakel/core";
import { describe, expect, test } from "vitest";
import type { Service } from "../api/types";
import { defaultBox, statusQuery } from "./referrals/referral-list-page";
import { referral } from "./referrals/test-fixtures";
import { consentCovers, followUpValues } from "./referrals/wizard-state";
import { defaultGroup, endText, overviewQuery, referAgainPath } from "./sender-overview";

const ORG = "aa3f4e5d-3333-4c8e-9a51-2b8f0d1c9e05";
const counts = { all: 5, open: 2, overdue: 1, suggestion: 1, closed: 3, changed: 2 };

describe("the sender's overview", () => {
  test("shows what changed first, when something changed since the last visit; else the open ones", () => {
    expect(defaultGroup({ lastVisitAt: "2026-12-01T09:00:00Z", counts })).toBe("gewijzigd");
    expect(defaultGroup({ lastVisitAt: "2026-12-01T09:00:00Z", counts: { ...counts, changed: 0 } })).toBe("open");
    expect(defaultGroup({ lastVisitAt: null, counts })).toBe("open");
  });

  test("each group asks the outbox for its referrals; one status overrides the group", () => {
    const at = "2026-12-01T09:00:00Z";
    expect(overviewQuery("gewijzigd", "", ORG, at)).toMatchObject({
      box: "outbox",
      changedSince: at,
      status: [...referralViewStatuses],
    });
    expect(overviewQuery("te-laat", "", ORG, at)).toMatchObject({ overdue: "true" });
    expect(overviewQuery("suggestie", "", ORG, at)).toMatchObject({ status: "declined", suggestion: "true" });
    expect(overviewQuery("afgesloten", "", ORG, at)).toMatchObject({ status: [...closedViewStatuses] });
    expect(overviewQuery("open", "", ORG, at).status).toBeUndefined();
    expect(overviewQuery("alle", "expired", ORG, at)).toEqual({
      box: "outbox",
      organizationId: ORG,
      limit: 20,
      status: "expired",
    });
  });

  test("says how a referral ended, as far as the sender may know", () => {
    const base = { outcome: null, expiryReason: null, suggestedService: null };
    expect(endText({ ...base, status: "expired", expiryReason: "no_response" })).toBe(
      "De ontvanger heeft niet op tijd gereageerd.",
    );
    expect(endText({ ...base, status: "declined", suggestedService: { id: ORG, name: "Budgetcoaching" } })).toBe(
      "De ontvanger stelt Budgetcoaching voor.",
    );
    expect(endText({ ...base, status: "completed", outcome: "helped" })).toBe("Uitkomst: geholpen.");
    expect(endText({ ...base, status: "closed" })).toMatch(/koos ervoor/);
    expect(endText({ ...base, status: "accepted" })).toBeNull();
    expect(referAgainPath("s1", "r1")).toBe("/kaart/diensten/s1/verwijzen?vorige=r1");
  });
});

describe("the inbox and outbox", () => {
  test("the receiver says Nieuw for sent and received; the sender keeps Verstuurd", () => {
    expect(statusLabelFor("receiver", "sent")).toBe("Nieuw");
    expect(statusLabelFor("receiver", "received")).toBe("Nieuw");
    expect(statusLabelFor("sender", "sent")).toBe("Verstuurd");
    expect(statusLabelFor("receiver", "accepted")).toBe("Geaccepteerd");
  });

  test("an organisation that receives nothing opens on its sent referrals; alle and afgesloten ask every or every closed status", () => {
    expect(defaultBox(false)).toBe("outbox");
    expect(defaultBox(true)).toBe("inbox");
    expect(statusQuery("", "outbox")).toBeUndefined();
    expect(statusQuery("alle", "outbox")).toEqual([...referralViewStatuses]);
    expect(statusQuery("alle", "inbox")).not.toContain("closed");
    expect(statusQuery("afgesloten", "outbox")).toEqual([...closedViewStatuses]);
    expect(statusQuery("sent", "inbox")).toEqual(["sent"]);
  });
});

describe("re-referring after a decline", () => {
  const service = (organizationId: string) =>
    ({
      id: "9c3f4e5d-3333-4c8e-9a51-2b8f0d1c9e99",
      name: "Budgetcoaching",
      lifeDomains: ["schulden"],
      organization: { id: organizationId, name: "Budgethulp" },
    }) as unknown as Service;
  const consent = {
    id: "c1",
    residentId: referral.residentId ?? "",
    receivingOrganizationId: referral.receiver.id,
    purpose: "Aanmelding voor schuldhulp",
    dataCategories: ["contact", "request"] as ("contact" | "request")[],
    method: "schriftelijk" as const,
    feedbackLevel: "status" as const,
    recordedByUserId: "u1",
    recordedAt: "2026-11-30T09:00:00Z",
    validUntil: "2027-05-30T21:59:59Z",
    withdrawnAt: null,
    withdrawalReason: null,
    valid: true,
  };
  const previous = { ...referral, status: "declined" as const, request: "Hulp bij schulden bij de zorgverzekeraar" };

  test("fills in the resident, the request and urgency; reuses the consent only for the same receiver", () => {
    const same = followUpValues(service(referral.receiver.id), { previous, consent });
    expect(same).toMatchObject({
      name: "Daan Verhoef",
      phone: "06-12345678",
      preferredChannel: "whatsapp",
      request: "Hulp bij schulden bij de zorgverzekeraar",
      urgency: "normal",
      purpose: "Aanmelding voor schuldhulp",
      method: "schriftelijk",
      feedbackLevel: "status",
      dataCategories: ["contact", "request"],
    });
    expect(consentCovers(consent, service(referral.receiver.id))).toBe(true);

    const other = service("dd3f4e5d-3333-4c8e-9a51-2b8f0d1c9e07");
    expect(consentCovers(consent, other)).toBe(false);
    const fresh = followUpValues(other, { previous, consent });
    // A new consent for the new receiver: its own purpose, the sender asks again.
    expect(fresh.purpose).toBe("Verwijzing naar Budgethulp voor Budgetcoaching");
    expect(fresh.method).toBe("mondeling");
    expect(fresh.name).toBe("Daan Verhoef");
    expect(consentCovers({ ...consent, valid: false }, service(referral.receiver.id))).toBe(false);
  });
});
