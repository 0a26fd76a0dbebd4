import type { ServiceSearchInput } from "../../apps/api/src/services/sociale-kaart/search-services";
import type { BenchMunicipality } from "./municipalities";

type Query = Partial<ServiceSearchInput>;

/** The fixed benchmark set: what workers and residents type, with and without filters. */
export function benchQueries(m: BenchMunicipality[]): { label: string; query: Query }[] {
  const at = (i: number) => (m[i] as BenchMunicipality).code;
  const pc = (i: number) => String((m[i] as BenchMunicipality).postcodeFrom + 1);
  return [
    { label: "schuldhulp in Arnhem", query: { q: "schuldhulp", municipality: "GM0202" } },
    { label: "typo + synonym in Amsterdam", query: { q: "schuldhlp jongeren", municipality: "GM0363" } },
    { label: "voedselbank by postcode", query: { q: "voedselbank", postcode: pc(2) } },
    { label: "budgetcoach, national", query: { q: "budgetcoach" } },
    { label: "toeslagen for a 67-year-old", query: { q: "toeslagen", age: 67, municipality: at(20) } },
    { label: "energie afsluiting in Den Haag", query: { q: "energie afsluiting", municipality: "GM0518" } },
    { label: "life domain only, municipality", query: { category: ["schulden"], municipality: at(11) } },
    {
      label: "huurachterstand accepting referrals",
      query: { q: "huurachterstand", acceptsReferrals: true, municipality: at(5) },
    },
    { label: "jongere schulden age 23, national", query: { q: "jongere schulden", age: 23 } },
    { label: "voorzieningwijzer typo, national", query: { q: "voorzieningwijzer" } },
    { label: "browse voedsel in Enschede", query: { category: ["voedsel"], municipality: "GM0153" } },
    { label: "zorgpremie cak, national", query: { q: "zorgpremie cak" } },
    { label: "bewindvoering by postcode", query: { q: "bewindvoering", postcode: pc(40) } },
    { label: "sport kinderen in a town", query: { q: "sport kinderen", municipality: at(150) } },
    { label: "formulieren hulp age 80", query: { q: "formulieren hulp", age: 80, municipality: at(60) } },
    { label: "the issue's query", query: { q: "schuldhulp jongere arnhm" } },
    { label: "maatje in sociaal netwerk", query: { q: "maatje", category: ["sociaal-netwerk"], municipality: at(30) } },
    { label: "broad 'geld' in Amsterdam", query: { q: "geld", municipality: "GM0363" } },
    { label: "werk uitkering accepting referrals", query: { q: "werk uitkering", acceptsReferrals: true } },
    { label: "two domains, age, postcode", query: { category: ["schulden", "financien"], age: 30, postcode: pc(300) } },
  ];
}

/** The query as URL parameters for GET /api/v1/services. */
export function toSearchParams(query: Query): string {
  const p = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (Array.isArray(value)) for (const v of value) p.append(key, String(v));
    else if (value !== undefined) p.append(key, String(value));
  }
  return p.toString();
}
