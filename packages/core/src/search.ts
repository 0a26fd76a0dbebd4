/**
 * Rules for searching the sociale kaart in Dutch: how a query is cut into terms and which words
 * count as the same. The database does stemming, accent folding and typo matching; this module
 * decides what to ask it.
 */
import { z } from "zod";

const AGE_MESSAGE = "Vul een leeftijd in tussen 0 en 120 jaar, zoals 23.";

/** An age to search by, as typed or sent in a query string ("23"). */
export const SearchAgeSchema = z.coerce.number({ error: AGE_MESSAGE }).int(AGE_MESSAGE).min(0, AGE_MESSAGE).max(120, AGE_MESSAGE);

/** A postcode to search by: its four digits count, the letters may be left out. */
export const SearchPostcodeSchema = z.string().regex(/^\d{4}\s?([A-Za-z]{2})?$/, "Vul een postcode in zoals 6811 of 6811 AB.");

/**
 * Groups of words a searcher means interchangeably. Every word of a group finds the others.
 * Words are lower case without accents; matching is on word prefixes, so "voedselbank" also
 * finds "voedselbanken".
 */
export const synonymGroups: readonly (readonly string[])[] = [
  ["schuldhulp", "schuldhulpverlening", "schulddienstverlening", "schuldsanering", "schuldregeling"],
  ["schulden", "schuld", "betalingsachterstand", "achterstand", "achterstanden"],
  ["geld", "financien", "geldzaken", "budget", "financieel"],
  ["budgetcoach", "budgetcoaching", "budgetbegeleiding", "budgetmaatje", "geldcoach"],
  ["eten", "voedsel", "voedselbank", "voedselpakket", "boodschappen"],
  ["jongeren", "jongere", "jongvolwassenen", "jongvolwassene", "jeugd", "jong"],
  ["kinderen", "kind", "gezin", "gezinnen", "ouders"],
  ["huur", "huurachterstand", "wonen", "woning", "huisvesting"],
  ["uitzetting", "ontruiming", "huisuitzetting"],
  ["energie", "gas", "stroom", "elektriciteit", "energierekening", "afsluiting"],
  ["zorgverzekering", "zorgpremie", "zorgverzekeraar", "premie", "wanbetalersregeling", "cak"],
  ["toeslag", "toeslagen", "huurtoeslag", "zorgtoeslag", "kinderopvangtoeslag"],
  ["uitkering", "bijstand", "bijstandsuitkering", "participatiewet"],
  ["bewind", "bewindvoering", "beschermingsbewind", "bewindvoerder"],
  ["administratie", "papieren", "post", "formulieren", "thuisadministratie"],
  ["fonds", "fondsen", "noodfonds", "steunfonds", "gift"],
  ["werk", "baan", "werkloos", "ondernemer", "zzp"],
  ["huisbezoek", "thuisbezoek", "langskomen", "outreachend"],
  ["wijkteam", "buurtteam", "sociaal team", "wijkcoach"],
  ["voorzieningenwijzer", "voorzieningwijzer"],
];

const synonymIndex: ReadonlyMap<string, readonly string[]> = (() => {
  const index = new Map<string, string[]>();
  for (const group of synonymGroups) {
    for (const word of group) {
      const others = group.filter((w) => w !== word && !w.includes(" "));
      index.set(word, [...new Set([...(index.get(word) ?? []), ...others])]);
    }
  }
  return index;
})();

/** Lower case, accents folded (financiën → financien, Opr€cht → oprecht). */
export function foldText(text: string): string {
  return text.normalize("NFKD").replace(/\p{M}/gu, "").replace(/€/g, "e").toLowerCase();
}

/** At most this many terms count; longer queries are cut. */
export const MAX_QUERY_TERMS = 8;

/** The query's words, folded, letters and digits only, at least two characters, no duplicates. */
export function queryTerms(query: string): string[] {
  const words = foldText(query)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 2);
  return [...new Set(words)].slice(0, MAX_QUERY_TERMS);
}

/** The other words a term stands for (empty when it has no synonyms). */
export function synonymsOf(term: string): readonly string[] {
  return synonymIndex.get(foldText(term)) ?? [];
}
