import { notFound } from "../../lib/problem";
import { taxonomyTermById } from "./taxonomy";

export function getHsdsTaxonomyTerm(termId: string) {
  const term = taxonomyTermById(termId);
  if (!term) throw notFound("Deze term bestaat niet.");
  return term;
}
