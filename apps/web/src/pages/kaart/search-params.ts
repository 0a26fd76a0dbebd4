import { type LifeDomain, lifeDomains, MunicipalityCodeSchema, SearchAgeSchema, SearchPostcodeSchema } from "@schakel/core";

/**
 * What the visitor searches for, as it stands in the address bar (so a search can be shared and
 * Back works): /kaart?q=schuldhulp&leefgebied=schulden&leeftijd=23&gemeente=GM0202&verwijzen=ja
 */
export interface KaartFilters {
  q: string;
  categories: LifeDomain[];
  age: string;
  municipality: string;
  postcode: string;
  acceptsReferrals: boolean;
}

export const emptyFilters: KaartFilters = {
  q: "",
  categories: [],
  age: "",
  municipality: "",
  postcode: "",
  acceptsReferrals: false,
};

/** What is wrong with a typed age, by core's rule for searching (the API's); null when fine or empty. */
export function ageProblem(value: string): string | null {
  const age = value.trim();
  if (!age) return null;
  return SearchAgeSchema.safeParse(age).error?.issues[0]?.message ?? null;
}

/** What is wrong with a typed postcode, by core's rule for searching (the API's); null when fine or empty. */
export function postcodeProblem(value: string): string | null {
  const postcode = value.trim();
  if (!postcode) return null;
  return SearchPostcodeSchema.safeParse(postcode).error?.issues[0]?.message ?? null;
}

export function filtersFromParams(params: URLSearchParams): KaartFilters {
  const age = params.get("leeftijd")?.trim() ?? "";
  const postcode = params.get("postcode")?.trim() ?? "";
  const municipality = params.get("gemeente") ?? "";
  return {
    q: params.get("q")?.slice(0, 200) ?? "",
    categories: lifeDomains.filter((d) => params.getAll("leefgebied").includes(d)),
    age: ageProblem(age) ? "" : age,
    municipality: MunicipalityCodeSchema.safeParse(municipality).success ? municipality : "",
    postcode: postcodeProblem(postcode) ? "" : postcode,
    acceptsReferrals: params.get("verwijzen") === "ja",
  };
}

export function paramsFromFilters(filters: KaartFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.q.trim()) params.set("q", filters.q.trim());
  for (const category of filters.categories) params.append("leefgebied", category);
  if (filters.age) params.set("leeftijd", filters.age);
  if (filters.municipality) params.set("gemeente", filters.municipality);
  if (filters.postcode) params.set("postcode", filters.postcode);
  if (filters.acceptsReferrals) params.set("verwijzen", "ja");
  return params;
}

/** The query for GET /services. */
export function apiQuery(filters: KaartFilters, cursor?: string) {
  return {
    q: filters.q.trim() || undefined,
    category: filters.categories.length > 0 ? filters.categories : undefined,
    age: filters.age ? Number(filters.age) : undefined,
    municipality: filters.municipality || undefined,
    postcode: filters.postcode || undefined,
    acceptsReferrals: filters.acceptsReferrals ? ("true" as const) : undefined,
    cursor,
    limit: PAGE_SIZE,
  };
}

export const PAGE_SIZE = 20;

/** How many filters (besides the words) narrow the search. */
export function activeFilterCount(filters: KaartFilters): number {
  return (
    filters.categories.length +
    (filters.age ? 1 : 0) +
    (filters.municipality ? 1 : 0) +
    (filters.postcode ? 1 : 0) +
    (filters.acceptsReferrals ? 1 : 0)
  );
}
