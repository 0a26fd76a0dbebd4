import { startOfAmsterdamDay, UuidSchema } from "@schakel/core";
import { z } from "zod";
import type { AccessLogQuery } from "../../api/privacy";

/**
 * The access log's filters live in the address (`?inwoner=…&persoon=…&van=1-11-2026&tot=30-11-2026&soort=referral.read`),
 * so a filtered log can be reloaded, bookmarked and reached with Back. Dates are Dutch calendar
 * days (day-month-year) in Amsterdam; "tot" includes its day.
 */
export interface AccessLogFilters {
  /** A resident's id, as in the log. */
  resident: string;
  /** A staff member's user id, as in the log. */
  person: string;
  from: string;
  to: string;
  /** A kind of access, e.g. `referral.read`. */
  action: string;
}

export const emptyFilters: AccessLogFilters = { resident: "", person: "", from: "", to: "", action: "" };

const PARAMS: Record<keyof AccessLogFilters, string> = {
  resident: "inwoner",
  person: "persoon",
  from: "van",
  to: "tot",
  action: "soort",
};

export function readFilters(search: URLSearchParams): AccessLogFilters {
  const read = (key: keyof AccessLogFilters) => search.get(PARAMS[key])?.trim() ?? "";
  return { resident: read("resident"), person: read("person"), from: read("from"), to: read("to"), action: read("action") };
}

/** The filters as search parameters, empty ones left out. */
export function writeFilters(filters: AccessLogFilters): URLSearchParams {
  const search = new URLSearchParams();
  for (const key of Object.keys(PARAMS) as (keyof AccessLogFilters)[]) {
    const value = filters[key].trim();
    if (value) search.set(PARAMS[key], value);
  }
  return search;
}

const DUTCH_DATE = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/;

/** "1-11-2026" (also with / or .) as that calendar day (a UTC midnight Date), or null when it is no real day. */
export function parseDutchDate(text: string): Date | null {
  const match = DUTCH_DATE.exec(text.trim());
  if (!match) return null;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real ? date : null;
}

const DAY_MS = 86_400_000;

const dateField = z
  .string()
  .trim()
  .refine((v) => v === "" || parseDutchDate(v) !== null, "Vul een datum in als 1-11-2026 (dag-maand-jaar).");

const idField = (message: string) =>
  z
    .string()
    .trim()
    .refine((v) => v === "" || UuidSchema.safeParse(v).success, message);

/** The filter form and the address are checked with the same rules. */
export const accessLogFilterSchema = z
  .object({
    resident: idField("Vul een inwonernummer in zoals het in het logboek staat (36 tekens, zoals 1c2d3e4f-…)."),
    person: idField("Dit persoonsnummer klopt niet. Kies de persoon opnieuw vanuit het logboek."),
    from: dateField,
    to: dateField,
    action: z.string().trim(),
  })
  .refine(
    (f) => {
      const from = parseDutchDate(f.from);
      const to = parseDutchDate(f.to);
      return !from || !to || from.getTime() <= to.getTime();
    },
    { path: ["to"], message: "De einddatum ligt voor de begindatum." },
  );

/** The filters as the API's query (the API filters on all of them). Null when the filters are not valid. */
export function accessLogQuery(organizationId: string, filters: AccessLogFilters): AccessLogQuery | null {
  if (!accessLogFilterSchema.safeParse(filters).success) return null;
  const query: AccessLogQuery = { organizationId };
  const from = parseDutchDate(filters.from);
  const to = parseDutchDate(filters.to);
  if (from) query.from = startOfAmsterdamDay(from).toISOString();
  if (to) query.to = startOfAmsterdamDay(new Date(to.getTime() + DAY_MS)).toISOString();
  if (filters.action.trim()) query.action = filters.action.trim();
  if (filters.resident.trim()) query.residentId = filters.resident.trim().toLowerCase();
  if (filters.person.trim()) query.actorUserId = filters.person.trim().toLowerCase();
  return query;
}
