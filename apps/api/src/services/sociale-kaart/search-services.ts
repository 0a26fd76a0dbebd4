import { type LifeDomain, lifeDomainLabels, lifeDomains, queryTerms, type ServiceStatus, synonymsOf } from "@schakel/core";
import { type Database, queryRows } from "@schakel/db";
import { type SQL, sql } from "drizzle-orm";
import { serviceSearchCursor } from "../../lib/cursor";

export interface ServiceSearchInput {
  q?: string;
  category: LifeDomain[];
  age?: number;
  municipality?: string;
  postcode?: string;
  acceptsReferrals?: boolean;
  organization?: string;
  status: ServiceStatus;
  cursor?: string;
  limit: number;
}

interface TermPlan {
  term: string;
  /** Words matched as prefixes: the term as typed, when it starts a known word (compounds, typing). */
  prefixes: string[];
  /** Words matched whole (stemmed): typo corrections and synonyms. */
  words: string[];
  suggestions: string[];
}

/**
 * At most this many matches are counted, faceted and ranked. Past it a query is too broad to read
 * anyway: the answer says so (meta.truncated) and ranks the first CANDIDATE_CAP matches found.
 */
export const CANDIDATE_CAP = 2000;

interface SearchRow {
  total: number;
  candidate_count: number;
  facets: Record<string, number>;
  rows: {
    id: string;
    name_hit: number;
    rank: number;
    last_verified_at: string;
    name: string;
    description: string;
    life_domains: LifeDomain[];
    age_min: number | null;
    age_max: number | null;
    is_national: boolean;
    municipality_codes: string[];
    accepts_referrals: boolean;
    partner_light: boolean;
    status: ServiceStatus;
    organization_id: string;
    organization_name: string;
    organization_slug: string;
    name_marked: string;
    description_marked: string;
  }[];
}

/** Marks ts_headline puts around matches; control characters never occur in listings. */
const START = "\u0001";
const STOP = "\u0002";

/**
 * Looks up each query word in the dictionary of words that occur in listings. A word that starts
 * no known word is taken for a typo and replaced by its nearest known words (trigram similarity).
 */
async function planTerms(db: Database, terms: string[]): Promise<TermPlan[]> {
  if (terms.length === 0) return [];
  const rows = await queryRows<{ term: string; known: boolean; similar: string[] }>(
    db,
    sql`
    select t.term,
           exists (select 1 from search_terms s where s.term like t.term || '%') as known,
           array(select s.term from search_terms s where s.term % t.term order by s.term <-> t.term limit 3) as similar
    from unnest(${sql.param(terms)}::text[]) with ordinality as t(term, position)
    order by t.position`,
  );
  return rows.map((row) => {
    const corrected = row.known || row.similar.length === 0 ? [] : row.similar;
    const prefixes = corrected.length === 0 ? [row.term] : [];
    const words = [...new Set([...corrected, ...[row.term, ...corrected].flatMap((w) => synonymsOf(w))])].filter(
      (w) => !prefixes.includes(w),
    );
    return { term: row.term, prefixes, words, suggestions: corrected };
  });
}

const lexeme = (word: string) => `'${word.replace(/[^\p{L}\p{N}]/gu, "")}'`;

/**
 * `(jongere:* | jongeren | jeugd) & (schuld:* | …)`: every term (or, with `|`, any) must match.
 * Only the words as typed are prefixes; synonyms and corrections are whole words, which keeps
 * broad stems like `jong:*` from matching half the country.
 */
function tsqueryText(plans: TermPlan[], join: "&" | "|"): string {
  return plans
    .map((p) => `(${[...p.prefixes.map((w) => `${lexeme(w)}:*`), ...p.words.map(lexeme)].join(" | ")})`)
    .join(` ${join} `);
}

function segments(marked: string): { text: string; match: boolean }[] {
  const out: { text: string; match: boolean }[] = [];
  for (const [i, part] of marked.split(new RegExp(`[${START}${STOP}]`)).entries()) {
    if (part) out.push({ text: part, match: i % 2 === 1 });
  }
  return out;
}

function postcodeDigits(postcode: string): number {
  return Number(postcode.slice(0, 4));
}

/**
 * Public search of the sociale kaart. Filters narrow the candidates through their indexes first;
 * only rows that pass every filter and the text match are ranked: name matches first, then
 * ts_rank (name > organization/area/domain words > description), then fresher listings.
 * One round trip returns the page, the total and the facet counts per life domain.
 */
export function searchServices(db: Database, input: ServiceSearchInput) {
  return db.transaction(async (tx) => {
    // Plan each search for its own words: a cached generic plan cannot know whether "maatje"
    // (few rows: use the text index) or "schulden" (many: scan until enough) is being asked.
    await tx.execute(sql`set local plan_cache_mode = force_custom_plan`);
    return search(tx as unknown as Database, input);
  });
}

async function search(db: Database, input: ServiceSearchInput) {
  const plans = await planTerms(db, queryTerms(input.q ?? ""));
  const filters: SQL[] = [sql`s.status = ${input.status}`];
  if (input.age !== undefined) {
    filters.push(sql`(s.age_min is null or s.age_min <= ${input.age}) and (s.age_max is null or s.age_max >= ${input.age})`);
  }
  if (input.municipality) {
    filters.push(sql`s.area_codes && array[${input.municipality}, 'NL']::text[]`);
  }
  if (input.postcode) {
    const pc = postcodeDigits(input.postcode);
    // National services, services in the postcode's municipality, and services listing the postcode itself.
    filters.push(sql`(s.area_codes && (array['NL'] || array(select m.code from municipalities m where m.postcode_ranges @> ${pc}::int))
      or s.postcode_ranges @> ${pc}::int)`);
  }
  if (input.acceptsReferrals !== undefined) filters.push(sql`s.accepts_referrals = ${input.acceptsReferrals}`);
  if (input.organization) filters.push(sql`s.organization_id = ${input.organization}`);

  let after: SQL = sql`true`;
  const cursor = serviceSearchCursor.decode(input.cursor);
  if (cursor) {
    const [hit, rank, verified, id] = cursor;
    after = sql`(m.name_hit, m.rank, m.last_verified_at, m.id) < (${hit}::int, ${rank}::float8, ${verified}::timestamptz, ${id}::uuid)`;
  }
  const categoryFilter =
    input.category.length > 0 ? sql`s.life_domains && ${sql.param(input.category)}::text[]::life_domain[]` : sql`true`;
  const where = sql.join(filters, sql` and `);

  const run = async (join: "&" | "|") => {
    const text = tsqueryText(plans, join);
    // The query is written out where it is used (not in a CTE), so the planner can estimate how
    // many rows it matches and choose between the text index, the area index or a scan.
    const hasText = plans.length > 0;
    const query = sql`to_tsquery('schakel_nl', ${text})`;
    const match = hasText ? sql`s.search_vector @@ ${query}` : sql`true`;
    const nameHit = hasText ? sql`case when s.name_vector @@ ${query} then 1 else 0 end` : sql`0`;
    const rank = hasText ? sql`ts_rank('{0.1, 0.2, 0.4, 1.0}', s.search_vector, ${query})::float8` : sql`0::float8`;
    const marked = (column: SQL, options: string, fallback: SQL) =>
      hasText ? sql`ts_headline('schakel_nl', ${column}, ${query}, ${options})` : fallback;
    // Both sets stop at CANDIDATE_CAP + 1 rows, so a query that matches half the country costs no
    // more than one that matches 2,000 services. Facets ignore the life-domain filter.
    const candidates =
      input.category.length > 0
        ? sql`select s.life_domains from services s where ${where} and ${match} limit ${CANDIDATE_CAP + 1}`
        : sql`select m.life_domains from matched m`;
    const rows = await queryRows<SearchRow>(
      db,
      sql`
      with matched as materialized (
        select s.id, s.last_verified_at, ${nameHit} as name_hit, ${rank} as rank, s.life_domains
        from services s
        where ${where} and ${match} and ${categoryFilter}
        limit ${CANDIDATE_CAP + 1}
      ),
      candidates as materialized (${candidates}),
      page as (
        select m.* from matched m
        where ${after}
        order by m.name_hit desc, m.rank desc, m.last_verified_at desc, m.id desc
        limit ${input.limit + 1}
      )
      select
        (select count(*)::int from matched) as total,
        (select count(*)::int from candidates) as candidate_count,
        (select coalesce(json_object_agg(d, n), '{}') from (select unnest(c.life_domains) as d, count(*)::int as n from candidates c group by 1) f) as facets,
        coalesce((select json_agg(r order by r.name_hit desc, r.rank desc, r.last_verified_at desc, r.id desc) from (
          select p.id, p.name_hit, p.rank, p.last_verified_at, s.name, s.description, s.life_domains, s.age_min, s.age_max,
                 s.is_national, s.municipality_codes, s.accepts_referrals, s.status,
                 (s.partner_light or o.partner_light) as partner_light,
                 o.id as organization_id, o.name as organization_name, o.slug as organization_slug,
                 ${marked(sql`s.name`, `StartSel=${START}, StopSel=${STOP}, HighlightAll=true`, sql`s.name`)} as name_marked,
                 ${marked(sql`s.description`, `StartSel=${START}, StopSel=${STOP}, MaxWords=30, MinWords=12, MaxFragments=1`, sql`left(s.description, 200)`)} as description_marked
          from page p join services s on s.id = p.id join organizations o on o.id = s.organization_id
        ) r), '[]') as rows`,
    );
    const [result] = rows;
    if (!result) throw new Error("search returned no row");
    return result;
  };

  let matchedAllTerms = true;
  let result = await run("&");
  if (result.total === 0 && plans.length > 1 && !input.cursor) {
    // No listing has every word: show those with some of them, best first, and say so.
    result = await run("|");
    matchedAllTerms = false;
  }
  const page = result.rows.slice(0, input.limit);
  const last = page.at(-1);
  const lastVerified = (r: { last_verified_at: string }) => new Date(r.last_verified_at).toISOString();
  return {
    data: page.map((r) => ({
      id: r.id,
      name: r.name,
      organization: { id: r.organization_id, name: r.organization_name, slug: r.organization_slug },
      summary: r.description.length > 200 ? `${r.description.slice(0, 197).trimEnd()}…` : r.description,
      highlights: { name: segments(r.name_marked), description: segments(r.description_marked) },
      lifeDomains: r.life_domains,
      ageMin: r.age_min,
      ageMax: r.age_max,
      isNational: r.is_national,
      municipalityCodes: r.municipality_codes,
      acceptsReferrals: r.accepts_referrals,
      partnerLight: r.partner_light,
      status: r.status,
      lastVerifiedAt: lastVerified(r),
    })),
    meta: {
      nextCursor:
        result.rows.length > input.limit && last
          ? serviceSearchCursor.encode([last.name_hit === 1 ? 1 : 0, last.rank, last.last_verified_at, last.id])
          : null,
      total: Math.min(result.total, CANDIDATE_CAP),
      truncated: result.total > CANDIDATE_CAP || result.candidate_count > CANDIDATE_CAP,
      facets: lifeDomains.map((d) => ({ category: d, label: lifeDomainLabels[d], count: result.facets[d] ?? 0 })),
      corrections: plans.filter((p) => p.suggestions.length > 0).map((p) => ({ term: p.term, suggestions: p.suggestions })),
      matchedAllTerms,
    },
  };
}
