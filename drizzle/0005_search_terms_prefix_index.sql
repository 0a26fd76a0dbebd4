-- Prefix lookups (term LIKE 'schuldh%') on the typo dictionary, whatever the database collation.
CREATE INDEX search_terms_term_prefix_idx ON search_terms (term text_pattern_ops);
