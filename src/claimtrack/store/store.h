#pragma once
// store/: the claims database. Articles (with every revision), speakers, claims (never
// deleted, superseded instead), rule-set versions and an append-only review log live in one
// SQLite file. This header exposes plain claimtrack types only; SQLite stays inside the .cpp
// files of this module. Schema, migrations and durability choices: docs/database.md.
//
// Failure: every environment problem (cannot create the file, disk full, database locked
// longer than the busy timeout, database written by a newer claimtrack, corrupt file) is a
// StoreError whose message names the database path and the operation. A failed write
// leaves the database as it was before the call (each call is one transaction).
//
// Thread-safety: a Store is one SQLite connection and is not thread-safe; use one Store per
// thread. Several processes may open the same file at once (WAL, busy timeout, writes start
// with BEGIN IMMEDIATE).

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "claimtrack/model/claim.h"

namespace claimtrack::store {

// An environment failure of the store, with context ("claims.sqlite: ingest: disk I/O error").
class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The stable identity of a claim: 16 lower-case hex digits of a 64-bit FNV-1a hash over
// the article id, the sentence with whitespace collapsed, the figure's byte position in
// that collapsed sentence, and the rule id (the first 6 digits depend on the article id
// only, so one article's ids are adjacent in the index; see docs/database.md). The same figure in
// the same sentence of the same article gets the same id on every ingest, even after the rest of
// the article changed. Pure function; uses claim.article_id as given.
std::string StableClaimId(const Claim& claim);

// The identity of the figure a claim is about, which verdicts attach to: 16 hex digits of a
// hash over the article id, the sentence with whitespace collapsed and the figure's position
// in it (`offset`: bytes from the sentence start in `sentence` as given). Like StableClaimId
// without the rule id: a renamed or re-typed rule, a re-extraction or a revision that keeps
// the sentence keep the figure id. Two rules matching one figure share it.
std::string FigureId(std::string_view article_id, std::string_view sentence, size_t offset);
// FigureId of claim.article_id, claim.sentence and the figure's offset in it.
std::string FigureId(const Claim& claim);

// Ids for all claims of one article, in order. The first claim with a given StableClaimId
// keeps it; a k-th claim with the same id (the same sentence repeated verbatim, k >= 2) gets
// a derived id, so ids stay unique and deterministic. article_id overrides claim.article_id.
std::vector<std::string> AssignClaimIds(const std::string& article_id,
                                        const std::vector<Claim>& claims);

// The FTS5 query for ClaimFilter::text: words are found anywhere in the sentence, all of them
// (AND), case- and accent-insensitively ("Zolle" finds "Zölle"); "two words" in double
// quotes is a phrase; a trailing * makes a prefix ("Soldat*"); OR between two words or
// phrases matches either. Everything else is literal text, so no input is an FTS5 syntax
// error. "" when `words` has nothing to search for (no letter or digit).
std::string SentenceSearchQuery(std::string_view words);

// Collapses every run of whitespace (ASCII and Unicode spaces such as U+00A0) to one ASCII
// space and trims both ends.
std::string CollapseWhitespace(std::string_view text);

struct ArticleClaims {
  Article article;
  std::vector<Claim> claims;
};

enum class IngestOutcome {
  kNew,        // first time this article id was seen
  kUnchanged,  // same content hash as the stored revision: nothing written
  kRevised,    // content changed: new revision stored, previous claims superseded
};
std::string_view ToString(IngestOutcome o);  // "new" | "unchanged" | "revised"

// What --reextract changed for one article, grouped by rule.
struct ReextractDiff {
  struct RuleChanges {
    std::string rule_id;
    std::vector<std::string> added;    // stable ids new in this extraction
    std::vector<std::string> removed;  // stable ids no longer extracted (now superseded)
    std::vector<std::string> changed;  // same stable id, different value/speaker/...
  };
  std::vector<RuleChanges> by_rule;  // only rules with changes, sorted by rule id
  size_t unchanged = 0;              // claims extracted identically
  bool empty() const { return by_rule.empty(); }
};

// A claim as stored, with the article context a reader needs.
struct StoredClaim {
  std::string id;      // stable claim id
  int64_t row_id = 0;  // the row (one per extraction; a new row when a claim changes)
  Claim claim;         // claim.path is the article's path
  int article_revision = 0;
  bool superseded = false;
  std::string rule_set_version;
  std::string created_at;     // when this row was written (UTC, ISO 8601)
  std::string date;           // article date, or its ingested_at when the date is unknown
  std::string article_date;   // the article's own date as published; "" when unknown
  std::string article_title;  // current revision's metadata
  std::string article_url;
  std::string outlet;
};

// The columns of a current claim the consistency analysis reads (`check`), as views into the
// row being read: valid only during the ForEachClaimView callback that receives them. Leaves
// out what the analysis never reads (evidence and cue, language, precision, ambiguity text,
// sentence index, path, revision, rule-set version, timestamps).
struct ClaimView {
  int64_t row_id = 0;
  std::string_view id;  // stable claim id
  std::string_view article_id, outlet, url, title;
  std::string_view article_date;  // the article's own date as published; "" when unknown
  std::string_view speaker_id, speaker_name, speaker_kind;
  AttributionMethod method = AttributionMethod::kNone;
  double confidence = 0;
  std::string_view claim_type, rule_id, subject;
  QuantityKind kind = QuantityKind::kNumber;
  std::optional<double> value, low, high;
  Qualifier qualifier = Qualifier::kNone;
  std::string_view unit;
  Period period = Period::kNone;
  std::string_view base;
  bool ambiguous = false;
  std::string_view expression;  // Quantity::text
  Span span;                    // Quantity::span
  Span sentence_span;
  std::string_view sentence;
};

struct SpeakerSummary {
  std::string id;
  std::string name;
  std::string kind;           // "person" | "organisation" | ""
  int64_t claim_count = 0;    // current (not superseded) claims
  int64_t article_count = 0;  // articles with at least one current claim
  std::string first_seen;     // earliest article date (ingested_at when undated)
  std::string last_seen;
  std::vector<std::pair<std::string, int64_t>> top_claim_types;  // at most 3, most first
};

struct ClaimFilter {
  std::vector<std::string> speaker_ids;  // any of these (e.g. from an alias lookup); empty = all
  std::string speaker_name;              // exact stored name, ASCII case-insensitive; empty = any
  std::string claim_type;                // empty = any
  std::string since;       // inclusive lower bound on the claim's date (ISO prefix); empty = none
  std::string until;       // inclusive upper bound ("2024-03" includes all of March); empty = none
  std::string article_id;  // empty = any
  std::optional<double> min_confidence;
  // Value bounds, inclusive. A point value matches when it lies in [min_value, max_value]; a
  // range [low, high] when it overlaps that interval. Claims without a value never match a
  // bound. The qualifier is not applied ("more than 5" is 5).
  std::optional<double> min_value;
  std::optional<double> max_value;
  std::string unit;    // stored unit ("EUR", "%", "Soldat"), ASCII case-insensitive; empty = any
  std::string lang;    // language the rules ran in ("de", "en"); empty = any
  std::string outlet;  // the article's outlet, ASCII case-insensitive; empty = any
  std::string text;    // words to find in the claim's sentence (SentenceSearchQuery); empty = any
  // Only claims of article revisions stored after this UTC time (ISO 8601 as stored,
  // "2025-12-07T05:30:00.000Z", or a prefix such as "2025-12-07"; compared as text, strictly
  // greater); empty = any. A corrected article is a new revision, so its claims match; a
  // --reextract writes no revision and does not make claims match.
  std::string ingested_after;
  // The fact-checkers' verdicts on the claim's figure (store/reviews.h): "reviewed" (any
  // verdict), "unreviewed" (none), or a rating ("false"): the figure's latest verdict has it.
  // Empty = any.
  std::string review_status;
  bool include_superseded = false;
  int64_t after_row = 0;      // only rows written after this row id (0 = all)
  std::vector<int64_t> rows;  // only these row ids (empty = any)
  size_t limit = 0;           // 0 = no limit
};

struct ClaimDetail {
  StoredClaim claim;                    // the current row (or the newest if all superseded)
  std::vector<StoredClaim> other_rows;  // older rows with the same stable id, newest first
                                        // (earlier revisions and earlier extractions)
  std::string article_text;             // text of the revision claim.claim belongs to
};

struct StoreStats {
  int schema_version = 0;
  std::string journal_mode;
  int64_t articles = 0;
  int64_t article_revisions = 0;  // superseded revisions kept
  int64_t claims = 0;             // current claims
  int64_t superseded_claims = 0;
  int64_t speakers = 0;
  int64_t rule_sets = 0;
  int64_t reviews = 0;                                          // verdicts (store/reviews.h)
  std::vector<std::pair<std::string, int64_t>> claims_by_type;  // current claims, most first
  std::vector<std::pair<std::string, int64_t>> claims_by_lang;
};

class Store {
 public:
  static constexpr const char* kDefaultPath = "claims_db/claims.sqlite";

  // Opens (creating the file and its parent directories if needed) and migrates the
  // database to the newest schema this binary knows. Throws StoreError when the database
  // has a newer schema than this binary, is not a claimtrack database, or cannot be opened.
  // ":memory:" opens a private in-memory database.
  //
  // kReadOnly (queries): never writes, so it works on a read-only file or folder; a missing
  // or empty file is "no database here yet". Only an outdated schema makes it open for
  // writing, to migrate. kReadWrite additionally runs PRAGMA quick_check on an existing file
  // and refuses a damaged one, and says why a file or folder is not writable.
  // kWriteFindings is kReadWrite for `check` and `report`, which write only the tables of
  // store/findings.h (findings, claim_groups, check_runs, report_runs): the quick_check
  // covers those tables and their indexes (0.3 s instead of 3 s on a 1.2 GB file), and the
  // whole file only when they do not exist yet (a migration is about to create them).
  // kWriteReviews is kReadWrite for recording verdicts (store/reviews.h): the quick_check
  // covers the reviews table only, so a reviewer does not wait for a check of every claim.
  enum class OpenMode { kReadWrite, kReadOnly, kWriteFindings, kWriteReviews };
  explicit Store(const std::string& path, OpenMode mode = OpenMode::kReadWrite);
  ~Store();
  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  const std::string& path() const;
  int SchemaVersion() const;
  // Highest schema version among the migrations built into this binary.
  static int LatestSchemaVersion();

  // Stores a batch in one transaction: either every article of the batch is stored with
  // all of its claims, or (on an exception) none is. Per article: an unchanged content hash
  // writes nothing; a changed one stores a new revision and supersedes the old claims.
  // Claims are stored under their article's id whatever claim.article_id says. Speakers are
  // upserted from the claims' attribution. An empty content_hash is computed from title+text.
  // `held_ms`, when given, receives how long the batch held the write lock (from the lock
  // taken to the commit), which `ingest` uses to size its next batch.
  std::vector<IngestOutcome> IngestBatch(const std::vector<ArticleClaims>& batch,
                                         const std::string& rule_set_version,
                                         double* held_ms = nullptr);

  // Replaces the current claims of an existing article (same revision) by a new extraction:
  // changed and vanished claims are superseded, new ones inserted, identical ones kept
  // (their rule_set_version updated). Throws StoreError if the article is unknown.
  ReextractDiff ReplaceClaims(const std::string& article_id, const std::vector<Claim>& claims,
                              const std::string& rule_set_version);

  // Current revisions of the given articles (all articles when `ids` is empty), ordered by
  // id; unknown ids are skipped. Holds every requested text in memory at once: for a large
  // database, pass ids in chunks.
  std::vector<Article> LoadArticles(const std::vector<std::string>& ids = {}) const;

  // Speakers with at least one current claim, most claims first (ties by id). Reads the
  // speaker summary when it is current (a few thousand rows, migration 0008), else one index
  // (claims_by_speaker), not the claims: about half a second per million claims.
  std::vector<SpeakerSummary> ListSpeakers() const;
  // Rewrites the speaker summary when claims changed since it was written (ingest calls it
  // at the end of a run). Counts outside the write lock; writes only if no claim changed
  // meanwhile. True when it wrote.
  bool RefreshSpeakerSummary();
  // True when a speaker with exactly this id has been stored (one index lookup).
  bool HasSpeaker(const std::string& id) const;
  // What the filter's speaker_ids and speaker_name stand for among the stored speakers:
  // sorted, unique ids; empty when none is stored (or the filter names no speaker).
  std::vector<std::string> StoredSpeakerIds(const ClaimFilter& filter) const;
  // Every stored speaker as (id, name), ordered by id: for "did you mean" hints.
  std::vector<std::pair<std::string, std::string>> SpeakerNames() const;
  // The distinct claim types of stored claims (current or superseded), and whether one is
  // stored; read from claims_by_type one entry per type, not per claim.
  std::vector<std::string> ClaimTypes() const;
  bool HasClaimType(const std::string& type) const;
  // The distinct non-empty outlets of the articles (their current revision), and whether one
  // is stored (ASCII case-insensitive); from the articles_by_outlet index.
  std::vector<std::string> Outlets() const;
  bool HasOutlet(const std::string& outlet) const;
  // Claims matching the filter, ordered by date (oldest first), then article, then position.
  std::vector<StoredClaim> QueryClaims(const ClaimFilter& filter) const;
  // The same claims (filter.limit ignored) handed to `fn` one by one as they are read, in no
  // particular order: for passes over a million claims that need neither the order nor all
  // rows at once. `fn` must not use this Store; an exception from it ends the pass.
  void ForEachClaim(const ClaimFilter& filter, const std::function<void(StoredClaim&&)>& fn) const;
  // ForEachClaim reading only the analysis columns, without a copy: `fn` gets views valid
  // until it returns (a pass over a million claims that keeps only some of them).
  void ForEachClaimView(const ClaimFilter& filter,
                        const std::function<void(const ClaimView&)>& fn) const;
  // The article id and sentence of every current claim of these articles, in no particular
  // order (views valid until `fn` returns): all that `check` reads of the claims of an
  // article outside the key scopes it recomputes (two articles that share sentences are
  // copies). Articles are read through claims_by_article.
  void ForEachArticleSentence(
      const std::vector<std::string>& article_ids,
      const std::function<void(std::string_view article_id, std::string_view sentence)>& fn) const;
  // The claim with this stable id, or nullopt.
  std::optional<ClaimDetail> GetClaim(const std::string& claim_id) const;
  // The current (not superseded) rows of these claim ids, without article text or older
  // rows, in no particular order; unknown or superseded ids are left out. One indexed
  // lookup per id: for the review queue, which needs a few hundred of a million claims.
  std::vector<StoredClaim> CurrentClaims(const std::vector<std::string>& claim_ids) const;
  StoreStats Stats() const;

  // The EXPLAIN QUERY PLAN detail lines of the statement QueryClaims would run, one per
  // line; for tests and docs/database.md.
  std::string ExplainQueryClaims(const ClaimFilter& filter) const;
  // The same for the statement ListSpeakers runs.
  std::string ExplainListSpeakers() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace claimtrack::store
