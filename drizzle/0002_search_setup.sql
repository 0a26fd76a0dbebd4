-- Dutch search for the sociale kaart: stemming (dutch snowball), accents folded (unaccent),
-- typo matching on words (pg_trgm). Both ship with PostgreSQL (contrib) and with PGlite.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION schakel_nl (COPY = pg_catalog.dutch);
--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION schakel_nl
  ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part
  WITH unaccent, dutch_stem;
--> statement-breakpoint
-- Lower case, accents off, € as the e it stands for in names like Opr€cht. unaccent() is only
-- STABLE because its dictionary could change; with the dictionary named it is safe to index.
CREATE FUNCTION schakel_fold(text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, replace($1, '€', 'e'))) $$;
