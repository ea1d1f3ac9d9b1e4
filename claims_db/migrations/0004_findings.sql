-- claimtrack claims database, schema version 4: consistency findings (`claimtrack check`)
-- and report runs (`claimtrack report`). Findings are derived data: `check` recomputes the
-- key groups touched since its last run and replaces their findings; a finding's id is
-- stable (docs/findings.md), so first_seen survives every recomputation.

-- One row per finding ever seen. status: new (first seen by the latest run that recomputed
-- its group), open (seen before and still there), gone (no longer found).
CREATE TABLE findings (
  id          TEXT PRIMARY KEY NOT NULL,
  type        TEXT NOT NULL,
  severity    TEXT NOT NULL,
  grp         TEXT NOT NULL,               -- the key group it belongs to
  speaker_id  TEXT NOT NULL DEFAULT '',
  weak        INTEGER NOT NULL DEFAULT 0 CHECK (weak IN (0, 1)),
  payload     TEXT NOT NULL,               -- the finding as JSON (docs/findings.md)
  status      TEXT NOT NULL CHECK (status IN ('new', 'open', 'gone')),
  first_seen  TEXT NOT NULL,               -- date of the run that first found it (UTC)
  last_seen   TEXT NOT NULL,
  first_run   INTEGER NOT NULL,
  last_run    INTEGER NOT NULL
) STRICT;
CREATE INDEX findings_by_group ON findings (grp);
CREATE INDEX findings_by_status ON findings (status, severity);

-- The key group of every claim row `check` has seen, so that an incremental run can load
-- the other claims of a touched group without rebuilding every key.
CREATE TABLE claim_groups (
  claim_row   INTEGER PRIMARY KEY NOT NULL,  -- claims.row_id
  grp         TEXT NOT NULL
) STRICT;
CREATE INDEX claim_groups_by_group ON claim_groups (grp);

-- One row per `check` run: how far it read (claims.row_id, superseded_at) and what it found.
CREATE TABLE check_runs (
  id              INTEGER PRIMARY KEY,
  run_at          TEXT NOT NULL,
  max_claim_row   INTEGER NOT NULL,
  superseded_upto TEXT NOT NULL DEFAULT '',
  claims_analysed INTEGER NOT NULL,
  groups_touched  INTEGER NOT NULL,
  findings_new    INTEGER NOT NULL,
  findings_open   INTEGER NOT NULL,
  findings_gone   INTEGER NOT NULL,
  full_run        INTEGER NOT NULL CHECK (full_run IN (0, 1))
) STRICT;

-- One row per `report` run: the delta of the next report starts where this one ended.
CREATE TABLE report_runs (
  id              INTEGER PRIMARY KEY,
  run_at          TEXT NOT NULL,
  out             TEXT NOT NULL,
  max_claim_row   INTEGER NOT NULL,
  max_ingested_at TEXT NOT NULL
) STRICT;
