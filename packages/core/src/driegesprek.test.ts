import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { type DriegesprekState, driegesprekStates } from "./contact";
import {
  type DriegesprekAction,
  driegesprekActions,
  driegesprekEnd,
  driegesprekNext,
  driegesprekProblem,
  proposedMomentProblems,
} from "./driegesprek";

const NOW = new Date("2026-11-23T10:00:00Z");
const HOUR = 3_600_000;

describe("driegesprek states", () => {
  test("each allowed action, exhaustively", () => {
    const table = Object.fromEntries(
      [null, ...driegesprekStates].map((s) => [
        String(s),
        Object.fromEntries(driegesprekActions.map((a) => [a, driegesprekNext(s, a)])),
      ]),
    );
    expect(table).toEqual({
      null: { propose: "proposed", confirm: null, held: null, not_held: null },
      proposed: { propose: "proposed", confirm: "confirmed", held: null, not_held: null },
      confirmed: { propose: "proposed", confirm: "confirmed", held: "held", not_held: "not_held" },
      held: { propose: null, confirm: null, held: null, not_held: null },
      not_held: { propose: "proposed", confirm: null, held: null, not_held: null },
    });
  });

  test("the warm handover: proposed → confirmed → held", () => {
    let s: DriegesprekState | null = null;
    for (const a of ["propose", "confirm", "held"] as const) s = driegesprekNext(s, a);
    expect(s).toBe("held");
  });

  test("an outcome is only ever recorded for a confirmed driegesprek, and held is final", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...driegesprekActions), { maxLength: 20 }), (actions) => {
        let s: DriegesprekState | null = null;
        for (const a of actions) {
          const next = driegesprekNext(s, a);
          if (next === null) continue;
          if (a === "held" || a === "not_held") expect(s).toBe("confirmed");
          if (s === "held") throw new Error("moved on from held");
          s = next;
        }
      }),
    );
  });

  test("problems are Dutch sentences exactly when the action is not possible", () => {
    const states: (DriegesprekState | null)[] = [null, ...driegesprekStates];
    for (const state of states) {
      for (const action of driegesprekActions as readonly DriegesprekAction[]) {
        const current = state ? { state, confirmedAt: new Date(NOW.getTime() - HOUR) } : null;
        const problem = driegesprekProblem(current, action, NOW);
        expect(problem === null, `${state} ${action}`).toBe(driegesprekNext(state, action) !== null);
        if (problem) expect(problem).toMatch(/^[A-Z].*\.$/);
      }
    }
  });

  test("the outcome waits for the confirmed moment", () => {
    const soon = { state: "confirmed" as const, confirmedAt: new Date(NOW.getTime() + HOUR) };
    expect(driegesprekProblem(soon, "held", NOW)).toMatch(/nog niet begonnen/);
    expect(driegesprekProblem(soon, "not_held", NOW)).toMatch(/nog niet begonnen/);
    expect(driegesprekProblem(soon, "held", new Date(NOW.getTime() + HOUR))).toBeNull();
    expect(driegesprekProblem(soon, "propose", NOW)).toBeNull();
  });
});

describe("proposed moments", () => {
  test("must lie in the future and differ", () => {
    const later = new Date(NOW.getTime() + HOUR);
    expect(proposedMomentProblems([later, new Date(NOW.getTime() + 2 * HOUR)], NOW)).toEqual({});
    expect(proposedMomentProblems([NOW, later, new Date(later)], NOW)).toEqual({
      0: "Kies een moment in de toekomst.",
      2: "Dit moment staat er al bij.",
    });
  });

  test("a driegesprek lasts an hour", () => {
    expect(driegesprekEnd(NOW).toISOString()).toBe("2026-11-23T11:00:00.000Z");
  });
});
