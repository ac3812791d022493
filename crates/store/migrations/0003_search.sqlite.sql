-- Version 3 (SQLite): the full-text index behind a query's words (`q`).
-- One row per ledger entry holds the words of its names, its sources' titles
-- and its evidence text, as `search.rs` makes them (lower-cased runs of
-- letters and digits, one space apart, ` |` after each field); the program
-- fills it for every entry in the same transaction. FTS5 indexes that column
-- (external content: the words are kept once, in `entry_search`), splitting
-- on spaces only, so that its tokens are exactly the runs `search.rs` made.
-- Prefixes of two and three letters have their own index, for short words.
CREATE TABLE entry_search (
    rid      INTEGER PRIMARY KEY,
    entry_id TEXT NOT NULL UNIQUE REFERENCES ledger_entries (id),
    words    TEXT NOT NULL
);
CREATE VIRTUAL TABLE entry_search_fts USING fts5 (
    words,
    content = 'entry_search',
    content_rowid = 'rid',
    tokenize = "unicode61 remove_diacritics 0 categories 'L* N* Co M* P* S* C*'",
    prefix = '2 3'
);
CREATE TRIGGER entry_search_insert AFTER INSERT ON entry_search BEGIN
    INSERT INTO entry_search_fts (rowid, words) VALUES (new.rid, new.words);
END;
CREATE TRIGGER entry_search_delete AFTER DELETE ON entry_search BEGIN
    INSERT INTO entry_search_fts (entry_search_fts, rowid, words) VALUES ('delete', old.rid, old.words);
END;
CREATE TRIGGER entry_search_update AFTER UPDATE ON entry_search BEGIN
    INSERT INTO entry_search_fts (entry_search_fts, rowid, words) VALUES ('delete', old.rid, old.words);
    INSERT INTO entry_search_fts (rowid, words) VALUES (new.rid, new.words);
END;
