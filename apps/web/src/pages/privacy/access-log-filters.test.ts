import { describe, expect, test } from "vitest";
import {
  accessLogFilterSchema,
  accessLogQuery,
  emptyFilters,
  parseDutchDate,
  readFilters,
  writeFilters,
} from "./access-log-filters";

const ORG = "3f2b8c1e-6d7a-4b5c-9e0f-1a2b3c4d5e6f";
const RESIDENT = "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
const OTHER = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
const USER = "0b6f1c2d-3e4f-4a5b-8c7d-9e0f1a2b3c4d";

describe("filters in the address", () => {
  test("read and written with Dutch parameter names, empty ones left out", () => {
    const filters = { ...emptyFilters, resident: RESIDENT, from: "1-11-2026", action: "referral.read" };
    const search = writeFilters(filters);
    expect(search.toString()).toBe(`inwoner=${RESIDENT}&van=1-11-2026&soort=referral.read`);
    expect(readFilters(search)).toEqual(filters);
    expect(readFilters(new URLSearchParams(""))).toEqual(emptyFilters);
  });
});

describe("parseDutchDate", () => {
  test("reads day-month-year with -, / or .", () => {
    expect(parseDutchDate("1-11-2026")?.toISOString()).toBe("2026-11-01T00:00:00.000Z");
    expect(parseDutchDate("01/11/2026")?.toISOString()).toBe("2026-11-01T00:00:00.000Z");
    expect(parseDutchDate(" 29.2.2028 ")?.toISOString()).toBe("2028-02-29T00:00:00.000Z");
  });

  test("refuses what is no real day", () => {
    for (const text of ["31-2-2026", "29-2-2026", "0-1-2026", "1-13-2026", "2026-11-01", "gisteren", ""]) {
      expect(parseDutchDate(text), text).toBeNull();
    }
  });
});

describe("accessLogQuery", () => {
  test("a period is whole Amsterdam days: from the start of 'van' to the end of 'tot' (winter and summer time)", () => {
    expect(accessLogQuery(ORG, { ...emptyFilters, from: "1-11-2026", to: "30-11-2026" })).toEqual({
      organizationId: ORG,
      from: "2026-10-31T23:00:00.000Z",
      to: "2026-11-30T23:00:00.000Z",
    });
    expect(accessLogQuery(ORG, { ...emptyFilters, from: "1-7-2026", to: "1-7-2026" })).toEqual({
      organizationId: ORG,
      from: "2026-06-30T22:00:00.000Z",
      to: "2026-07-01T22:00:00.000Z",
    });
  });

  test("kind, resident and person all go to the API (ids as the log writes them, in lower case)", () => {
    const filters = { ...emptyFilters, action: "resident.export", resident: ` ${RESIDENT.toUpperCase()} `, person: USER };
    expect(accessLogQuery(ORG, filters)).toEqual({
      organizationId: ORG,
      action: "resident.export",
      residentId: RESIDENT,
      actorUserId: USER,
    });
    expect(accessLogQuery(ORG, { ...emptyFilters, person: OTHER })).toEqual({ organizationId: ORG, actorUserId: OTHER });
  });

  test("invalid filters (a hand-edited address) give no query", () => {
    expect(accessLogQuery(ORG, { ...emptyFilters, from: "31-2-2026" })).toBeNull();
    expect(accessLogQuery(ORG, { ...emptyFilters, resident: "Fenna" })).toBeNull();
    expect(accessLogQuery(ORG, { ...emptyFilters, from: "2-11-2026", to: "1-11-2026" })).toBeNull();
  });
});

describe("accessLogFilterSchema", () => {
  test("says in Dutch what to fix, on the right field", () => {
    const result = accessLogFilterSchema.safeParse({ ...emptyFilters, from: "1-11", to: "1-10-2026", resident: "abc" });
    expect(result.success).toBe(false);
    const issues = Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));
    expect(issues).toEqual({
      from: "Vul een datum in als 1-11-2026 (dag-maand-jaar).",
      resident: "Vul een inwonernummer in zoals het in het logboek staat (36 tekens, zoals 1c2d3e4f-…).",
    });
    const reversed = accessLogFilterSchema.safeParse({ ...emptyFilters, from: "2-11-2026", to: "1-11-2026" });
    expect(reversed.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["to", "De einddatum ligt voor de begindatum."],
    ]);
  });
});
