-- Version 4: the ledger list sorts by any column of its table (donor,
-- recipient, category, instrument, status, review, number of sources), each
-- paged by keyset like the date and the EUR value (version 2), so that a page
-- deep in a million entries costs what the first one does.
CREATE INDEX IF NOT EXISTS ledger_entries_by_donor ON ledger_entries (donor_name, id);
CREATE INDEX IF NOT EXISTS ledger_entries_by_recipient ON ledger_entries (recipient_name, id);
CREATE INDEX IF NOT EXISTS ledger_entries_by_category ON ledger_entries (category, id);
CREATE INDEX IF NOT EXISTS ledger_entries_by_instrument ON ledger_entries (instrument, id);
CREATE INDEX IF NOT EXISTS ledger_entries_by_status ON ledger_entries (status, id);
CREATE INDEX IF NOT EXISTS ledger_entries_by_review ON ledger_entries (review, id);
CREATE INDEX IF NOT EXISTS ledger_entries_by_sources ON ledger_entries (n_sources, id);
