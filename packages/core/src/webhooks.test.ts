import { describe, expect, test } from "vitest";
import { type ReferralViewStatus, referralViewStatuses } from "./feedback";
import { fhirRequestStatus, fhirViewTaskStatus } from "./fhir";
import { statusMoveAudiences } from "./webhooks";

const sides = { senderOrganizationId: "S", receiverOrganizationId: "R" };
const at = (status: Parameters<typeof statusMoveAudiences>[2]["status"], extra = {}) => ({
  status,
  pausedFrom: null,
  outcome: null,
  moneyOutcomeCents: null,
  ...extra,
});

describe("statusMoveAudiences", () => {
  test("a move both sides see alike is one event for both", () => {
    expect(statusMoveAudiences(sides, "status", at("received"), at("accepted"))).toEqual([
      { organizationIds: ["R", "S"], status: "accepted" },
    ]);
  });

  test("under contact_only a move the sender cannot see reaches the receiver only", () => {
    expect(statusMoveAudiences(sides, "contact_only", at("received"), at("accepted"))).toEqual([
      { organizationIds: ["R"], status: "accepted" },
    ]);
    expect(statusMoveAudiences(sides, "contact_only", at("in_contact"), at("in_progress"))).toEqual([
      { organizationIds: ["R"], status: "in_progress" },
    ]);
  });

  test("when the sides see different statuses each hears its own", () => {
    expect(
      statusMoveAudiences(
        sides,
        "contact_only",
        at("in_progress"),
        at("completed", { outcome: "helped", moneyOutcomeCents: 100 }),
      ),
    ).toEqual([
      { organizationIds: ["R"], status: "completed" },
      { organizationIds: ["S"], status: "closed" },
    ]);
  });

  test("an organization on both sides hears the receiver's view once", () => {
    const own = { senderOrganizationId: "R", receiverOrganizationId: "R" };
    expect(statusMoveAudiences(own, "contact_only", at("in_progress"), at("completed"))).toEqual([
      { organizationIds: ["R"], status: "completed" },
    ]);
  });
});

describe("the FHIR status mappings", () => {
  // R4 value sets task-status and request-status.
  const taskStatuses = [
    "draft",
    "requested",
    "received",
    "accepted",
    "rejected",
    "ready",
    "cancelled",
    "in-progress",
    "on-hold",
    "failed",
    "completed",
    "entered-in-error",
  ];
  test("every status a side may see maps to a FHIR code; `closed` never says how it ended", () => {
    for (const s of referralViewStatuses) {
      expect(taskStatuses).toContain(fhirViewTaskStatus[s]);
      expect(["active", "on-hold", "completed", "revoked"]).toContain(fhirRequestStatus(s));
    }
    expect(fhirViewTaskStatus.closed).toBe("completed");
    expect(fhirRequestStatus("closed" satisfies ReferralViewStatus)).toBe(fhirRequestStatus("not_reached"));
  });
});
