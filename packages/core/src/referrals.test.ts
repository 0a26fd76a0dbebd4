import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  allowedMoves,
  canMove,
  finalStatuses,
  isFinal,
  openStatuses,
  outcomes,
  type ReferralSide,
  type ReferralStatus,
  referralStatuses,
  TransitionSchema,
  transitionFieldProblems,
  transitionProblems,
} from "./referrals";

const sides: ReferralSide[] = ["sender", "receiver", "system"];

/** Replays moves the way the API does: a move is applied only when allowed, and recorded. */
function replay(steps: { side: ReferralSide; to: ReferralStatus }[]) {
  let status: ReferralStatus = "sent";
  let pausedFrom: ReferralStatus | undefined;
  const events: { from: ReferralStatus; to: ReferralStatus; by: ReferralSide }[] = [];
  for (const step of steps) {
    if (!canMove(status, step.to, step.side, pausedFrom)) continue;
    events.push({ from: status, to: step.to, by: step.side });
    if (step.to === "on_hold") pausedFrom = status;
    status = step.to;
  }
  return { status, events };
}

const step = fc.record({ side: fc.constantFrom(...sides), to: fc.constantFrom(...referralStatuses) });

describe("the lifecycle as DESIGN.md states it", () => {
  test("the happy path: sent → received → accepted → in_contact → in_progress → completed", () => {
    const { status, events } = replay([
      { side: "system", to: "received" },
      { side: "receiver", to: "accepted" },
      { side: "receiver", to: "in_contact" },
      { side: "receiver", to: "in_progress" },
      { side: "receiver", to: "completed" },
    ]);
    expect(status).toBe("completed");
    expect(events).toHaveLength(5);
  });

  test("each allowed move, exhaustively", () => {
    const table = Object.fromEntries(
      referralStatuses.map((s) => [s, Object.fromEntries(sides.map((side) => [side, allowedMoves(s, side).sort()]))]),
    );
    expect(table).toEqual({
      sent: { sender: ["withdrawn"], receiver: [], system: ["expired", "received", "withdrawn"] },
      received: { sender: ["withdrawn"], receiver: ["accepted", "declined"], system: ["expired", "withdrawn"] },
      accepted: { sender: ["withdrawn"], receiver: ["in_contact", "not_reached", "on_hold"], system: ["expired", "withdrawn"] },
      in_contact: {
        sender: ["withdrawn"],
        receiver: ["completed", "in_progress", "not_reached", "on_hold"],
        system: ["expired", "withdrawn"],
      },
      in_progress: { sender: ["withdrawn"], receiver: ["completed", "on_hold"], system: ["expired", "withdrawn"] },
      on_hold: { sender: ["withdrawn"], receiver: [], system: ["expired", "withdrawn"] },
      declined: { sender: [], receiver: [], system: [] },
      completed: { sender: [], receiver: [], system: [] },
      not_reached: { sender: [], receiver: [], system: [] },
      withdrawn: { sender: [], receiver: [], system: [] },
      expired: { sender: [], receiver: [], system: [] },
    });
  });

  test("on hold goes back only to where it was paused from", () => {
    for (const from of ["accepted", "in_contact", "in_progress"] as const) {
      expect(allowedMoves("on_hold", "receiver", from)).toEqual([from]);
    }
    expect(allowedMoves("on_hold", "receiver", "sent")).toEqual([]);
  });
});

describe("properties over random sequences of moves", () => {
  test("final states stay final", () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const { events } = replay(steps);
        const firstFinal = events.findIndex((e) => isFinal(e.to));
        return firstFinal === -1 || firstFinal === events.length - 1;
      }),
    );
  });

  test("only the allowed side makes each move", () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const { events } = replay(steps);
        return events.every(
          (e) =>
            (e.to === "received" && e.by === "system") ||
            (e.to === "expired" && e.by === "system") ||
            (e.to === "withdrawn" && e.by !== "receiver") ||
            (!["received", "expired", "withdrawn"].includes(e.to) && e.by === "receiver"),
        );
      }),
    );
  });

  test("every move is recorded, and the events chain from sent to the current status", () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const { status, events } = replay(steps);
        let at: ReferralStatus = "sent";
        for (const e of events) {
          if (e.from !== at) return false;
          at = e.to;
        }
        return at === status;
      }),
    );
  });

  test("a closed referral offers no move to any side", () => {
    fc.assert(
      fc.property(fc.constantFrom(...finalStatuses), fc.constantFrom(...sides), (s, side) => allowedMoves(s, side).length === 0),
    );
  });

  test("every open referral can still be withdrawn by its sender", () => {
    fc.assert(fc.property(fc.constantFrom(...openStatuses), (s) => canMove(s, "withdrawn", "sender")));
  });
});

describe("what a move needs", () => {
  test("declining needs a reason; completing an outcome; not reached a contact attempt", () => {
    expect(transitionProblems({ to: "declined" }, { contactAttempts: 0 })).toHaveProperty("reason");
    expect(transitionProblems({ to: "declined", reason: "Vol" }, { contactAttempts: 0 })).toEqual({});
    expect(transitionProblems({ to: "completed" }, { contactAttempts: 0 })).toHaveProperty("outcome");
    expect(transitionProblems({ to: "completed", outcome: "helped" }, { contactAttempts: 0 })).toEqual({});
    expect(transitionProblems({ to: "not_reached" }, { contactAttempts: 0 })).toHaveProperty("to");
    expect(transitionProblems({ to: "not_reached" }, { contactAttempts: 1 })).toEqual({});
    expect(transitionProblems({ to: "accepted", outcome: "helped" }, { contactAttempts: 0 })).toHaveProperty("outcome");
    expect(transitionProblems({ to: "accepted", suggestedServiceId: "x" }, { contactAttempts: 0 })).toHaveProperty(
      "suggestedServiceId",
    );
  });
});

describe("TransitionSchema", () => {
  const issues = (input: unknown) =>
    Object.fromEntries((TransitionSchema.safeParse(input).error?.issues ?? []).map((i) => [i.path.join("."), i.message]));

  test("a plain move needs nothing else", () => {
    expect(TransitionSchema.parse({ to: "accepted", note: " We bellen morgen. " })).toEqual({
      to: "accepted",
      note: "We bellen morgen.",
    });
  });

  test("declining and pausing need a reason; spaces are no reason", () => {
    expect(issues({ to: "declined" })).toEqual({ reason: "Geef een reden waarom jullie deze verwijzing niet oppakken." });
    expect(issues({ to: "declined", reason: "   " })).toEqual({
      reason: "Geef een reden waarom jullie deze verwijzing niet oppakken.",
    });
    expect(issues({ to: "on_hold" })).toEqual({ reason: "Geef een reden voor de pauze." });
    expect(issues({ to: "declined", reason: "Valt buiten onze doelgroep" })).toEqual({});
    expect(issues({ to: "on_hold", reason: "Inwoner is op vakantie" })).toEqual({});
  });

  test("completing needs an outcome, and only completing takes one", () => {
    expect(issues({ to: "completed" })).toEqual({ outcome: "Kies de uitkomst: geholpen of niet geholpen." });
    expect(issues({ to: "completed", outcome: "helped", moneyOutcomeCents: 50000 })).toEqual({});
    expect(issues({ to: "in_progress", outcome: "helped" })).toEqual({ outcome: "Een uitkomst hoort alleen bij afronden." });
  });

  test("another service is suggested only when declining", () => {
    const suggestedServiceId = "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a";
    expect(issues({ to: "declined", reason: "Vol", suggestedServiceId })).toEqual({});
    expect(issues({ to: "accepted", suggestedServiceId })).toEqual({
      suggestedServiceId: "Een andere dienst voorstellen kan alleen bij afwijzen.",
    });
  });

  test("each field's own rule", () => {
    expect(issues({ to: "klaar" })).toEqual({ to: "Kies een bestaande status." });
    expect(issues({ to: "accepted", note: "x".repeat(1001) })).toEqual({ note: "Gebruik hoogstens 1000 tekens." });
    expect(issues({ to: "completed", outcome: "helped", moneyOutcomeCents: -1 })).toEqual({
      moneyOutcomeCents: "Een bedrag is niet negatief.",
    });
    expect(issues({ to: "completed", outcome: "helped", moneyOutcomeCents: 12.5 })).toEqual({
      moneyOutcomeCents: "Vul een bedrag in hele centen in.",
    });
    expect(issues({ to: "completed", outcome: "misschien" })).toEqual({
      outcome: "Kies de uitkomst: geholpen of niet geholpen.",
    });
  });

  test("the schema reports exactly the move's own problems; not reached also needs an attempt", () => {
    const input = fc.record(
      {
        to: fc.constantFrom(...referralStatuses),
        reason: fc.constantFrom("", "  ", "Vol"),
        outcome: fc.constantFrom(...outcomes),
        suggestedServiceId: fc.constant("9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a"),
      },
      { requiredKeys: ["to"] },
    );
    fc.assert(
      fc.property(input, fc.nat(3), (t, attempts) => {
        const own = transitionFieldProblems(t);
        expect(issues(t)).toEqual(own);
        const all = transitionProblems(t, { contactAttempts: attempts });
        expect(all).toEqual(t.to === "not_reached" && attempts === 0 ? { ...own, to: expect.any(String) } : own);
      }),
    );
  });
});
