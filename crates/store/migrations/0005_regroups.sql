-- Version 4: a person's regrouping of ledger entries — merging two entries,
-- splitting one, detaching a source into its own entry — and its undo.

-- One regrouping. `members_before` holds every entry it touched as it was
-- (members, review state, edits, and the log of an entry it removed), so
-- that an undo restores the former grouping exactly; `members_after` the
-- membership it left (entry id -> commitment ids), which an undo checks.
CREATE TABLE regroups (
    id             BIGINT PRIMARY KEY,
    at             TEXT NOT NULL,
    actor          TEXT NOT NULL,
    kind           TEXT NOT NULL,          -- merge, split, detach, undo
    entry_id       TEXT NOT NULL,          -- the entry acted on (kept)
    other_id       TEXT NOT NULL,          -- merge: the entry merged away; split/detach: the new entry
    note           TEXT,
    members_before TEXT NOT NULL,          -- JSON array of entry snapshots
    members_after  TEXT NOT NULL,          -- JSON object: entry id -> [commitment id]
    undoes         BIGINT,                 -- an undo: the regrouping it reversed
    undone_by      BIGINT
);
CREATE INDEX regroups_entry ON regroups (entry_id);
CREATE INDEX regroups_other ON regroups (other_id);

-- Where a person put a commitment. The merge decides an entry only for a
-- commitment nobody placed: a commitment stored again (a document
-- re-extracted) goes back to its pinned entry. No foreign key: a pin
-- outlives the commitment row it names.
CREATE TABLE entry_pins (
    commitment_id TEXT PRIMARY KEY,
    entry_id      TEXT NOT NULL,
    regroup_id    BIGINT NOT NULL
);

-- The review queue sorts by confidence (lowest first), within a review state.
CREATE INDEX ledger_entries_by_confidence ON ledger_entries (confidence, id);
CREATE INDEX ledger_entries_review_by_confidence ON ledger_entries (review, confidence, id);
