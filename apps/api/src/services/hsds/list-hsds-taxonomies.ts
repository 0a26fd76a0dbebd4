import type { HsdsPageQuery } from "../../schemas/hsds";
import { matches, pageOfList } from "./hsds-page";
import { schakelTaxonomy } from "./taxonomy";

/** GET /hsds/taxonomies: Schakel has one, its life domains. */
export function listHsdsTaxonomies(query: HsdsPageQuery) {
  const all = [schakelTaxonomy].filter((t) => matches(query.search, t.name, t.description));
  return pageOfList(all, query);
}
