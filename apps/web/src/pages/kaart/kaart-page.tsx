import { type LifeDomain, lifeDomains } from "@schakel/core";
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useEffect, useMemo, useRef, useState } from "react";
import { useSearchParams } from "react-router";
import { toProblem } from "../../api/problem";
import { referenceQueries } from "../../api/reference-data";
import { Page } from "../../components/page";
import { QueryError, QueryState } from "../../components/query-state";
import { useConfirmedSelect } from "../../components/use-confirmed-select";
import { useMunicipalityName } from "../../lib/municipality-names";
import {
  activeFilterCount,
  ageProblem,
  emptyFilters,
  filtersFromParams,
  type KaartFilters,
  paramsFromFilters,
  postcodeProblem,
} from "./search-params";
import { SearchResultList } from "./search-result-list";
import { useServiceSearch } from "./use-service-search";

/** Wait this long after the last key press before searching. */
const DEBOUNCE_MS = 250;
const WIDE_SCREEN = "(min-width: 56em)";

/** The fields the visitor types in; they reach the address bar (and the search) after a pause. */
interface Draft {
  q: string;
  age: string;
  postcode: string;
}

const draftFrom = (filters: KaartFilters): Draft => ({ q: filters.q, age: filters.age, postcode: filters.postcode });

/** The filters with what was typed, as far as it is valid; an invalid age or postcode keeps the one in use. */
function withDraft(applied: KaartFilters, draft: Draft): KaartFilters {
  return {
    ...applied,
    q: draft.q.trim(),
    age: ageProblem(draft.age) ? applied.age : draft.age.trim(),
    postcode: postcodeProblem(draft.postcode) ? applied.postcode : draft.postcode.trim(),
  };
}

/** "Toon 12 resultaten": the count when it is exact, so the visitor knows what the filters left. */
function showResultsLabel(meta: { total: number; truncated: boolean } | undefined): string {
  if (!meta || meta.truncated) return "Toon resultaten";
  return meta.total === 1 ? "Toon 1 resultaat" : `Toon ${meta.total} resultaten`;
}

const keyOf = (filters: KaartFilters) => paramsFromFilters(filters).toString();

function isWideScreen(): boolean {
  return typeof window.matchMedia === "function" && window.matchMedia(WIDE_SCREEN).matches;
}

/** /kaart: the public sociale kaart. Search as you type; the search lives in the address bar. */
export function KaartPage() {
  const [params, setParams] = useSearchParams();
  const key = keyOf(filtersFromParams(params));
  const applied = useMemo(() => filtersFromParams(new URLSearchParams(key)), [key]);
  const [draft, setDraft] = useState<Draft>(() => draftFrom(applied));
  const [postcodeChecked, setPostcodeChecked] = useState(false);
  const [filtersOpen, setFiltersOpen] = useState(isWideScreen);
  const committed = useRef(key);
  // A choice shows at once, before the address bar (a navigation, which React may render later) catches up.
  const [chosen, setChosen] = useState<KaartFilters | null>(null);
  const shown = chosen ?? applied;
  const searchRef = useRef<HTMLInputElement>(null);
  const ageRef = useRef<HTMLInputElement>(null);
  const postcodeRef = useRef<HTMLInputElement>(null);
  const search = useServiceSearch(key);
  const categories = useQuery(referenceQueries.categories());
  const municipalities = useQuery(referenceQueries.municipalities());
  const municipalityName = useMunicipalityName();
  const knownMunicipality = (code: string) => municipalities.data?.data.some((m) => m.code === code) ?? false;
  // The municipality applies when chosen with the mouse, Enter or on leaving the box; not per arrow key.
  const municipalitySelect = useConfirmedSelect(shown.municipality, (municipality) =>
    commit({ ...current(), municipality }, "push"),
  );

  function commit(next: KaartFilters, mode: "push" | "replace") {
    const nextKey = keyOf(next);
    if (nextKey === key) return;
    committed.current = nextKey;
    setChosen(next);
    setParams(new URLSearchParams(nextKey), { replace: mode === "replace", preventScrollReset: true });
  }

  // The address changed from outside (Back, Forward, a link): show its search in the fields.
  useEffect(() => {
    setChosen(null);
    if (key === committed.current) return;
    committed.current = key;
    setDraft(draftFrom(applied));
    setPostcodeChecked(false);
  }, [key, applied]);

  // Typing: search once the visitor pauses. Replacing the history entry keeps Back useful.
  // biome-ignore lint/correctness/useExhaustiveDependencies: commit only reads key, which is listed
  useEffect(() => {
    const timer = setTimeout(() => commit(withDraft(shown, draft), "replace"), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [draft, shown, key]);

  /** The current filters, what was typed included, for a change that applies at once. */
  const current = () => withDraft(shown, draft);

  function submit(event: FormEvent) {
    event.preventDefault();
    setPostcodeChecked(true);
    if (ageProblem(draft.age)) ageRef.current?.focus();
    else if (postcodeProblem(draft.postcode)) postcodeRef.current?.focus();
    commit(current(), "push");
  }

  function toggleCategory(domain: LifeDomain, on: boolean) {
    const chosen = new Set(current().categories);
    if (on) chosen.add(domain);
    else chosen.delete(domain);
    commit({ ...current(), categories: lifeDomains.filter((d) => chosen.has(d)) }, "push");
  }

  function clearFilters() {
    setDraft((d) => ({ ...d, age: "", postcode: "" }));
    setPostcodeChecked(false);
    commit({ ...emptyFilters, q: draft.q.trim() }, "push");
    searchRef.current?.focus();
  }

  function searchEverywhere() {
    setDraft((d) => ({ ...d, postcode: "" }));
    setPostcodeChecked(false);
    commit({ ...current(), municipality: "", postcode: "" }, "push");
    searchRef.current?.focus();
  }

  /** On a phone the open filters push the results off screen: fold them and go to the results. */
  function showResults() {
    setFiltersOpen(false);
    const heading = document.getElementById("kaart-resultaten-titel");
    heading?.focus();
    heading?.scrollIntoView({ block: "start" });
  }

  function startOver() {
    setDraft(draftFrom(emptyFilters));
    setPostcodeChecked(false);
    commit(emptyFilters, "push");
    searchRef.current?.focus();
  }

  const ageError = ageProblem(draft.age);
  const postcodeError = postcodeChecked ? postcodeProblem(draft.postcode) : null;
  const filterCount = activeFilterCount(shown);
  const facets = search.results?.meta.facets;
  const countsKnown = Boolean(facets) && !search.results?.meta.truncated;

  return (
    <Page title={applied.q ? `Sociale kaart: ${applied.q}` : "Sociale kaart"} heading="Sociale kaart">
      <p className="utrecht-paragraph utrecht-paragraph--lead">
        Zoek hulp voor inwoners met geldzorgen: schuldhulp, toeslagen, fondsen, voedsel en meer. Iedereen kan zoeken, ook zonder
        account.
      </p>

      <search className="schakel-search" aria-label="Sociale kaart doorzoeken">
        <form noValidate onSubmit={submit}>
          <div className="utrecht-form-field utrecht-form-field--distanced">
            <div className="utrecht-form-field__label">
              <label className="utrecht-form-label" htmlFor="kaart-zoeken">
                Zoek hulp
              </label>
            </div>
            <div className="utrecht-form-field__description utrecht-form-field-description" id="kaart-zoeken-uitleg">
              Typ wat de inwoner nodig heeft, een organisatie of een plaats.
            </div>
            <div className="utrecht-form-field__input schakel-search__bar">
              <input
                ref={searchRef}
                id="kaart-zoeken"
                name="q"
                type="search"
                className="utrecht-textbox utrecht-textbox--html-input schakel-search__input"
                placeholder="bijvoorbeeld: schuldhulp jongere arnhem"
                aria-describedby="kaart-zoeken-uitleg"
                autoComplete="off"
                maxLength={200}
                value={draft.q}
                onChange={(e) => setDraft((d) => ({ ...d, q: e.target.value }))}
              />
              <button type="submit" className="utrecht-button utrecht-button--primary-action">
                Zoeken
              </button>
            </div>
          </div>
        </form>
      </search>

      <div className="schakel-kaart">
        <details className="schakel-filters" open={filtersOpen} onToggle={(e) => setFiltersOpen(e.currentTarget.open)}>
          <summary className="schakel-filters__summary">
            Filters
            {filterCount > 0 ? <span className="schakel-muted"> ({filterCount} gekozen)</span> : null}
          </summary>
          <form className="schakel-filters__form" aria-label="Filters" noValidate onSubmit={submit}>
            <fieldset className="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset schakel-fieldset">
              <legend className="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">Leefgebied</legend>
              <QueryState query={categories} loading="De leefgebieden worden geladen…">
                {(list) =>
                  list.data.map((category) => {
                    const domain = category.id;
                    const count = facets?.find((f) => f.category === domain)?.count;
                    const id = `kaart-leefgebied-${domain}`;
                    return (
                      <div key={domain} className="utrecht-form-field utrecht-form-field--checkbox schakel-check">
                        <div className="utrecht-form-field__input">
                          <input
                            id={id}
                            type="checkbox"
                            className="utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom"
                            checked={shown.categories.includes(domain)}
                            onChange={(e) => toggleCategory(domain, e.target.checked)}
                          />
                        </div>
                        <div className="utrecht-form-field__label">
                          <label className="utrecht-form-label utrecht-form-label--checkbox" htmlFor={id}>
                            {category.label}
                            {countsKnown && count !== undefined ? <span className="schakel-facet-count"> ({count})</span> : null}
                          </label>
                        </div>
                      </div>
                    );
                  })
                }
              </QueryState>
            </fieldset>

            <div className={`utrecht-form-field utrecht-form-field--distanced${ageError ? " utrecht-form-field--invalid" : ""}`}>
              <div className="utrecht-form-field__label">
                <label className="utrecht-form-label" htmlFor="kaart-leeftijd">
                  Leeftijd van de inwoner
                </label>
              </div>
              {ageError ? (
                <div className="utrecht-form-field__error-message utrecht-form-field-error-message" id="kaart-leeftijd-fout">
                  {ageError}
                </div>
              ) : null}
              <div className="utrecht-form-field__input">
                <input
                  ref={ageRef}
                  id="kaart-leeftijd"
                  name="leeftijd"
                  type="text"
                  inputMode="numeric"
                  autoComplete="off"
                  maxLength={3}
                  aria-invalid={ageError ? true : undefined}
                  aria-describedby={ageError ? "kaart-leeftijd-fout" : undefined}
                  className={`utrecht-textbox utrecht-textbox--html-input utrecht-textbox--numeric schakel-textbox--short${ageError ? " utrecht-textbox--invalid" : ""}`}
                  value={draft.age}
                  onChange={(e) => setDraft((d) => ({ ...d, age: e.target.value }))}
                />
              </div>
            </div>

            <div className="utrecht-form-field utrecht-form-field--distanced">
              <div className="utrecht-form-field__label">
                <label className="utrecht-form-label" htmlFor="kaart-gemeente">
                  Gemeente
                </label>
              </div>
              <div className="utrecht-form-field__input">
                <select
                  id="kaart-gemeente"
                  name="gemeente"
                  className="utrecht-select utrecht-select--html-select"
                  {...municipalitySelect.props}
                >
                  <option value="">Heel Nederland</option>
                  {/* A code from the address that the list does not hold (yet): shown as it is. */}
                  {shown.municipality && !knownMunicipality(shown.municipality) ? (
                    <option value={shown.municipality}>{municipalityName(shown.municipality)}</option>
                  ) : null}
                  {municipalities.data?.data.map((m) => (
                    <option key={m.code} value={m.code}>
                      {m.name}
                    </option>
                  ))}
                </select>
              </div>
              {municipalities.isError ? (
                <QueryError
                  problem={{
                    ...toProblem(municipalities.error),
                    detail: `De gemeenten konden niet worden geladen. ${toProblem(municipalities.error).detail}`,
                  }}
                  retry={() => void municipalities.refetch()}
                  busy={municipalities.isFetching}
                />
              ) : null}
            </div>

            <div
              className={`utrecht-form-field utrecht-form-field--distanced${postcodeError ? " utrecht-form-field--invalid" : ""}`}
            >
              <div className="utrecht-form-field__label">
                <label className="utrecht-form-label" htmlFor="kaart-postcode">
                  Of postcode
                </label>
              </div>
              <div className="utrecht-form-field__description utrecht-form-field-description" id="kaart-postcode-uitleg">
                Bijvoorbeeld 6811 of 6811 AB.
              </div>
              {postcodeError ? (
                <div className="utrecht-form-field__error-message utrecht-form-field-error-message" id="kaart-postcode-fout">
                  {postcodeError}
                </div>
              ) : null}
              <div className="utrecht-form-field__input">
                <input
                  ref={postcodeRef}
                  id="kaart-postcode"
                  name="postcode"
                  type="text"
                  autoComplete="off"
                  maxLength={7}
                  aria-invalid={postcodeError ? true : undefined}
                  aria-describedby={postcodeError ? "kaart-postcode-fout kaart-postcode-uitleg" : "kaart-postcode-uitleg"}
                  className={`utrecht-textbox utrecht-textbox--html-input utrecht-textbox--postal-code-nl-size${postcodeError ? " utrecht-textbox--invalid" : ""}`}
                  value={draft.postcode}
                  onChange={(e) => setDraft((d) => ({ ...d, postcode: e.target.value }))}
                  onBlur={() => setPostcodeChecked(true)}
                />
              </div>
            </div>

            <div className="utrecht-form-field utrecht-form-field--checkbox utrecht-form-field--distanced schakel-check">
              <div className="utrecht-form-field__input">
                <input
                  id="kaart-verwijzen"
                  type="checkbox"
                  className="utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom"
                  checked={shown.acceptsReferrals}
                  onChange={(e) => commit({ ...current(), acceptsReferrals: e.target.checked }, "push")}
                />
              </div>
              <div className="utrecht-form-field__label">
                <label className="utrecht-form-label utrecht-form-label--checkbox" htmlFor="kaart-verwijzen">
                  Alleen diensten die verwijzingen via Schakel aannemen
                </label>
              </div>
            </div>

            <p className="utrecht-paragraph schakel-filters__actions">
              {/* Only on a narrow screen (CSS): there the results are below the filters. */}
              <button
                type="button"
                className="utrecht-button utrecht-button--primary-action schakel-filters__show"
                onClick={showResults}
              >
                {showResultsLabel(search.results?.meta)}
              </button>
              {filterCount > 0 ? (
                <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={clearFilters}>
                  Alle filters wissen
                </button>
              ) : null}
            </p>
          </form>
        </details>

        <SearchResultList
          search={search}
          filters={applied}
          searchKey={key}
          onClearFilters={filterCount > 0 ? clearFilters : null}
          onSearchEverywhere={shown.municipality || shown.postcode ? searchEverywhere : null}
          onStartOver={shown.q || filterCount > 0 ? startOver : null}
        />
      </div>
    </Page>
  );
}
