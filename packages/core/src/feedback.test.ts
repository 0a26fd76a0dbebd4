import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { type FeedbackLevel, feedbackLevels } from "./consent";
import { senderCanSee, senderIsTold, senderVisibleStatus } from "./feedback";
import { canMove, isFinal, type ReferralSide, type ReferralStatus, referralStatuses } from "./referrals";

/** Every status a real referral passes through, with the status an on_hold one was paused from. */
function walk(steps: { side: ReferralSide; to: ReferralStatus }[]) {
  let status: ReferralStatus = "sent";
  let pausedFrom: ReferralStatus | null = null;
  const states: { status: ReferralStatus; pausedFrom: ReferralStatus | null }[] = [{ status, pausedFrom }];
  for (const step of steps) {
    if (!canMove(status, step.to, step.side, pausedFrom ?? undefined)) continue;
    pausedFrom = step.to === "on_hold" ? status : null;
    status = step.to;
    states.push({ status, pausedFrom });
  }
  return states;
}

const steps = fc.array(
  fc.record({
    side: fc.constantFrom<ReferralSide>("sender", "receiver", "system"),
    to: fc.constantFrom(...referralStatuses),
  }),
  { maxLength: 12 },
);

describe("senderVisibleStatus", () => {
  test("status and outcome levels show the status as it is", () => {
    for (const level of ["status", "outcome"] as const) {
      for (const status of referralStatuses) expect(senderVisibleStatus(level, { status })).toBe(status);
    }
  });

  test("contact_only: arrival, contact made, and that it ended — without saying how", () => {
    const see = (status: ReferralStatus, pausedFrom?: ReferralStatus) =>
      senderVisibleStatus("contact_only", { status, pausedFrom });
    expect(see("sent")).toBe("sent");
    expect(see("received")).toBe("received");
    expect(see("accepted")).toBe("received");
    expect(see("in_contact")).toBe("in_contact");
    expect(see("in_progress")).toBe("in_contact");
    expect(see("on_hold", "accepted")).toBe("received");
    expect(see("on_hold", "in_progress")).toBe("in_contact");
    expect(see("completed")).toBe("closed");
    expect(see("not_reached")).toBe("closed");
    // The sender must learn a referral went nowhere, so they can refer elsewhere.
    expect(see("declined")).toBe("declined");
    expect(see("expired")).toBe("expired");
    expect(see("withdrawn")).toBe("withdrawn");
  });

  test("on every path, a closed referral never looks open to the sender, and an open one never looks closed", () => {
    fc.assert(
      fc.property(steps, fc.constantFrom<FeedbackLevel>(...feedbackLevels), (s, level) =>
        walk(s).every(({ status, pausedFrom }) => {
          const seen = senderVisibleStatus(level, { status, pausedFrom });
          const looksClosed = seen === "closed" || isFinal(seen as ReferralStatus);
          return looksClosed === isFinal(status);
        }),
      ),
    );
  });

  test("under contact_only, once contact shows it keeps showing until the referral ends", () => {
    fc.assert(
      fc.property(steps, (s) => {
        const seen = walk(s).map((st) => senderVisibleStatus("contact_only", st));
        const first = seen.indexOf("in_contact");
        return (
          first === -1 ||
          seen.slice(first).every((v) => v === "in_contact" || v === "closed" || v === "withdrawn" || v === "expired")
        );
      }),
    );
  });
});

describe("senderCanSee", () => {
  const done = { status: "completed" as const, outcome: "helped" as const, moneyOutcomeCents: 50_000 };
  test("the outcome only under the outcome level", () => {
    expect(senderCanSee("outcome", done)).toEqual({ status: "completed", outcome: "helped", moneyOutcomeCents: 50_000 });
    expect(senderCanSee("status", done)).toEqual({ status: "completed", outcome: null, moneyOutcomeCents: null });
    expect(senderCanSee("contact_only", done)).toEqual({ status: "closed", outcome: null, moneyOutcomeCents: null });
  });
});

describe("senderIsTold", () => {
  test("status and outcome: every move the sender can see", () => {
    expect(senderIsTold("status", "sent", "received")).toBe(true);
    expect(senderIsTold("outcome", "in_progress", "completed")).toBe(true);
    expect(senderIsTold("status", "received", "received")).toBe(false);
  });

  test("contact_only: only contact made and the end", () => {
    expect(senderIsTold("contact_only", "sent", "received")).toBe(false);
    expect(senderIsTold("contact_only", "received", "received")).toBe(false); // accepted, unseen
    expect(senderIsTold("contact_only", "received", "in_contact")).toBe(true);
    expect(senderIsTold("contact_only", "in_contact", "in_contact")).toBe(false); // in_progress, unseen
    expect(senderIsTold("contact_only", "in_contact", "closed")).toBe(true);
    expect(senderIsTold("contact_only", "received", "declined")).toBe(true);
    expect(senderIsTold("contact_only", "received", "expired")).toBe(true);
  });

  test("on any path under contact_only the sender is told at most of contact and of the end", () => {
    fc.assert(
      fc.property(steps, (s) => {
        const seen = walk(s).map((st) => senderVisibleStatus("contact_only", st));
        const told = seen.slice(1).filter((after, i) => senderIsTold("contact_only", seen[i] ?? null, after));
        return told.every((v) => v === "in_contact" || v === "closed" || isFinal(v as ReferralStatus)) && told.length <= 2;
      }),
    );
  });
});
