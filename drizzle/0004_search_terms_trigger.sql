-- Keeps search_terms (the dictionary for typo matching) filled with every word of every listing,
-- whichever way a listing is written (API, import, seed). Words are never removed: a stale word
-- only means a suggestion that finds nothing.
CREATE FUNCTION services_collect_search_terms() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_terms (term)
  SELECT DISTINCT word
  FROM regexp_split_to_table(
    schakel_fold(NEW.name || ' ' || NEW.search_keywords || ' ' || NEW.description || ' ' || coalesce(NEW.eligibility, '')),
    '[^[:alnum:]]+'
  ) AS word
  WHERE length(word) BETWEEN 3 AND 40
  ON CONFLICT (term) DO NOTHING;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER services_collect_search_terms
  AFTER INSERT OR UPDATE OF name, search_keywords, description, eligibility ON services
  FOR EACH ROW EXECUTE FUNCTION services_collect_search_terms();
