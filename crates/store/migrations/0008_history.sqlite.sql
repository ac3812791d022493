-- Version 8 (SQLite): every version of every ledger entry (issue 17, bitemporal history).
-- `ledger_entries` keeps the current row in place, so the ledger's queries and
-- indexes are those of version 7; each change to an entry (an ingest, an added
-- commitment, a review or edit, a regrouping, a re-conversion) also writes,
-- in the same transaction, a row here: the version it opens. The version it
-- replaces is closed (`tx_to`). Valid time is the entry's own dates
-- (`announced_on`, `first_reported`); transaction time is `tx_from`/`tx_to`,
-- in microseconds since 1970 UTC (exact and ordered alike on both databases).
-- `change_id` counts every change in the order the ledger made them: the
-- cursor of the change feed. An entry a regrouping removed gets a last
-- version with `removed = 1` that keeps its final values (so a feed filtered
-- by recipient still sees it go).
CREATE TABLE entry_versions (
    change_id        BIGINT PRIMARY KEY,
    entry_id         TEXT NOT NULL,
    tx_from          BIGINT NOT NULL,
    tx_to            BIGINT,                -- NULL: the current version
    cause            TEXT NOT NULL,         -- ingest, add, review, edit, merge, split, detach, undo, reconvert, migration
    actor            TEXT,
    removed          BIGINT NOT NULL DEFAULT 0,
    donor_id         TEXT NOT NULL,
    donor_name       TEXT NOT NULL,
    recipient_id     TEXT NOT NULL,
    recipient_name   TEXT NOT NULL,
    category         TEXT NOT NULL,
    instrument       TEXT NOT NULL,
    status           TEXT NOT NULL,
    figure           TEXT,
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
    review           TEXT NOT NULL,
    edits            TEXT,
    members          TEXT NOT NULL          -- JSON array of the entry's commitment ids
);
CREATE INDEX entry_versions_entry ON entry_versions (entry_id, tx_to);
CREATE INDEX entry_versions_from ON entry_versions (tx_from);
CREATE INDEX entry_versions_to ON entry_versions (tx_to);
-- The change feed filtered by a party reads that party's versions in order.
CREATE INDEX entry_versions_donor ON entry_versions (donor_id, change_id);
CREATE INDEX entry_versions_recipient ON entry_versions (recipient_id, change_id);

-- The ledger as it stands becomes each entry's first version. What it said
-- before is not known: the version runs from when the ledger first stored a
-- document of the entry (else from its last update).
INSERT INTO entry_versions (change_id, entry_id, tx_from, tx_to, cause, actor, removed, donor_id, donor_name, recipient_id, recipient_name, category, instrument, status, figure, amount_value, amount_currency, amount_qualifier, amount_upper, value_eur, eur_rate, eur_rate_date, value_usd, usd_rate, usd_rate_date, announced_on, first_reported, n_sources, confidence, review, edits, members)
SELECT ROW_NUMBER() OVER (ORDER BY e.id), e.id,
       CAST(strftime('%s', t.at) AS INTEGER) * 1000000 + CAST(SUBSTR(strftime('%f', t.at), 4) AS INTEGER) * 1000,
       NULL, 'migration', NULL, 0,
       e.donor_id, e.donor_name, e.recipient_id, e.recipient_name, e.category, e.instrument, e.status, e.figure, e.amount_value, e.amount_currency, e.amount_qualifier, e.amount_upper, e.value_eur, e.eur_rate, e.eur_rate_date, e.value_usd, e.usd_rate, e.usd_rate_date, e.announced_on, e.first_reported, e.n_sources, e.confidence, e.review, e.edits,
       (SELECT COALESCE(json_group_array(m.id), '[]') FROM (SELECT id FROM commitments WHERE entry_id = e.id ORDER BY id) m)
FROM ledger_entries e
JOIN (SELECT le.id, COALESCE(MIN(d.ingested_at), le.updated_at) AS at FROM ledger_entries le
      LEFT JOIN commitments c ON c.entry_id = le.id LEFT JOIN documents d ON d.id = c.document_id
      GROUP BY le.id, le.updated_at) t ON t.id = e.id;
