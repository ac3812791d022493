-- Who added a commitment by hand (issue 16, item 3): NULL for what the extractor found.
ALTER TABLE commitments ADD COLUMN added_by TEXT;
