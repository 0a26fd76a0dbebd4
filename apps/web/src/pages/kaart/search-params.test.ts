import { describe, expect, test } from "vitest";
import {
  activeFilterCount,
  ageProblem,
  apiQuery,
  emptyFilters,
  filtersFromParams,
  PAGE_SIZE,
  paramsFromFilters,
  postcodeProblem,
} from "./search-params";

const params = (query: string) => new URLSearchParams(query);

describe("filtersFromParams", () => {
  test("reads every filter from the address bar", () => {
    expect(
      filtersFromParams(
        params("q=schuldhulp&leefgebied=schulden&leefgebied=wonen&leeftijd=23&gemeente=GM0202&postcode=6811AB&verwijzen=ja"),
      ),
    ).toEqual({
      q: "schuldhulp",
      categories: ["schulden", "wonen"],
      age: "23",
      municipality: "GM0202",
      postcode: "6811AB",
      acceptsReferrals: true,
    });
  });

  test("drops what cannot be a filter instead of sending it to the API", () => {
    expect(filtersFromParams(params("leefgebied=onbekend&leeftijd=200&gemeente=Arnhem&postcode=68&verwijzen=misschien"))).toEqual(
      emptyFilters,
    );
  });

  test("keeps a municipality code it does not know: the API answers for it", () => {
    expect(filtersFromParams(params("gemeente=GM9999")).municipality).toBe("GM9999");
  });

  test("keeps the life domains in their own order and cuts the words at 200 characters", () => {
    const filters = filtersFromParams(params(`leefgebied=wonen&leefgebied=schulden&q=${"a".repeat(250)}`));
    expect(filters.categories).toEqual(["schulden", "wonen"]);
    expect(filters.q).toHaveLength(200);
  });
});

describe("paramsFromFilters", () => {
  test("writes only the filters in use, and reads back the same", () => {
    const filters = { ...emptyFilters, q: " schuldhulp ", categories: ["schulden" as const], age: "23", acceptsReferrals: true };
    const written = paramsFromFilters(filters);
    expect(written.toString()).toBe("q=schuldhulp&leefgebied=schulden&leeftijd=23&verwijzen=ja");
    expect(filtersFromParams(written)).toEqual({ ...filters, q: "schuldhulp" });
  });

  test("no filters is an empty address", () => {
    expect(paramsFromFilters(emptyFilters).toString()).toBe("");
  });
});

describe("apiQuery", () => {
  test("turns the filters into GET /services's query", () => {
    const filters = filtersFromParams(params("q=jongeren&leefgebied=schulden&leeftijd=23&gemeente=GM0202&verwijzen=ja"));
    expect(apiQuery(filters, "abc")).toEqual({
      q: "jongeren",
      category: ["schulden"],
      age: 23,
      municipality: "GM0202",
      postcode: undefined,
      acceptsReferrals: "true",
      cursor: "abc",
      limit: PAGE_SIZE,
    });
  });

  test("leaves out what is not chosen", () => {
    expect(apiQuery(emptyFilters)).toEqual({
      q: undefined,
      category: undefined,
      age: undefined,
      municipality: undefined,
      postcode: undefined,
      acceptsReferrals: undefined,
      cursor: undefined,
      limit: PAGE_SIZE,
    });
  });
});

describe("ageProblem and postcodeProblem", () => {
  test("an age is a whole number up to 120; empty is fine", () => {
    expect(ageProblem("")).toBeNull();
    expect(ageProblem("23")).toBeNull();
    expect(ageProblem("121")).toBe("Vul een leeftijd in tussen 0 en 120 jaar, zoals 23.");
    expect(ageProblem("twintig")).toBe("Vul een leeftijd in tussen 0 en 120 jaar, zoals 23.");
  });

  test("a postcode is four digits, with or without the letters", () => {
    expect(postcodeProblem("6811")).toBeNull();
    expect(postcodeProblem("6811 AB")).toBeNull();
    expect(postcodeProblem("681")).toBe("Vul een postcode in zoals 6811 of 6811 AB.");
  });
});

describe("activeFilterCount", () => {
  test("counts every filter but the words", () => {
    expect(activeFilterCount({ ...emptyFilters, q: "x", categories: ["schulden", "wonen"], municipality: "GM0202" })).toBe(3);
    expect(activeFilterCount(emptyFilters)).toBe(0);
  });
});
