import { notFound } from "../../lib/problem";
import { schakelTaxonomy } from "./taxonomy";

export function getHsdsTaxonomy(taxonomyId: string) {
  if (taxonomyId.toLowerCase() !== schakelTaxonomy.id) throw notFound("Deze taxonomie bestaat niet.");
  return schakelTaxonomy;
}
