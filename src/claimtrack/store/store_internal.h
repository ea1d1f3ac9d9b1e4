#pragma once
// Private to store/: what the parts of Store (schema.cpp: opening and migrations; ingest.cpp:
// writes; queries.cpp: reads) share — the connection state (Store::Impl), safe binding, the
// claim column table with its row reader, and the prepared write statements. Not installed
// with the public headers; include only from src/claimtrack/store/*.cpp.

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "claimtrack/store/connection.h"
#include "claimtrack/store/store.h"

namespace claimtrack::store {

inline constexpr int64_t kApplicationId = 0x436C6D54;  // "ClmT", set by 0001_initial.sql

// claimtrack_figure_id(article_id, sentence, offset) on this connection (schema.cpp).
void RegisterFigureIdFunction(sqlite3* handle);

// Binds values to consecutive parameters (1, 2, ...) of a statement.
class Binder {
 public:
  explicit Binder(SQLite::Statement& st) : st_(st) {}
  Binder& Str(const std::string& s) {
    st_.bindNoCopy(i_++, s);  // callers keep `s` alive until the statement ran
    return *this;
  }
  // A temporary would dangle before the statement runs: refused at compile time.
  Binder& Str(std::string&&) = delete;
  Binder& Int(int64_t v) {
    st_.bind(i_++, v);
    return *this;
  }
  Binder& Real(double v) {
    st_.bind(i_++, v);
    return *this;
  }
  int bound() const { return i_ - 1; }  // values bound so far
  Binder& OptReal(const std::optional<double>& v) {
    if (v) {
      st_.bind(i_++, *v);
    } else {
      st_.bind(i_++);
    }
    return *this;
  }

 private:
  SQLite::Statement& st_;
  int i_ = 1;
};

// Resets a reused statement when leaving scope, so no cached statement keeps a read open.
class ResetGuard {
 public:
  explicit ResetGuard(SQLite::Statement& st) : st_(st) {}
  ~ResetGuard() {
    st_.tryReset();
    st_.clearBindings();
  }
  ResetGuard(const ResetGuard&) = delete;
  ResetGuard& operator=(const ResetGuard&) = delete;

 private:
  SQLite::Statement& st_;
};

inline std::string Col(const SQLite::Statement& st, int i) { return st.getColumn(i).getString(); }
// A text column without a copy (and without SQLiteCpp's per-column Column object), for
// loops over many rows; valid until the statement steps again.
inline std::string_view RawText(sqlite3_stmt* st, int i) {
  const unsigned char* text = sqlite3_column_text(st, i);
  if (text == nullptr) return {};
  return std::string_view(reinterpret_cast<const char*>(text),
                          static_cast<size_t>(sqlite3_column_bytes(st, i)));
}
inline std::string_view View(const std::string& s, size_t offset, size_t length) {
  return std::string_view(s).substr(offset, length);
}
inline int64_t ColInt(const SQLite::Statement& st, int i) { return st.getColumn(i).getInt64(); }
inline size_t ColSize(const SQLite::Statement& st, int i) {
  int64_t v = st.getColumn(i).getInt64();
  return v < 0 ? 0 : static_cast<size_t>(v);
}

// The columns every claim-reading query selects, as one table: the SELECT list and the
// row reader (ReadStoredClaim) are generated from it, and the reader names each column
// (kSentence), so a new column is one line here and one read below, never a renumbering.
// Needs the aliases c (claims), a (articles), s (speakers).
#define CLAIMTRACK_CLAIM_SELECT(X)           \
  X(kClaimId, "c.claim_id")                  \
  X(kArticleId, "c.article_id")              \
  X(kArticleRevision, "c.article_revision")  \
  X(kSpeakerId, "c.speaker_id")              \
  X(kSpeakerName, "s.name")                  \
  X(kSpeakerKind, "s.kind")                  \
  X(kMethod, "c.attribution_method")         \
  X(kConfidence, "c.attribution_confidence") \
  X(kCueBegin, "c.cue_begin")                \
  X(kCueEnd, "c.cue_end")                    \
  X(kEvidence, "c.evidence")                 \
  X(kClaimType, "c.claim_type")              \
  X(kRuleId, "c.rule_id")                    \
  X(kLang, "c.lang")                         \
  X(kSubject, "c.subject")                   \
  X(kKind, "c.kind")                         \
  X(kValue, "c.value")                       \
  X(kLow, "c.low")                           \
  X(kHigh, "c.high")                         \
  X(kQualifier, "c.qualifier")               \
  X(kUnit, "c.unit")                         \
  X(kPeriod, "c.period")                     \
  X(kBase, "c.base")                         \
  X(kPrecision, "c.precision")               \
  X(kAmbiguous, "c.ambiguous")               \
  X(kAmbiguity, "c.ambiguity")               \
  X(kExpression, "c.expression")             \
  X(kSpanBegin, "c.span_begin")              \
  X(kSpanEnd, "c.span_end")                  \
  X(kSentenceIndex, "c.sentence_index")      \
  X(kSentenceBegin, "c.sentence_begin")      \
  X(kSentenceEnd, "c.sentence_end")          \
  X(kSentence, "c.sentence")                 \
  X(kRuleSetVersion, "c.rule_set_version")   \
  X(kCreatedAt, "c.created_at")              \
  X(kSuperseded, "c.superseded")             \
  X(kPath, "a.path")                         \
  X(kDate, "c.date")                         \
  X(kTitle, "a.title")                       \
  X(kUrl, "a.url")                           \
  X(kOutlet, "a.outlet")                     \
  X(kRowId, "c.row_id")                      \
  X(kArticleDate, "a.date")

enum ClaimColumn : int {
#define CLAIMTRACK_COLUMN_ENUM(name, sql) name,
  CLAIMTRACK_CLAIM_SELECT(CLAIMTRACK_COLUMN_ENUM)
#undef CLAIMTRACK_COLUMN_ENUM
      kClaimColumnCount
};

// "SELECT c.claim_id, ... FROM claims c JOIN articles a ... JOIN speakers s ... " (ends with
// a space: append "WHERE ...").
const std::string& ClaimSelectSql();

// Row access for ReadStoredClaim: through SQLiteCpp, or through the raw API, which passes
// over a million rows without SQLiteCpp's per-column Column objects (`claimtrack check`).
struct StatementRow {
  const SQLite::Statement& st;
  std::string Text(int i) const { return st.getColumn(i).getString(); }
  std::string View(int i) const { return Text(i); }
  int64_t Int(int i) const { return st.getColumn(i).getInt64(); }
  double Real(int i) const { return st.getColumn(i).getDouble(); }
  bool Null(int i) const { return st.isColumnNull(i); }
};
struct RawRow {
  sqlite3_stmt* st;
  std::string Text(int i) const { return std::string(RawText(st, i)); }
  std::string_view View(int i) const { return RawText(st, i); }
  int64_t Int(int i) const { return sqlite3_column_int64(st, i); }
  double Real(int i) const { return sqlite3_column_double(st, i); }
  bool Null(int i) const { return sqlite3_column_type(st, i) == SQLITE_NULL; }
};

// The claim columns of a row (all but kRowId and kArticleDate) as a StoredClaim.
template <typename Row>
StoredClaim ReadStoredClaim(const Row& row) {
  auto Text = [&](int i) { return row.Text(i); };
  auto Int = [&](int i) { return row.Int(i); };
  auto Size = [&](int i) {
    int64_t v = row.Int(i);
    return v < 0 ? size_t{0} : static_cast<size_t>(v);
  };
  auto OptReal = [&](int i) -> std::optional<double> {
    if (row.Null(i)) return std::nullopt;
    return row.Real(i);
  };
  StoredClaim out;
  Claim& c = out.claim;
  Attribution& at = c.attribution;
  Quantity& q = c.quantity;
  out.id = Text(kClaimId);
  c.article_id = Text(kArticleId);
  out.article_revision = static_cast<int>(Int(kArticleRevision));
  at.speaker_id = Text(kSpeakerId);
  at.speaker_name = Text(kSpeakerName);
  at.speaker_kind = Text(kSpeakerKind);
  if (!ParseAttributionMethod(row.View(kMethod), &at.method)) at.method = AttributionMethod::kNone;
  at.confidence = row.Real(kConfidence);
  at.cue = Span{Size(kCueBegin), Size(kCueEnd)};
  at.evidence = Text(kEvidence);
  c.claim_type = Text(kClaimType);
  c.rule_id = Text(kRuleId);
  c.lang = Text(kLang);
  c.subject = Text(kSubject);
  if (!ParseQuantityKind(row.View(kKind), &q.kind)) q.kind = QuantityKind::kNumber;
  q.value = OptReal(kValue);
  q.low = OptReal(kLow);
  q.high = OptReal(kHigh);
  if (!ParseQualifier(row.View(kQualifier), &q.qualifier)) q.qualifier = Qualifier::kNone;
  q.unit = Text(kUnit);
  if (!ParsePeriod(row.View(kPeriod), &q.period)) q.period = Period::kNone;
  q.base = Text(kBase);
  q.precision = static_cast<int>(Int(kPrecision));
  q.ambiguous = Int(kAmbiguous) != 0;
  q.ambiguity = Text(kAmbiguity);
  q.text = Text(kExpression);
  q.span = Span{Size(kSpanBegin), Size(kSpanEnd)};
  c.sentence_index = static_cast<int>(Int(kSentenceIndex));
  c.sentence_span = Span{Size(kSentenceBegin), Size(kSentenceEnd)};
  c.sentence = Text(kSentence);
  out.rule_set_version = Text(kRuleSetVersion);
  out.created_at = Text(kCreatedAt);
  out.superseded = Int(kSuperseded) != 0;
  c.path = Text(kPath);
  out.date = Text(kDate);
  out.article_title = Text(kTitle);
  out.article_url = Text(kUrl);
  out.outlet = Text(kOutlet);
  return out;
}

// The columns InsertClaim writes, in its bind order: the INSERT statement is generated from
// this list, and InsertClaim checks that it bound exactly this many values.
inline constexpr const char* kClaimInsertColumns[] = {
    "claim_id",
    "article_id",
    "article_revision",
    "speaker_id",
    "attribution_method",
    "attribution_confidence",
    "cue_begin",
    "cue_end",
    "evidence",
    "claim_type",
    "rule_id",
    "lang",
    "subject",
    "kind",
    "value",
    "low",
    "high",
    "qualifier",
    "unit",
    "period",
    "base",
    "precision",
    "ambiguous",
    "ambiguity",
    "expression",
    "span_begin",
    "span_end",
    "sentence_index",
    "sentence_begin",
    "sentence_end",
    "sentence",
    "fingerprint",
    "rule_set_version",
    "created_at",
    "date",
    "figure_id",
    "review",
};
inline constexpr int kClaimInsertColumnCount =
    static_cast<int>(sizeof kClaimInsertColumns / sizeof kClaimInsertColumns[0]);
// "INSERT INTO claims (claim_id, ...) VALUES (?, ...)".
const std::string& ClaimInsertSql();

// Prepared statements reused by every write (prepared once per connection).
struct WriteStatements {
  explicit WriteStatements(SQLite::Database& db)
      : select_article(db, "SELECT revision, content_hash FROM articles WHERE id = ?"),
        archive_article(db,
                        "INSERT INTO article_revisions (article_id, revision, url, title, outlet, "
                        "date, lang, author, path, encoding, content_hash, text, "
                        "body_line_offset, ingested_at, superseded_at) "
                        "SELECT id, revision, url, title, outlet, date, lang, author, path, "
                        "encoding, content_hash, text, body_line_offset, ingested_at, ? "
                        "FROM articles WHERE id = ?"),
        supersede_article_claims(db,
                                 "UPDATE claims SET superseded = 1, superseded_at = ? "
                                 "WHERE article_id = ? AND superseded = 0"),
        update_article(db,
                       "UPDATE articles SET revision = revision + 1, url = ?, title = ?, "
                       "outlet = ?, date = ?, lang = ?, author = ?, path = ?, encoding = ?, "
                       "content_hash = ?, text = ?, body_line_offset = ?, ingested_at = ? "
                       "WHERE id = ? RETURNING revision"),
        insert_article(db,
                       "INSERT INTO articles (id, revision, url, title, outlet, date, lang, "
                       "author, path, encoding, content_hash, text, body_line_offset, "
                       "first_ingested_at, ingested_at) "
                       "VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        upsert_speaker(db,
                       "INSERT INTO speakers (id, name, kind) VALUES (?, ?, ?) "
                       "ON CONFLICT (id) DO UPDATE SET "
                       "name = CASE WHEN excluded.name <> '' THEN excluded.name "
                       "ELSE speakers.name END, "
                       "kind = CASE WHEN excluded.kind <> '' THEN excluded.kind "
                       "ELSE speakers.kind END"),
        insert_rule_set(db, "INSERT OR IGNORE INTO rule_sets (version, created_at) VALUES (?, ?)"),
        insert_claim(db, ClaimInsertSql()),
        supersede_claim(db, "UPDATE claims SET superseded = 1, superseded_at = ? WHERE row_id = ?"),
        touch_claim(db, "UPDATE claims SET rule_set_version = ? WHERE row_id = ?") {}

  SQLite::Statement select_article;
  SQLite::Statement archive_article;
  SQLite::Statement supersede_article_claims;
  SQLite::Statement update_article;
  SQLite::Statement insert_article;
  SQLite::Statement upsert_speaker;
  SQLite::Statement insert_rule_set;
  SQLite::Statement insert_claim;
  SQLite::Statement supersede_claim;
  SQLite::Statement touch_claim;
};

struct Store::Impl {
  std::string path;
  SQLite::Database db;
  int schema_version = 0;
  std::unique_ptr<WriteStatements> writes;  // prepared on first write

  Impl(const std::string& p, int flags) : path(p), db(p, flags, kBusyTimeoutMs) {
    RegisterFigureIdFunction(db.getHandle());
  }

  std::string Context(std::string_view op, std::string_view what) const {
    return path + ": " + std::string(op) + ": " + std::string(what);
  }

  // Runs `fn`, turning SQLite and file-system exceptions into StoreError with context.
  template <typename Fn>
  auto Guard(std::string_view op, Fn&& fn) const -> decltype(fn()) {
    try {
      return fn();
    } catch (const StoreError&) {
      throw;
    } catch (const SQLite::Exception& e) {
      throw StoreError(Context(op, e.what()));
    } catch (const std::filesystem::filesystem_error& e) {
      throw StoreError(Context(op, e.what()));
    }
  }

  WriteStatements& Writes() {
    if (!writes) writes = std::make_unique<WriteStatements>(db);
    return *writes;
  }

  int ReadUserVersion() { return db.execAndGet("PRAGMA user_version").getInt(); }

  // schema.cpp
  void Configure();
  // Refuses, without writing anything, a file that is not a claimtrack database: another
  // application's SQLite file, or one with tables but no schema version.
  void CheckIdentity();
  // A fast structural check (PRAGMA quick_check) before writing: a damaged file is refused,
  // never written into. With `tables`, only those tables and their indexes are checked (the
  // whole file when one of them does not exist).
  void CheckIntact(const std::vector<std::string>& tables = {});
  void Migrate();
  // ingest.cpp
  void UpsertSpeaker(const Attribution& a, std::set<std::string>* done);
  void InsertRuleSet(const std::string& version, const std::string& now);
  void InsertClaim(const Claim& c, const std::string& id, const std::string& article_id,
                   int revision, const std::string& date, const std::string& fingerprint,
                   const std::string& rule_set_version, const std::string& now);
  IngestOutcome IngestOne(const ArticleClaims& item, const std::string& rule_set_version,
                          const std::string& now, std::set<std::string>* speakers_done);
  // The highest claim row id now (0 when there is none). Claims are never deleted and row
  // ids only grow, so the rows a write call adds are exactly those above it.
  int64_t MaxClaimRow();
  // Indexes the sentences of the claim rows above `after` in claim_fts (migration 0007): one
  // statement at the end of a write call, in its transaction, so a claim and its index entry
  // commit together. Not a trigger per row: FTS5 flushes its pending terms at every
  // statement's savepoint, so a row trigger wrote one tiny index segment per claim and
  // merged them over and over (store-only ingest took twice as long; docs/performance.md).
  void IndexSentences(int64_t after);
  // Marks the claims as changed for the speaker summary (migration 0008): one statement in
  // the transaction of a write call that added or superseded claims.
  void BumpClaimsVersion();
  // queries.cpp
  // The stored speaker ids a filter's speaker_ids and speaker_name stand for (sorted,
  // unique), or nullopt when the filter has no speaker condition. Ids that are not stored
  // are dropped here, so the claims query gets one equality in the usual case (the CLI asks
  // for the alias-table id, the text as an id, "name:<text>" and the name at once). When
  // nothing matches, the first requested id (known not to be stored) is kept, or, with a
  // name only, an empty list (BuildClaimQuery then looks the name up in SQL): no claim
  // matches, and the query keeps an indexed plan.
  std::optional<std::vector<std::string>> ResolveSpeakers(const ClaimFilter& f);
  std::string ArticleText(const std::string& article_id, int revision);
};

}  // namespace claimtrack::store
