/**
 * Working days in the Netherlands: Monday to Friday, except the national public holidays
 * (Nieuwjaarsdag, Tweede Paasdag, Koningsdag, Bevrijdingsdag in lustrum years, Hemelvaartsdag,
 * Tweede Pinksterdag, eerste en tweede Kerstdag). Dates are calendar days in Europe/Amsterdam,
 * handled as UTC dates (YYYY-MM-DD) so nothing depends on the server's time zone.
 */

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
    new Date(easter + DAY), // Tweede Paasdag
    kingsDay(year),
    new Date(easter + 39 * DAY), // Hemelvaartsdag
    new Date(easter + 50 * DAY), // Tweede Pinksterdag
    new Date(Date.UTC(year, 11, 25)),
    new Date(Date.UTC(year, 11, 26)),
  ];
  if (year % 5 === 0) days.push(new Date(Date.UTC(year, 4, 5))); // Bevrijdingsdag, every five years a day off
  const set = new Set(days.map(iso));
  holidayCache.set(year, set);
  return set;
}

/** The calendar date in Amsterdam of an instant, as a UTC midnight Date. */
export function amsterdamDate(instant: Date): Date {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/Amsterdam",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(instant);
  return new Date(`${parts}T00:00:00Z`);
}

export function isWorkingDay(date: Date): boolean {
  const day = date.getUTCDay();
  return day !== 0 && day !== 6 && !publicHolidays(date.getUTCFullYear()).has(iso(date));
}

/**
 * The date on which a response target of `days` working days runs out for something that
 * happened at `since`: the start day itself does not count.
 */
export function addWorkingDays(since: Date, days: number): Date {
  let date = amsterdamDate(since);
  let left = days;
  while (left > 0) {
    date = new Date(date.getTime() + DAY);
    if (isWorkingDay(date)) left--;
  }
  return date;
}

/** Overdue when the last move was longer than the target ago: the deadline day has fully passed. */
export function isOverdue(lastMoveAt: Date, targetDays: number, now: Date): boolean {
  return amsterdamDate(now).getTime() > addWorkingDays(lastMoveAt, targetDays).getTime();
}

/** The instant an Amsterdam calendar day (given as a UTC midnight Date) begins: 23:00 or 22:00 UTC the day before. */
export function startOfAmsterdamDay(date: Date): Date {
  // Clocks change at 01:00 UTC, so at 00:00 UTC the offset is still the one in force at local midnight.
  const hour = Number(
    new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Amsterdam", hour: "2-digit", hourCycle: "h23" }).format(date),
  );
  return new Date(date.getTime() - hour * 3_600_000);
}

/**
 * When a referral that last moved at `lastMoveAt` becomes overdue: the first instant after the
 * deadline day, in Amsterdam. `now >= responseDueAt(…)` is exactly `isOverdue(…, now)`, so the
 * database can find overdue referrals with an index on this instant.
 */
export function responseDueAt(lastMoveAt: Date, targetDays: number): Date {
  return startOfAmsterdamDay(new Date(addWorkingDays(lastMoveAt, targetDays).getTime() + DAY));
}

/** The deadline day (YYYY-MM-DD, Amsterdam) of a due instant from responseDueAt. */
export function dueDateOf(dueAt: Date): string {
  return amsterdamDate(new Date(dueAt.getTime() - 1))
    .toISOString()
    .slice(0, 10);
}
