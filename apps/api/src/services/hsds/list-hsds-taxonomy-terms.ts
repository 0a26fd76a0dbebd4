import type { HsdsTaxonomyTermQuery } from "../../schemas/hsds";
import { matches, pageOfList } from "./hsds-page";
import { taxonomyTerms } from "./taxonomy";

/** GET /hsds/taxonomy-terms: the life domains. */
export function listHsdsTaxonomyTerms(query: HsdsTaxonomyTermQuery) {
  const all = taxonomyTerms.filter(
    (t) =>
      (!query.taxonomyId || query.taxonomyId.toLowerCase() === t.taxonomy_id) &&
      matches(query.search, t.code, t.name, t.description),
  );
  return pageOfList(all, query);
}
