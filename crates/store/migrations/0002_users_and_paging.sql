-- Version 2: the people who ingest and review through the server, their
-- browser sessions and API tokens, and indexes for paged, sorted lists.

-- A person who may ingest and review. Reading needs no account.
CREATE TABLE users (
    name          TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,           -- Argon2id, PHC string format
    created_at    TEXT NOT NULL
);

-- A browser session. The cookie holds a random secret; only its SHA-256 is
-- stored, so a copy of the database does not let anyone log in.
CREATE TABLE sessions (
    id_hash    TEXT PRIMARY KEY,
    user_name  TEXT NOT NULL REFERENCES users (name),
    csrf       TEXT NOT NULL,              -- the token every form of this session carries
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_name);

-- A token for scripts (`Authorization: Bearer …`), stored as its SHA-256.
CREATE TABLE api_tokens (
    token_hash TEXT PRIMARY KEY,
    user_name  TEXT NOT NULL REFERENCES users (name),
    created_at TEXT NOT NULL
);

-- Keyset paging: each list is ordered by a sort key then id, and a page
-- starts after the last (key, id) of the one before. The keys are
-- expressions so that entries without a date or a EUR value have a place in
-- the order: no date sorts first, no EUR value sorts as -1.
CREATE INDEX ledger_entries_by_date ON ledger_entries ((COALESCE(announced_on, '')), id);
CREATE INDEX ledger_entries_by_value ON ledger_entries ((COALESCE(CAST(value_eur AS NUMERIC), -1)), id);
CREATE INDEX ledger_entries_donor_by_date ON ledger_entries (donor_id, (COALESCE(announced_on, '')), id);
CREATE INDEX ledger_entries_donor_by_value ON ledger_entries (donor_id, (COALESCE(CAST(value_eur AS NUMERIC), -1)), id);
CREATE INDEX ledger_entries_recipient_by_date ON ledger_entries (recipient_id, (COALESCE(announced_on, '')), id);
CREATE INDEX ledger_entries_review_by_date ON ledger_entries (review, (COALESCE(announced_on, '')), id);
