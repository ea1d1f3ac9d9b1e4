-- claimtrack claims database, schema version 6: a verdict belongs to the figure, not to the
-- rule that extracted it (docs/review.md).
--
-- claims.figure_id: 16 hex digits of a hash over the article id, the sentence with whitespace
-- collapsed, and the figure's byte position in that sentence. Unlike claim_id it leaves out
-- the rule id, so a figure keeps its identity when a rule is renamed or re-typed, when the
-- article is re-extracted, and when a revised article keeps the figure's sentence. Filled for
-- existing rows by claimtrack's own SQL function claimtrack_figure_id (registered by the
-- store before it migrates; the sqlite3 shell does not have it).
ALTER TABLE claims ADD COLUMN figure_id TEXT NOT NULL DEFAULT '';
UPDATE claims SET figure_id = claimtrack_figure_id(article_id, sentence, span_begin - sentence_begin);
CREATE INDEX claims_by_figure ON claims (figure_id, superseded);

-- claims.review: the claim's rule says `review: true` (docs/rules.md): it goes to the review
-- queue without a finding. Few claims have it, so the index holds only those.
ALTER TABLE claims ADD COLUMN review INTEGER NOT NULL DEFAULT 0 CHECK (review IN (0, 1));
CREATE INDEX claims_for_review ON claims (superseded) WHERE review = 1;

-- reviews become verdicts on figures. Each row keeps what was reviewed (the claim row, the
-- article revision and the sentence as it read then) and the verdict it replaces, so the
-- history of a figure reads without joins and a changed sentence can be shown next to the
-- reviewed one. The append-only triggers of 0001 stay; the update trigger is lifted for the
-- length of this migration only, to fill the new columns of existing rows.
DROP TRIGGER reviews_no_update;
ALTER TABLE reviews ADD COLUMN figure_id TEXT NOT NULL DEFAULT '';
ALTER TABLE reviews ADD COLUMN claim_row INTEGER NOT NULL DEFAULT 0;
ALTER TABLE reviews ADD COLUMN article_id TEXT NOT NULL DEFAULT '';
ALTER TABLE reviews ADD COLUMN article_revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE reviews ADD COLUMN sentence TEXT NOT NULL DEFAULT '';
ALTER TABLE reviews ADD COLUMN previous_id INTEGER;
UPDATE reviews SET (figure_id, claim_row, article_id, article_revision, sentence) =
  (SELECT c.figure_id, c.row_id, c.article_id, c.article_revision, c.sentence
     FROM claims c WHERE c.claim_id = reviews.claim_id
     ORDER BY c.superseded, c.row_id DESC LIMIT 1)
  WHERE EXISTS (SELECT 1 FROM claims c WHERE c.claim_id = reviews.claim_id);
UPDATE reviews SET previous_id =
  (SELECT max(r2.id) FROM reviews r2
    WHERE r2.figure_id = reviews.figure_id AND r2.figure_id <> '' AND r2.id < reviews.id);
CREATE TRIGGER reviews_no_update BEFORE UPDATE ON reviews
BEGIN
  SELECT RAISE(ABORT, 'reviews are append-only: add a new review instead of changing one');
END;
CREATE INDEX reviews_by_figure ON reviews (figure_id, id);
CREATE INDEX reviews_by_time ON reviews (created_at, id);

-- A new verdict must use the rating scale and name its figure; old free-text verdicts stay.
CREATE TRIGGER reviews_rating_known BEFORE INSERT ON reviews
WHEN NEW.verdict NOT IN ('true', 'mostly-true', 'misleading', 'false', 'unverifiable')
BEGIN
  SELECT RAISE(ABORT, 'unknown rating: use true, mostly-true, misleading, false or unverifiable');
END;
CREATE TRIGGER reviews_figure_known BEFORE INSERT ON reviews
WHEN NEW.figure_id = '' OR NOT EXISTS (SELECT 1 FROM claims WHERE figure_id = NEW.figure_id)
BEGIN
  SELECT RAISE(ABORT, 'a verdict must name the figure of a stored claim');
END;
