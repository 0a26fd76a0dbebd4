import { type SecurityEventKind, securityEventKinds, startOfAmsterdamDay } from "@schakel/core";
import { z } from "zod";
import type { SecurityLogQuery } from "../../api/network";
import { parseDutchDate } from "../privacy/access-log-filters";

/**
 * The security log's filters live in the address (`?soort=refused&van=1-11-2026&tot=30-11-2026`),
 * so a filtered log can be reloaded and reached with Back. Dates are Dutch calendar days
 * (day-month-year) in Amsterdam; "tot" includes its day.
 */
export interface SecurityLogFilters {
  kind: string;
  from: string;
  to: string;
}

const PARAMS: Record<keyof SecurityLogFilters, string> = { kind: "soort", from: "van", to: "tot" };

export function readSecurityLogFilters(search: URLSearchParams): SecurityLogFilters {
  const read = (key: keyof SecurityLogFilters) => search.get(PARAMS[key])?.trim() ?? "";
  return { kind: read("kind"), from: read("from"), to: read("to") };
}

/** The filters as search parameters, empty ones left out. */
export function writeSecurityLogFilters(filters: SecurityLogFilters): URLSearchParams {
  const search = new URLSearchParams();
  for (const key of Object.keys(PARAMS) as (keyof SecurityLogFilters)[]) {
    const value = filters[key].trim();
    if (value) search.set(PARAMS[key], value);
  }
  return search;
}

const dateField = z
  .string()
  .trim()
  .refine((v) => v === "" || parseDutchDate(v) !== null, "Vul een datum in als 1-11-2026 (dag-maand-jaar).");

const isKind = (v: string): v is SecurityEventKind => (securityEventKinds as readonly string[]).includes(v);

/** The filter form and the address are checked with the same rules. */
export const securityLogFilterSchema = z
  .object({
    kind: z
      .string()
      .trim()
      .refine((v) => v === "" || isKind(v), "Kies een soort uit de lijst."),
    from: dateField,
    to: dateField,
  })
  .refine(
    (f) => {
      const from = parseDutchDate(f.from);
      const to = parseDutchDate(f.to);
      return !from || !to || from.getTime() <= to.getTime();
    },
    { path: ["to"], message: "De einddatum ligt voor de begindatum." },
  );

const DAY_MS = 86_400_000;

/** The filters as the API's query. Null when the filters are not valid. */
export function securityLogQuery(filters: SecurityLogFilters): SecurityLogQuery | null {
  if (!securityLogFilterSchema.safeParse(filters).success) return null;
  const query: SecurityLogQuery = {};
  const kind = filters.kind.trim();
  if (isKind(kind)) query.kind = kind;
  const from = parseDutchDate(filters.from);
  const to = parseDutchDate(filters.to);
  if (from) query.from = startOfAmsterdamDay(from).toISOString();
  if (to) query.to = startOfAmsterdamDay(new Date(to.getTime() + DAY_MS)).toISOString();
  return query;
}
