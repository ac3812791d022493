-- Version 9 (issue 17, items 4 and 6): later reports linked to the entry they follow up,
-- and grant equivalents.

-- A later report (a delivery, a disbursement, a contract or an agreement signed) and the
-- earlier entry it follows up. `linked`: the report is a stage of that entry (while it is one
-- of the entry's members); `proposed`: the match is uncertain and waits for a reviewer, the
-- report staying in an entry of its own; `rejected`: a reviewer said no.
CREATE TABLE lifecycle_links (
    commitment_id TEXT PRIMARY KEY,
    entry_id      TEXT NOT NULL,           -- the earlier entry
    stage         TEXT NOT NULL,           -- committed, contracted, delivered, disbursed
    state         TEXT NOT NULL,           -- linked, proposed, rejected
    how           TEXT NOT NULL,           -- what matched: amount, part, items, parties_only, several_candidates…
    partial       BIGINT NOT NULL,         -- 1: a part (a tranche, a first batch)
    part_value    TEXT,                    -- the part's sum, exact decimal, in part_currency
    part_currency TEXT,
    part_eur      TEXT,
    part_quantity TEXT,
    at            TEXT NOT NULL,
    decided_by    TEXT,
    decided_at    TEXT
);
CREATE INDEX lifecycle_links_entry ON lifecycle_links (entry_id, state);

-- A loan's grant element (percent) from the terms its report states, else why there is none.
ALTER TABLE commitments ADD COLUMN grant_element TEXT;
ALTER TABLE commitments ADD COLUMN grant_equivalent_reason TEXT;
-- An entry's grant equivalent in EUR, else why there is none.
ALTER TABLE ledger_entries ADD COLUMN grant_equivalent_eur TEXT;
ALTER TABLE ledger_entries ADD COLUMN grant_equivalent_reason TEXT;

-- Entries stored before: a grant or aid in kind is its face value; a loan's terms were not read.
UPDATE ledger_entries SET
    grant_equivalent_eur = CASE WHEN instrument IN ('grant', 'in_kind') THEN value_eur END,
    grant_equivalent_reason = CASE
        WHEN instrument IN ('grant', 'in_kind') THEN CASE WHEN value_eur IS NULL THEN 'not_converted' END
        WHEN instrument = 'loan' THEN 'terms_not_stated'
        ELSE 'no_dac_method' END;
-- Every version keeps them too (entry_versions copies ledger_entries' content).
ALTER TABLE entry_versions ADD COLUMN grant_equivalent_eur TEXT;
ALTER TABLE entry_versions ADD COLUMN grant_equivalent_reason TEXT;
UPDATE entry_versions SET
    grant_equivalent_eur = (SELECT e.grant_equivalent_eur FROM ledger_entries e WHERE e.id = entry_versions.entry_id),
    grant_equivalent_reason = (SELECT e.grant_equivalent_reason FROM ledger_entries e WHERE e.id = entry_versions.entry_id)
WHERE tx_to IS NULL AND removed = 0;
