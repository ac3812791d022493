-- Version 3 (PostgreSQL): the full-text index behind a query's words (`q`).
-- One row per ledger entry holds the words of its names, its sources' titles
-- and its evidence text, as `search.rs` makes them (lower-cased runs of
-- letters and digits, one space apart); the program fills it for every entry
-- in the same transaction. The `simple` configuration keeps every word as it
-- is (no stemming, no stop words), as a search did before the index.
CREATE TABLE entry_search (
    entry_id TEXT PRIMARY KEY REFERENCES ledger_entries (id),
    words    TEXT NOT NULL,
    tsv      tsvector GENERATED ALWAYS AS (to_tsvector('simple', words)) STORED
);
CREATE INDEX entry_search_tsv ON entry_search USING GIN (tsv);
