import { describe, expect, test } from "vitest";
import {
  median,
  RESPONSIVENESS_MIN_REFERRALS,
  type ReferralResponseFacts,
  responsiveness,
  responsivenessWindowStart,
} from "./responsiveness";

// Monday 2 March 2026, 10:00 in Amsterdam (09:00 UTC).
const MONDAY = new Date("2026-03-02T09:00:00Z");
const NOW = new Date("2026-06-01T09:00:00Z");
const at = (s: string) => new Date(s);

/** A referral sent on MONDAY with a 5-working-day target (due: the end of Monday 9 March). */
function sent(overrides: Partial<ReferralResponseFacts> = {}): ReferralResponseFacts {
  return {
    createdAt: MONDAY,
    responseTargetDays: 5,
    urgency: "normal",
    firstResponseAt: null,
    status: "received",
    closedAt: null,
    ...overrides,
  };
}
const accepted = (when: string) => sent({ firstResponseAt: at(when), status: "accepted" });
const declined = (when: string) => sent({ firstResponseAt: at(when), status: "declined", closedAt: at(when) });

describe("responsiveness", () => {
  test("an urgent referral's first response is on time only within its 1-working-day target", () => {
    const wednesday = "2026-03-04T09:00:00Z"; // 2 working days after MONDAY
    const urgent = (when: string) => sent({ urgency: "urgent", firstResponseAt: at(when), status: "accepted" });
    const figures = responsiveness(
      [urgent("2026-03-03T09:00:00Z"), urgent(wednesday), accepted(wednesday), accepted(wednesday), accepted(wednesday)],
      NOW,
    );
    // Four of five on time: the urgent one answered on Wednesday was late, the normal ones were not.
    expect(figures?.withinTargetShare).toBeCloseTo(4 / 5);
  });

  test("below the threshold there are no figures; from it on there are", () => {
    const four = Array.from({ length: RESPONSIVENESS_MIN_REFERRALS - 1 }, () => accepted("2026-03-03T09:00:00Z"));
    expect(RESPONSIVENESS_MIN_REFERRALS).toBe(5);
    expect(responsiveness(four, NOW)).toBeNull();
    expect(responsiveness([...four, accepted("2026-03-03T09:00:00Z")], NOW)).toMatchObject({ referrals: 5, responded: 5 });
  });

  test("median working days, share accepted of those answered, share within the target", () => {
    const figures = responsiveness(
      [
        accepted("2026-03-02T15:00:00Z"), // the same day: 0
        accepted("2026-03-04T09:00:00Z"), // Wednesday: 2
        declined("2026-03-06T09:00:00Z"), // Friday: 4
        accepted("2026-03-09T21:00:00Z"), // Monday 9th, 22:00 in Amsterdam: 5, the last day of the target
        accepted("2026-03-10T08:00:00Z"), // Tuesday 10th: 6, late
        sent(), // never answered, target long gone
      ],
      NOW,
    );
    expect(figures).toEqual({
      referrals: 6,
      responded: 5,
      medianWorkingDays: 4,
      acceptedShare: 4 / 5,
      withinTargetShare: 4 / 6,
    });
  });

  test("the median of an even number is the middle two's mean", () => {
    expect(median([1, 4, 2, 3])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(median([])).toBeNull();
  });

  test("a holiday is no working day: Goede Vrijdag and Tweede Paasdag 2026 between sending and the answer", () => {
    // Thursday 2 April 2026 → Tuesday 7 April: Friday 3 (Goede Vrijdag) and Monday 6 (Tweede Paasdag) do not count.
    const thursday = at("2026-04-02T09:00:00Z");
    const five = Array.from({ length: 5 }, () =>
      sent({ createdAt: thursday, firstResponseAt: at("2026-04-07T09:00:00Z"), status: "accepted" }),
    );
    expect(responsiveness(five, NOW)?.medianWorkingDays).toBe(1);
  });

  test("the receiver's closing days do not count either", () => {
    const five = Array.from({ length: 5 }, () => accepted("2026-03-04T09:00:00Z"));
    expect(responsiveness(five, NOW)?.medianWorkingDays).toBe(2);
    expect(responsiveness(five, NOW, new Set(["2026-03-03"]))?.medianWorkingDays).toBe(1);
  });

  test("unanswered: no verdict while the target runs, not within once it ran out; withdrawn in time has none", () => {
    const onTime = Array.from({ length: 4 }, () => accepted("2026-03-03T09:00:00Z"));
    const waiting = sent();
    // Sunday 8 March: the target (end of Monday 9 March) still runs.
    expect(responsiveness([...onTime, waiting], at("2026-03-08T12:00:00Z"))?.withinTargetShare).toBe(1);
    // Tuesday 10 March, 00:00 in Amsterdam: it ran out.
    expect(responsiveness([...onTime, waiting], at("2026-03-09T23:00:00Z"))?.withinTargetShare).toBe(4 / 5);
    const withdrawnEarly = sent({ status: "withdrawn", closedAt: at("2026-03-03T09:00:00Z") });
    expect(responsiveness([...onTime, withdrawnEarly], NOW)?.withinTargetShare).toBe(1);
    const expired = sent({ status: "expired", closedAt: at("2026-04-01T09:00:00Z") });
    expect(responsiveness([...onTime, expired], NOW)).toMatchObject({ responded: 4, withinTargetShare: 4 / 5 });
  });

  test("five referrals nobody answered yet: figures, but none of them known", () => {
    const five = Array.from({ length: 5 }, () => sent());
    expect(responsiveness(five, at("2026-03-03T09:00:00Z"))).toEqual({
      referrals: 5,
      responded: 0,
      medianWorkingDays: null,
      acceptedShare: null,
      withinTargetShare: null,
    });
  });

  test("the window: twelve calendar months back, the end of a month kept", () => {
    expect(responsivenessWindowStart(at("2026-06-01T09:00:00Z")).toISOString()).toBe("2025-06-01T09:00:00.000Z");
    expect(responsivenessWindowStart(at("2028-02-29T12:00:00Z")).toISOString()).toBe("2027-02-28T12:00:00.000Z");
    expect(responsivenessWindowStart(at("2026-03-31T00:00:00Z")).toISOString()).toBe("2025-03-31T00:00:00.000Z");
  });
});
