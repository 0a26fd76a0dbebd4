import { describe, expect, test } from "vitest";
import { EscalationSettingsSchema, escalationLadder, nextEscalation, statusTargetDays } from "./escalation";

const base = { status: "sent" as const, urgency: "normal" as const, responseTargetDays: 5 };

describe("the escalation ladder", () => {
  test("by default: remind at the target, tell the sender 5 working days later, expire after 15", () => {
    expect(escalationLadder(base)).toEqual([
      { rung: "remind_receiver", afterDays: 5 },
      { rung: "tell_sender", afterDays: 10 },
      { rung: "expire", afterDays: 20 },
    ]);
  });

  test("urgent referrals: a 1-working-day target and a shorter ladder", () => {
    expect(escalationLadder({ ...base, urgency: "urgent" }).map((r) => r.afterDays)).toEqual([1, 2, 5]);
  });

  test("an accepted referral that stalls escalates on its own target; after contact it never expires", () => {
    expect(statusTargetDays({ ...base, status: "accepted" })).toBe(10);
    expect(escalationLadder({ ...base, status: "accepted" }).map((r) => r.rung)).toContain("expire");
    expect(escalationLadder({ ...base, status: "in_progress" }).map((r) => r.rung)).toEqual(["remind_receiver", "tell_sender"]);
    expect(escalationLadder({ ...base, status: "completed" })).toEqual([]);
  });

  test("a service may change the ladder, and switch expiry off", () => {
    const settings = { tellSenderAfterDays: 3, expireAfterDays: null, statusTargetDays: { accepted: 4 } };
    expect(escalationLadder({ ...base, status: "accepted", settings })).toEqual([
      { rung: "remind_receiver", afterDays: 4 },
      { rung: "tell_sender", afterDays: 7 },
    ]);
    expect(EscalationSettingsSchema.safeParse({ tellSenderAfterDays: 5, expireAfterDays: 3 }).success).toBe(false);
  });

  test("the next rung's instant counts working days from the last move, over holidays and closing days", () => {
    // Thursday 2 April 2026, 10:00; Goede Vrijdag and Tweede Paasdag are not working days.
    const lastMoveAt = new Date("2026-04-02T08:00:00Z");
    const urgent = { ...base, urgency: "urgent" as const, lastMoveAt };
    // 1 working day: Tuesday 7 April; due from the start of Wednesday 8 April in Amsterdam (22:00 UTC).
    expect(nextEscalation({ ...urgent, fired: null })).toEqual({ rung: "remind_receiver", at: new Date("2026-04-07T22:00:00Z") });
    expect(nextEscalation({ ...urgent, fired: "remind_receiver" })?.rung).toBe("tell_sender");
    expect(nextEscalation({ ...urgent, fired: "expire" })).toBeNull();
    const closed = new Set(["2026-04-07"]);
    expect(nextEscalation({ ...urgent, fired: null, closed })?.at).toEqual(new Date("2026-04-08T22:00:00Z"));
  });
});
