-- Schema version 3: claims_by_speaker also covers what ListSpeakers reads.
--
-- ListSpeakers needs, per speaker, the current claims' count, distinct articles, first/last
-- date and claim types. With (speaker_id, superseded, date) alone it read every claim row
-- (some 500 bytes each: 16 s at a million claims); with article_id and claim_type in the
-- index it reads the index only, in speaker order (no temporary B-tree). QueryClaims by
-- speaker keeps its (speaker_id=?, superseded=?, date range) search on the same prefix.
DROP INDEX claims_by_speaker;
CREATE INDEX claims_by_speaker ON claims (speaker_id, superseded, date, article_id, claim_type);
