-- Schema version 7: full-text search over claim sentences (`claimtrack claims --text`), and
-- articles by outlet (`claims --outlet`, and the outlets a did-you-mean offers) and by ingest
-- time (`claims --ingested-since`).
--
-- claim_fts is an FTS5 index with external content: it stores only the index, the text stays
-- in claims.sentence (content_rowid = claims.row_id), so every claim row is searchable
-- without a second copy of its sentence. The store adds the new claim rows of each write call
-- (IngestBatch, ReplaceClaims) with one INSERT ... SELECT before it commits, rather than a row
-- trigger: FTS5 flushes its pending terms at every statement's savepoint, so a trigger wrote
-- one index segment per claim and doubled the cost of storing claims. A claim row is written
-- once and never deleted (claims_never_deleted); its sentence is never updated in place, but
-- should another tool change one, claim_fts_update re-indexes it. Superseded rows stay
-- indexed: `claims --text ... --all-revisions` finds old revisions too; the query filters on
-- claims.superseded like every other filter.
--
-- Tokenizer: unicode61 with diacritics removed, so "Zolle" finds "Zölle" (but "Zoelle" does
-- not: no transliteration); case-insensitive for all scripts unicode61 knows.
CREATE VIRTUAL TABLE claim_fts USING fts5(
  sentence,
  content = 'claims',
  content_rowid = 'row_id',
  tokenize = 'unicode61 remove_diacritics 2'
);

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
