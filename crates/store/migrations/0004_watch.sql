-- Version 4: what `pledgewatch watch` knows about the sources it follows, so a
-- restart neither refetches what did not change nor stores an item twice.

-- One followed feed or page: its validators for conditional GETs and its status.
CREATE TABLE watch_sources (
    url            TEXT PRIMARY KEY,
    kind           TEXT NOT NULL,          -- feed | page
    outlet         TEXT,
    country        TEXT,
    etag           TEXT,                   -- sent back as If-None-Match
    last_modified  TEXT,                   -- sent back as If-Modified-Since
    last_poll_at   TEXT,                   -- RFC 3339, UTC
    last_status    TEXT,                   -- new | unchanged | not_modified | failed
    last_new_at    TEXT,                   -- when an item was last stored
    items          BIGINT NOT NULL DEFAULT 0,
    polls          BIGINT NOT NULL DEFAULT 0,
    failures       BIGINT NOT NULL DEFAULT 0,
    last_error     TEXT,
    last_error_at  TEXT
);

-- An item already taken from a source: its feed guid or link (or a page's
-- address and content), never ingested again.
CREATE TABLE watch_items (
    item_key    TEXT PRIMARY KEY,
    source_url  TEXT NOT NULL,
    document_id TEXT,                      -- NULL when the item could not be read
    seen_at     TEXT NOT NULL
);
CREATE INDEX watch_items_by_source ON watch_items (source_url, seen_at);
