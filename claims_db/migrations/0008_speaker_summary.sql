-- Schema version 8: the `speakers` listing without a pass over every claim (docs/database.md,
-- "Speaker summary"). A cache of Store::ListSpeakers: every write call that adds or supersedes
-- claims (ingest, reextract) bumps summary_state.claims_version in its transaction; `ingest`
-- rewrites the summary at the end of a run and marks it with the version it was computed at. A
-- reader uses the summary only when summary_version = claims_version and otherwise counts from
-- the claims as before, so a stale or empty summary is slower, never wrong. Deleting its rows
-- loses nothing.
CREATE TABLE speaker_summary (
  speaker_id TEXT PRIMARY KEY,
  claim_count INTEGER NOT NULL,     -- current (not superseded) claims
  article_count INTEGER NOT NULL,   -- articles with at least one current claim
  first_seen TEXT NOT NULL,         -- earliest claim date
  last_seen TEXT NOT NULL,
  top_claim_types TEXT NOT NULL     -- "type:count,type:count", most first, at most 3
) WITHOUT ROWID;

CREATE TABLE summary_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  claims_version INTEGER NOT NULL,
  summary_version INTEGER NOT NULL
);
INSERT INTO summary_state (id, claims_version, summary_version) VALUES (1, 1, 0);
