-- The ledger, version 1. One schema for SQLite and PostgreSQL: TEXT for exact
-- decimals (money and rates, as written by rust_decimal) and ISO dates, BIGINT
-- for counts and offsets, DOUBLE PRECISION only for confidence scores.

-- A document as stored: its cleaned text, so evidence offsets stay valid.
CREATE TABLE documents (
    id            TEXT PRIMARY KEY,        -- XXH3-64 of the cleaned text
    source        TEXT NOT NULL,
    source_id     TEXT,
    url           TEXT,
    outlet        TEXT,
    title         TEXT,
    published     TEXT,
    text          TEXT NOT NULL,
    segments      TEXT NOT NULL,           -- JSON array of {kind, start, end}
    n_commitments BIGINT NOT NULL,
    ingested_at   TEXT NOT NULL
);

-- One commitment as reported across documents. Computed from its member
-- commitments (see merge.rs); `edits` holds a reviewer's overrides.
CREATE TABLE ledger_entries (
    id               TEXT PRIMARY KEY,     -- the id of the commitment that founded it
    donor_id         TEXT NOT NULL,
    donor_name       TEXT NOT NULL,
    recipient_id     TEXT NOT NULL,
    recipient_name   TEXT NOT NULL,
    category         TEXT NOT NULL,
    instrument       TEXT NOT NULL,
    status           TEXT NOT NULL,
    figure           TEXT,                 -- key of the canonical variant
    amount_value     TEXT,
    amount_currency  TEXT,
    amount_qualifier TEXT,
    amount_upper     TEXT,
    value_eur        TEXT,
    eur_rate         TEXT,
    eur_rate_date    TEXT,
    value_usd        TEXT,
    usd_rate         TEXT,
    usd_rate_date    TEXT,
    announced_on     TEXT,
    first_reported   TEXT,
    n_sources        BIGINT NOT NULL,
    confidence       DOUBLE PRECISION NOT NULL,
    review           TEXT NOT NULL DEFAULT 'unreviewed',
    edits            TEXT,                 -- JSON object: field -> value
    updated_at       TEXT NOT NULL
);
CREATE INDEX ledger_entries_parties ON ledger_entries (donor_id, recipient_id);
CREATE INDEX ledger_entries_announced ON ledger_entries (announced_on);

-- One commitment as one document states it.
CREATE TABLE commitments (
    id               TEXT PRIMARY KEY,
    document_id      TEXT NOT NULL REFERENCES documents (id),
    entry_id         TEXT NOT NULL REFERENCES ledger_entries (id),
    donor_id         TEXT,
    donor_name       TEXT,
    recipient_id     TEXT,
    recipient_name   TEXT,
    category         TEXT NOT NULL,
    instrument       TEXT NOT NULL,
    status           TEXT NOT NULL,
    figure           TEXT,                 -- variant key, e.g. "up_to 1600000000 GBP"
    amount_value     TEXT,
    amount_currency  TEXT,
    amount_qualifier TEXT,
    amount_upper     TEXT,
    value_eur        TEXT,
    eur_rate         TEXT,
    eur_rate_date    TEXT,
    value_usd        TEXT,
    usd_rate         TEXT,
    usd_rate_date    TEXT,
    unconverted      TEXT,
    announced_on     TEXT,
    published        TEXT,                 -- the document's date, for merging
    confidence       DOUBLE PRECISION NOT NULL,
    items            TEXT NOT NULL,        -- JSON array, as in the record
    record           TEXT NOT NULL         -- the full commitment record, JSON
);
CREATE INDEX commitments_parties ON commitments (donor_id, recipient_id, announced_on);
CREATE INDEX commitments_entry ON commitments (entry_id);
CREATE INDEX commitments_document ON commitments (document_id);

-- The spans of the document text that state each field (code-point offsets).
CREATE TABLE evidence (
    commitment_id TEXT NOT NULL REFERENCES commitments (id),
    field         TEXT NOT NULL,
    start_offset  BIGINT NOT NULL,
    end_offset    BIGINT NOT NULL
);
CREATE INDEX evidence_commitment ON evidence (commitment_id);

-- Each differing figure of an entry; its sources are the entry's commitments
-- with the same `figure`.
CREATE TABLE variants (
    entry_id         TEXT NOT NULL REFERENCES ledger_entries (id),
    figure           TEXT NOT NULL,
    amount_value     TEXT NOT NULL,
    amount_currency  TEXT NOT NULL,
    amount_qualifier TEXT NOT NULL,
    amount_upper     TEXT,
    value_eur        TEXT,
    value_usd        TEXT,
    n_sources        BIGINT NOT NULL,
    first_reported   TEXT,
    PRIMARY KEY (entry_id, figure)
);

-- Who changed what in review, and when; `seq` counts per entry.
CREATE TABLE review_log (
    entry_id  TEXT NOT NULL REFERENCES ledger_entries (id),
    seq       BIGINT NOT NULL,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    field     TEXT,
    old_value TEXT,
    new_value TEXT,
    note      TEXT,
    PRIMARY KEY (entry_id, seq)
);

-- Inputs that could not be read: one row per source, kept across runs.
CREATE TABLE ingest_errors (
    source     TEXT PRIMARY KEY,
    reason     TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen  TEXT NOT NULL
);

-- An entry's sources: the documents of its commitments.
CREATE VIEW ledger_sources AS
SELECT c.entry_id, c.id AS commitment_id, c.figure, d.id AS document_id,
       d.outlet, d.url, d.title, d.published
FROM commitments c
JOIN documents d ON d.id = c.document_id;
