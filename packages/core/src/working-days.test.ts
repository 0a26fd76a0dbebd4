import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  addWorkingDays,
  dueDateOf,
  easterSunday,
  isOverdue,
  isWorkingDay,
  publicHolidays,
  responseDueAt,
  workingDaysBetween,
} from "./working-days";

const d = (s: string) => new Date(`${s}T00:00:00Z`);

describe("working days", () => {
  test("Easter Sunday by the algorithm", () => {
    expect(easterSunday(2026).toISOString().slice(0, 10)).toBe("2026-04-05");
    expect(easterSunday(2027).toISOString().slice(0, 10)).toBe("2027-03-28");
    expect(easterSunday(2025).toISOString().slice(0, 10)).toBe("2025-04-20");
  });

  test("the days the Algemene termijnenwet counts as holidays, 2025–2027", () => {
    expect([...publicHolidays(2025)].sort()).toEqual([
      "2025-01-01",
      "2025-04-18", // Goede Vrijdag (art. 3 lid 2)
      "2025-04-21",
      "2025-04-26", // Koningsdag on Saturday when the 27th is a Sunday
      "2025-05-05",
      "2025-05-29",
      "2025-06-09",
      "2025-12-25",
      "2025-12-26",
    ]);
    expect([...publicHolidays(2026)].sort()).toEqual([
      "2026-01-01",
      "2026-04-03",
      "2026-04-06",
      "2026-04-27",
      "2026-05-05", // the fifth of May every year, not only in lustrum years
      "2026-05-14",
      "2026-05-25",
      "2026-12-25",
      "2026-12-26",
    ]);
    expect([...publicHolidays(2027)].sort()).toEqual([
      "2027-01-01",
      "2027-03-26",
      "2027-03-29",
      "2027-04-27",
      "2027-05-05",
      "2027-05-06",
      "2027-05-17",
      "2027-12-25",
      "2027-12-26",
    ]);
    expect(isWorkingDay(d("2026-04-03"))).toBe(false);
    expect(isWorkingDay(d("2027-05-05"))).toBe(false);
  });

  test("an organization's own closing days count as non-working for it only", () => {
    const closed = new Set(["2026-12-24", "2026-12-31"]);
    expect(isWorkingDay(d("2026-12-24"))).toBe(true);
    expect(isWorkingDay(d("2026-12-24"), closed)).toBe(false);
    // Wed 23 Dec + 2: the 24th closed, 25/26 Christmas, 27 Sunday → Mon 28 and Tue 29.
    expect(addWorkingDays(d("2026-12-23"), 2, closed).toISOString().slice(0, 10)).toBe("2026-12-29");
    expect(addWorkingDays(d("2026-12-23"), 2).toISOString().slice(0, 10)).toBe("2026-12-28");
  });

  test("working days between two instants", () => {
    expect(workingDaysBetween(d("2026-12-18"), d("2026-12-18"))).toBe(0);
    expect(workingDaysBetween(d("2026-12-18"), d("2026-12-28"))).toBe(5);
    expect(workingDaysBetween(new Date("2026-04-02T10:00:00Z"), new Date("2026-04-07T10:00:00Z"))).toBe(1); // Good Friday and Easter Monday
  });

  test("a response target counts working days after the day it started", () => {
    // Friday 18 Dec 2026 + 5 working days: Mon 21, Tue 22, Wed 23, Thu 24, (25/26 Christmas, 27 Sunday) Mon 28.
    expect(addWorkingDays(d("2026-12-18"), 5).toISOString().slice(0, 10)).toBe("2026-12-28");
    expect(addWorkingDays(new Date("2026-11-23T10:00:00Z"), 1).toISOString().slice(0, 10)).toBe("2026-11-24");
  });

  test("late in the evening in Amsterdam counts as that Amsterdam day", () => {
    // 23:30 Amsterdam on Friday is 22:30 UTC Friday; the next working day is Monday.
    expect(addWorkingDays(new Date("2026-11-27T22:30:00Z"), 1).toISOString().slice(0, 10)).toBe("2026-11-30");
  });

  test("overdue only after the deadline day has passed", () => {
    const sent = new Date("2026-11-23T09:00:00Z"); // Monday; 5 working days → Monday 30 Nov
    expect(isOverdue(sent, 5, new Date("2026-11-30T20:00:00Z"))).toBe(false);
    expect(isOverdue(sent, 5, new Date("2026-12-01T08:00:00Z"))).toBe(true);
  });

  test("the deadline is always a working day, strictly later, and monotonic in the target", () => {
    fc.assert(
      fc.property(
        fc.date({ min: d("2024-01-01"), max: d("2030-12-31"), noInvalidDate: true }),
        fc.integer({ min: 1, max: 30 }),
        (since, days) => {
          const due = addWorkingDays(since, days);
          return isWorkingDay(due) && due.getTime() > since.getTime() - 86_400_000 && addWorkingDays(since, days + 1) > due;
        },
      ),
    );
  });
});

describe("responseDueAt", () => {
  test("is the first instant after the deadline day in Amsterdam, in winter and summer time", () => {
    // Monday 23 Nov 2026 + 5 working days → Monday 30 Nov; overdue from Tuesday 1 Dec 00:00 CET.
    expect(responseDueAt(new Date("2026-11-23T09:00:00Z"), 5).toISOString()).toBe("2026-11-30T23:00:00.000Z");
    // Monday 1 June 2026 + 2 → Wednesday 3 June; overdue from Thursday 00:00 CEST.
    expect(responseDueAt(new Date("2026-06-01T09:00:00Z"), 2).toISOString()).toBe("2026-06-03T22:00:00.000Z");
    // Across the switch to summer time (Sunday 29 March 2026): Friday 27 March + 1 → Monday 30 March.
    expect(responseDueAt(new Date("2026-03-27T09:00:00Z"), 1).toISOString()).toBe("2026-03-30T22:00:00.000Z");
    // Deadline on the Friday before the switch back (25 Oct 2026): overdue from Saturday 00:00 CEST.
    expect(responseDueAt(new Date("2026-10-22T09:00:00Z"), 1).toISOString()).toBe("2026-10-23T22:00:00.000Z");
    expect(dueDateOf(new Date("2026-11-30T23:00:00Z"))).toBe("2026-11-30");
  });

  test("now >= responseDueAt is exactly isOverdue, and dueDateOf gives back the deadline day", () => {
    fc.assert(
      fc.property(
        fc.date({ min: d("2024-01-01"), max: d("2030-12-31"), noInvalidDate: true }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 0, max: 40 * 86_400_000 }),
        (since, days, later) => {
          const now = new Date(since.getTime() + later);
          const due = responseDueAt(since, days);
          return (
            now.getTime() >= due.getTime() === isOverdue(since, days, now) &&
            dueDateOf(due) === addWorkingDays(since, days).toISOString().slice(0, 10)
          );
        },
      ),
      { numRuns: 2000 },
    );
  });

  test("the day boundaries themselves", () => {
    const since = new Date("2026-11-23T09:00:00Z");
    const due = responseDueAt(since, 5);
    expect(isOverdue(since, 5, new Date(due.getTime() - 1))).toBe(false);
    expect(isOverdue(since, 5, due)).toBe(true);
  });
});
