import { foldText, type LifeDomain, lifeDomainDescriptions, lifeDomainLabels, lifeDomains } from "@schakel/core";
import { uuidV5 } from "./uuid-v5";

/**
 * Namespace of every id Schakel derives for HSDS (taxonomy, terms, and the phones, areas,
 * languages… it builds from a service's fields). Fixed forever: changing it changes every id.
 */
export const HSDS_NAMESPACE = "ea9e8ae5-1cff-4bf3-ac16-697422186e19";

/** A stable id for something HSDS wants an id for and Schakel keeps no row of. */
export function hsdsId(...parts: string[]): string {
  return uuidV5(parts.join(":"), HSDS_NAMESPACE);
}

/** The life domains (leefgebieden) as one HSDS taxonomy. */
export const schakelTaxonomy = {
  id: hsdsId("taxonomy", "leefgebieden"),
  name: "Schakel leefgebieden",
  description:
    "De leefgebieden van de sociale kaart van Schakel: waar een dienst inwoners met geldzorgen bij helpt (schulden, inkomen, wonen, …).",
  version: "1",
};

export type HsdsTaxonomy = typeof schakelTaxonomy;

export interface HsdsTaxonomyTerm {
  id: string;
  code: LifeDomain;
  name: string;
  description: string;
  taxonomy: string;
  taxonomy_id: string;
  taxonomy_detail: HsdsTaxonomy;
  language: string;
}

export const taxonomyTermId = (domain: LifeDomain) => hsdsId("taxonomy_term", "leefgebieden", domain);

export const taxonomyTerms: HsdsTaxonomyTerm[] = lifeDomains.map((domain) => ({
  id: taxonomyTermId(domain),
  code: domain,
  name: lifeDomainLabels[domain],
  description: lifeDomainDescriptions[domain],
  taxonomy: schakelTaxonomy.name,
  taxonomy_id: schakelTaxonomy.id,
  taxonomy_detail: schakelTaxonomy,
  language: "nl",
}));

const termById = new Map(taxonomyTerms.map((t) => [t.id, t]));

export function taxonomyTermById(id: string): HsdsTaxonomyTerm | undefined {
  return termById.get(id.toLowerCase());
}

const domainByWord = new Map<string, LifeDomain>(
  lifeDomains.flatMap((d) => [
    [foldText(d), d],
    [foldText(lifeDomainLabels[d]), d],
  ]),
);

/**
 * The life domain an HSDS taxonomy term stands for: one of ours by id, or any term whose code or
 * name is a life domain's id or Dutch label ("schulden", "Inkomen en toeslagen"), case and
 * accents ignored. null when it names none.
 */
export function lifeDomainOfTerm(term: { id?: unknown; code?: unknown; name?: unknown }): LifeDomain | null {
  if (typeof term.id === "string") {
    const ours = taxonomyTermById(term.id);
    if (ours) return ours.code;
  }
  for (const word of [term.code, term.name]) {
    if (typeof word !== "string") continue;
    const found = domainByWord.get(foldText(word.trim()));
    if (found) return found;
  }
  return null;
}
