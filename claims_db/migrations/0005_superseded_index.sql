-- Schema version 5: superseded claims by the time they were superseded.
--
-- Every `check` asks which claims were superseded since its last run, and up to when
-- (FindingStore::SupersededSince, MaxSupersededAt). Without an index both read every claim
-- row (about 1 GB and 2-3 s at a million claims, even when nothing changed). Superseded rows
-- are few, so a partial index on them is small and cheap to keep.
CREATE INDEX claims_superseded ON claims (superseded_at) WHERE superseded = 1;
