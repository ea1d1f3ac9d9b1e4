-- Schema version 2: rule-set registry, the indexes the queries need, a convenience view.

-- Every rule-set version that produced claims. Backfilled from claims written by v1.
CREATE TABLE rule_sets (
  version     TEXT PRIMARY KEY NOT NULL,   -- hash of the compiled rule files
  created_at  TEXT NOT NULL                -- first time claims of this version were stored
) STRICT;

INSERT INTO rule_sets (version, created_at)
  SELECT rule_set_version, MIN(created_at) FROM claims
  WHERE rule_set_version <> '' GROUP BY rule_set_version;

-- The claim's date (article date, or ingest time when undated), copied from the revision it
-- came from, so queries by speaker are ordered and bounded by date without a join.
ALTER TABLE claims ADD COLUMN date TEXT NOT NULL DEFAULT '';
UPDATE claims SET date = COALESCE(
  (SELECT COALESCE(NULLIF(r.date, ''), r.ingested_at) FROM article_revisions r
   WHERE r.article_id = claims.article_id AND r.revision = claims.article_revision),
  (SELECT COALESCE(NULLIF(a.date, ''), a.ingested_at) FROM articles a
   WHERE a.id = claims.article_id AND a.revision = claims.article_revision),
  '');

-- GetClaim: every row of one stable id (ids of one article are adjacent, see database.md).
CREATE INDEX claims_by_id ON claims (claim_id, article_revision);
-- QueryClaims by speaker, ordered by date; ListSpeakers.
CREATE INDEX claims_by_speaker ON claims (speaker_id, superseded, date);
-- Ingest (supersede an article's claims), QueryClaims by article.
CREATE INDEX claims_by_article ON claims (article_id, superseded);
-- QueryClaims by type.
CREATE INDEX claims_by_type ON claims (claim_type, superseded);
CREATE INDEX claims_by_rule_set ON claims (rule_set_version);
CREATE INDEX articles_by_date ON articles (date);
CREATE INDEX speakers_by_name ON speakers (name COLLATE NOCASE);
CREATE INDEX reviews_by_claim ON reviews (claim_id, created_at);

-- For people poking at the database with the sqlite3 shell.
CREATE VIEW current_claims AS
  SELECT c.claim_id, c.article_id, c.article_revision,
         c.date,
         a.outlet, a.title, c.speaker_id, s.name AS speaker_name, c.claim_type, c.kind,
         c.value, c.low, c.high, c.qualifier, c.unit, c.period, c.expression, c.sentence,
         c.attribution_method, c.attribution_confidence, c.rule_id, c.rule_set_version
  FROM claims c
  JOIN articles a ON a.id = c.article_id
  JOIN speakers s ON s.id = c.speaker_id
  WHERE c.superseded = 0;
