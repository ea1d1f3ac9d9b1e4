-- Schema version 7: full-text search over claim sentences (`claimtrack claims --text`), and
-- articles by outlet (`claims --outlet`, and the outlets a did-you-mean offers) and by ingest
-- time (`claims --ingested-since`).
--
-- claim_fts is an FTS5 index with external content: it stores only the index, the text stays
-- in claims.sentence (content_rowid = claims.row_id), so every claim row is searchable
-- without a second copy of its sentence. It is kept in sync by triggers, in the same
-- transaction as the claim row: a claim is written once (ingest, a new revision, a changed
-- claim of --reextract) and never deleted (claims_never_deleted); its sentence is never
-- updated in place, but should a row's sentence ever change, the index follows it.
-- Superseded rows stay indexed: `claims --text ... --all-revisions` finds old revisions too;
-- the query filters on claims.superseded like every other filter.
--
-- Tokenizer: unicode61 with diacritics removed, so "Zolle" finds "Zölle" and "Buergermeister"
-- does not (no transliteration); case-insensitive for all scripts unicode61 knows.
CREATE VIRTUAL TABLE claim_fts USING fts5(
  sentence,
  content = 'claims',
  content_rowid = 'row_id',
  tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER claim_fts_insert AFTER INSERT ON claims
BEGIN
  INSERT INTO claim_fts (rowid, sentence) VALUES (new.row_id, new.sentence);
END;

CREATE TRIGGER claim_fts_update AFTER UPDATE OF sentence ON claims
BEGIN
  INSERT INTO claim_fts (claim_fts, rowid, sentence) VALUES ('delete', old.row_id, old.sentence);
  INSERT INTO claim_fts (rowid, sentence) VALUES (new.row_id, new.sentence);
END;

-- Existing databases: index every stored claim row once.
INSERT INTO claim_fts (claim_fts) VALUES ('rebuild');

-- `--outlet` compares case-insensitively; this index serves that comparison and lists the
-- distinct outlets for a did-you-mean without reading article texts.
CREATE INDEX articles_by_outlet ON articles (outlet COLLATE NOCASE);

-- `--ingested-since`: the few articles stored (or revised) since a time, then their claims
-- through claims_by_article, instead of reading every claim row.
CREATE INDEX articles_by_ingested_at ON articles (ingested_at);
