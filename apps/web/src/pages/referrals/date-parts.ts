/**
 * Dates and times typed the way the design systems ask for them (GOV.UK and NL Design System
 * "date input"): separate day, month and year fields, and a time, in Dutch, whatever language
 * the browser has. The parts stay as typed until they form a date; nothing is lost on the way.
 */
export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export interface DateTimeParts extends DateParts {
  time: string;
}

export const emptyDate = (): DateParts => ({ day: "", month: "", year: "" });
export const emptyDateTime = (): DateTimeParts => ({ ...emptyDate(), time: "" });

/** Nothing typed in any part. */
export function isBlank(parts: DateParts | DateTimeParts): boolean {
  return Object.values(parts).every((v) => !v.trim());
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The parts as "yyyy-mm-dd", or null when they are no existing day (31 april, a two-digit year). */
export function partsToDate(parts: DateParts): string | null {
  const day = parts.day.trim();
  const month = parts.month.trim();
  const year = parts.year.trim();
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return null;
  const d = Number(day);
  const m = Number(month);
  const y = Number(year);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${year}-${pad(m)}-${pad(d)}`;
}

/** A time as "hh:mm" from "10:00", "10.30", "9:05" or "14"; null when it is no time of day. */
export function partsToTime(time: string): string | null {
  const match = /^(\d{1,2})(?:[:.](\d{2}))?$/.exec(time.trim());
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2] ?? "0");
  if (hours > 23 || minutes > 59) return null;
  return `${pad(hours)}:${pad(minutes)}`;
}

/** The parts as a local date-time "yyyy-mm-ddThh:mm", or null when they are no date and time. */
export function partsToLocal(parts: DateTimeParts): string | null {
  const date = partsToDate(parts);
  const time = partsToTime(parts.time);
  return date && time ? `${date}T${time}` : null;
}

/** "yyyy-mm-dd" as parts, for a date the form starts with. */
export function dateToParts(date: string): DateParts {
  const [year = "", month = "", day = ""] = date.split("-");
  return { day: String(Number(day)), month: String(Number(month)), year };
}

/** A local date-time "yyyy-mm-ddThh:mm" as parts. */
export function localToParts(local: string): DateTimeParts {
  const [date = "", time = ""] = local.split("T");
  return { ...dateToParts(date), time: time.slice(0, 5) };
}
