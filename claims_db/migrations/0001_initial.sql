-- claimtrack claims database, schema version 1: the tables.
-- Applied by claimtrack::store inside one transaction; never edit a released migration,
-- add a new NNNN_*.sql file instead (see docs/database.md).

PRAGMA application_id = 1131179348;  -- 0x436C6D54 "ClmT": marks a claimtrack database

-- The current revision of every article. Older revisions are copied to article_revisions
-- before an article is updated, so nothing an earlier claim points at is lost.
CREATE TABLE articles (
  id            TEXT PRIMARY KEY NOT NULL,
  revision      INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1),
  url           TEXT NOT NULL DEFAULT '',
  title         TEXT NOT NULL DEFAULT '',
  outlet        TEXT NOT NULL DEFAULT '',
  date          TEXT NOT NULL DEFAULT '',   -- ISO 8601 as published; '' = unknown
  lang          TEXT NOT NULL DEFAULT '',
  author        TEXT NOT NULL DEFAULT '',
  path          TEXT NOT NULL DEFAULT '',
  encoding      TEXT NOT NULL DEFAULT '',
  content_hash  TEXT NOT NULL,
  text          TEXT NOT NULL,              -- kept for re-extraction and context
  body_line_offset INTEGER NOT NULL DEFAULT 0,
  first_ingested_at TEXT NOT NULL,
  ingested_at   TEXT NOT NULL               -- when this revision was stored (UTC)
) STRICT;

-- Superseded revisions of articles (the current one lives in articles).
CREATE TABLE article_revisions (
  article_id    TEXT NOT NULL REFERENCES articles(id),
  revision      INTEGER NOT NULL,
  url           TEXT NOT NULL DEFAULT '',
  title         TEXT NOT NULL DEFAULT '',
  outlet        TEXT NOT NULL DEFAULT '',
  date          TEXT NOT NULL DEFAULT '',
  lang          TEXT NOT NULL DEFAULT '',
  author        TEXT NOT NULL DEFAULT '',
  path          TEXT NOT NULL DEFAULT '',
  encoding      TEXT NOT NULL DEFAULT '',
  content_hash  TEXT NOT NULL,
  text          TEXT NOT NULL,
  body_line_offset INTEGER NOT NULL DEFAULT 0,
  ingested_at   TEXT NOT NULL,
  superseded_at TEXT NOT NULL,
  PRIMARY KEY (article_id, revision)
) STRICT;

-- Canonical speakers ("unknown" included, so every claim has one).
CREATE TABLE speakers (
  id    TEXT PRIMARY KEY NOT NULL,   -- canonical id, "unknown", or "name:<as written>"
  name  TEXT NOT NULL DEFAULT '',
  kind  TEXT NOT NULL DEFAULT '' CHECK (kind IN ('', 'person', 'organisation'))
) STRICT;

-- One row per extracted figure. A claim is never deleted: when its article is revised or
-- re-extracted the row is marked superseded and a new row is written.
CREATE TABLE claims (
  row_id            INTEGER PRIMARY KEY,
  claim_id          TEXT NOT NULL,      -- stable id, see docs/database.md
  article_id        TEXT NOT NULL REFERENCES articles(id),
  article_revision  INTEGER NOT NULL,
  speaker_id        TEXT NOT NULL REFERENCES speakers(id),
  attribution_method TEXT NOT NULL DEFAULT 'none',
  attribution_confidence REAL NOT NULL DEFAULT 0,
  cue_begin         INTEGER NOT NULL DEFAULT 0,
  cue_end           INTEGER NOT NULL DEFAULT 0,
  evidence          TEXT NOT NULL DEFAULT '',
  claim_type        TEXT NOT NULL DEFAULT '',
  rule_id           TEXT NOT NULL DEFAULT '',
  lang              TEXT NOT NULL DEFAULT '',
  subject           TEXT NOT NULL DEFAULT '',
  kind              TEXT NOT NULL,      -- number|fraction|percent|money|range|count
  value             REAL,
  low               REAL,
  high              REAL,
  qualifier         TEXT NOT NULL DEFAULT '',
  unit              TEXT NOT NULL DEFAULT '',
  period            TEXT NOT NULL DEFAULT '',
  base              TEXT NOT NULL DEFAULT '',
  precision         INTEGER NOT NULL DEFAULT 0,
  ambiguous         INTEGER NOT NULL DEFAULT 0 CHECK (ambiguous IN (0, 1)),
  ambiguity         TEXT NOT NULL DEFAULT '',
  expression        TEXT NOT NULL DEFAULT '',
  span_begin        INTEGER NOT NULL DEFAULT 0,
  span_end          INTEGER NOT NULL DEFAULT 0,
  sentence_index    INTEGER NOT NULL DEFAULT 0,
  sentence_begin    INTEGER NOT NULL DEFAULT 0,
  sentence_end      INTEGER NOT NULL DEFAULT 0,
  sentence          TEXT NOT NULL DEFAULT '',
  fingerprint       TEXT NOT NULL,      -- hash of everything above but the ids: detects changes
  rule_set_version  TEXT NOT NULL DEFAULT '',
  created_at        TEXT NOT NULL,
  superseded        INTEGER NOT NULL DEFAULT 0 CHECK (superseded IN (0, 1)),
  superseded_at     TEXT
) STRICT;

CREATE TRIGGER claims_never_deleted BEFORE DELETE ON claims
BEGIN
  SELECT RAISE(ABORT, 'claims are never deleted; mark them superseded');
END;

-- Human verdicts on claims. Append-only: a correction is a new row.
CREATE TABLE reviews (
  id          INTEGER PRIMARY KEY,
  claim_id    TEXT NOT NULL,            -- stable claim id (survives re-ingest)
  verdict     TEXT NOT NULL,
  note        TEXT NOT NULL DEFAULT '',
  source      TEXT NOT NULL DEFAULT '',
  reviewer    TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL
) STRICT;

CREATE TRIGGER reviews_no_update BEFORE UPDATE ON reviews
BEGIN
  SELECT RAISE(ABORT, 'reviews are append-only: add a new review instead of changing one');
END;

CREATE TRIGGER reviews_no_delete BEFORE DELETE ON reviews
BEGIN
  SELECT RAISE(ABORT, 'reviews are append-only: add a new review instead of deleting one');
END;
