/**
 * Working days as the Algemene termijnenwet counts them: Monday to Friday, except the days its
 * article 3 names — Nieuwjaarsdag, Goede Vrijdag (art. 3 lid 2: equal to a holiday), Tweede
 * Paasdag, Koningsdag, Bevrijdingsdag (the fifth of May, every year), Hemelvaartsdag, Tweede
 * Pinksterdag, eerste en tweede Kerstdag — and the days the Crown declares equal to them
 * (art. 3 lid 3, published in the Staatscourant: {@link DECLARED_DAYS}). An organization may
 * add its own closing days (a cao may give other days off): every function here takes them as
 * `closed`. Dates are calendar days in Europe/Amsterdam, handled as UTC dates (YYYY-MM-DD) so
 * nothing depends on the server's time zone.
 *
 * (npm's `date-holidays` marks Goede Vrijdag and Bevrijdingsdag as `school`, not `public`: a
 * filter on `public` would drop both, which is why the rule is written out here.)
 */

/**
 * Days the Crown declared equal to a holiday under art. 3 lid 3 (koninklijk besluit in the
 * Staatscourant), as YYYY-MM-DD. None for 2025–2027 as of December 2026; add them here when one
 * is published, with the Staatscourant reference.
 */
export const DECLARED_DAYS: readonly string[] = [];

/** Closing days of an organization (or none), as YYYY-MM-DD. */
export type ClosedDays = ReadonlySet<string>;
const NONE: ClosedDays = new Set();

/** Easter Sunday (Gregorian; Anonymous Gregorian algorithm). */
export function easterSunday(year: number): Date {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return new Date(Date.UTC(year, month - 1, day));
}

const DAY = 86_400_000;
const iso = (d: Date) => d.toISOString().slice(0, 10);

function kingsDay(year: number): Date {
  // 27 April, or the 26th when the 27th is a Sunday.
  const d = new Date(Date.UTC(year, 3, 27));
  return d.getUTCDay() === 0 ? new Date(Date.UTC(year, 3, 26)) : d;
}

const holidayCache = new Map<number, Set<string>>();

export function publicHolidays(year: number): Set<string> {
  const cached = holidayCache.get(year);
  if (cached) return cached;
  const easter = easterSunday(year).getTime();
  const days = [
    new Date(Date.UTC(year, 0, 1)),
    new Date(easter - 2 * DAY), // Goede Vrijdag
    new Date(easter + DAY), // Tweede Paasdag
    kingsDay(year),
    new Date(Date.UTC(year, 4, 5)), // Bevrijdingsdag
    new Date(easter + 39 * DAY), // Hemelvaartsdag
    new Date(easter + 50 * DAY), // Tweede Pinksterdag
    new Date(Date.UTC(year, 11, 25)),
    new Date(Date.UTC(year, 11, 26)),
  ];
  const set = new Set([...days.map(iso), ...DECLARED_DAYS.filter((d) => d.startsWith(`${year}-`))]);
  holidayCache.set(year, set);
  return set;
}

// Built once: constructing an Intl.DateTimeFormat costs about half a millisecond, and the
// ladder computes several deadlines per referral.
const amsterdamDay = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/Amsterdam",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});
const amsterdamHour = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Amsterdam", hour: "2-digit", hourCycle: "h23" });

/** The calendar date in Amsterdam of an instant, as a UTC midnight Date. */
export function amsterdamDate(instant: Date): Date {
  return new Date(`${amsterdamDay.format(instant)}T00:00:00Z`);
}

export function isWorkingDay(date: Date, closed: ClosedDays = NONE): boolean {
  const day = date.getUTCDay();
  const key = iso(date);
  return day !== 0 && day !== 6 && !publicHolidays(date.getUTCFullYear()).has(key) && !closed.has(key);
}

/**
 * The date on which a response target of `days` working days runs out for something that
 * happened at `since`: the start day itself does not count.
 */
export function addWorkingDays(since: Date, days: number, closed: ClosedDays = NONE): Date {
  let date = amsterdamDate(since);
  let left = days;
  while (left > 0) {
    date = new Date(date.getTime() + DAY);
    if (isWorkingDay(date, closed)) left--;
  }
  return date;
}

/**
 * The working days from `from` to `to`: those after from's Amsterdam day up to and including
 * to's (0 when both fall on the same day). `addWorkingDays(from, workingDaysBetween(from, to))`
 * is to's day when that is a working day.
 */
export function workingDaysBetween(from: Date, to: Date, closed: ClosedDays = NONE): number {
  let date = amsterdamDate(from);
  const end = amsterdamDate(to).getTime();
  let count = 0;
  while (date.getTime() < end) {
    date = new Date(date.getTime() + DAY);
    if (isWorkingDay(date, closed)) count++;
  }
  return count;
}

/** Overdue when the last move was longer than the target ago: the deadline day has fully passed. */
export function isOverdue(lastMoveAt: Date, targetDays: number, now: Date, closed: ClosedDays = NONE): boolean {
  return amsterdamDate(now).getTime() > addWorkingDays(lastMoveAt, targetDays, closed).getTime();
}

/** The instant an Amsterdam calendar day (given as a UTC midnight Date) begins: 23:00 or 22:00 UTC the day before. */
export function startOfAmsterdamDay(date: Date): Date {
  // Clocks change at 01:00 UTC, so at 00:00 UTC the offset is still the one in force at local midnight.
  const hour = Number(amsterdamHour.format(date));
  return new Date(date.getTime() - hour * 3_600_000);
}

/**
 * When a referral that last moved at `lastMoveAt` becomes overdue: the first instant after the
 * deadline day, in Amsterdam. `now >= responseDueAt(…)` is exactly `isOverdue(…, now)`, so the
 * database can find overdue referrals with an index on this instant.
 */
export function responseDueAt(lastMoveAt: Date, targetDays: number, closed: ClosedDays = NONE): Date {
  return startOfAmsterdamDay(new Date(addWorkingDays(lastMoveAt, targetDays, closed).getTime() + DAY));
}

/** The deadline day (YYYY-MM-DD, Amsterdam) of a due instant from responseDueAt. */
export function dueDateOf(dueAt: Date): string {
  return amsterdamDate(new Date(dueAt.getTime() - 1))
    .toISOString()
    .slice(0, 10);
}
