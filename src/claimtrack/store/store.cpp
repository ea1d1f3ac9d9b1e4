// The SQLite claims database. Every public call is one transaction; writes start with
// BEGIN IMMEDIATE so a concurrent writer waits on the busy timeout instead of failing with
// SQLITE_BUSY_SNAPSHOT halfway. Durability choices are explained in docs/database.md.

#include "claimtrack/store/store.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <map>
#include <set>
#include <unordered_map>

#include "claimtrack/store/claim_hash.h"
#include "claimtrack/store/connection.h"
#include "claimtrack/store/migrations.h"

namespace claimtrack::store {

std::string NowUtc(StampPrecision precision) {
  auto now = std::chrono::system_clock::now();
  std::time_t t = std::chrono::system_clock::to_time_t(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  if (precision == StampPrecision::kSeconds) return std::string(buf) + "Z";
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()) % 1000;
  char out[40];
  std::snprintf(out, sizeof out, "%s.%03dZ", buf, static_cast<int>(ms.count()));
  return out;
}

namespace {

constexpr int64_t kApplicationId = 0x436C6D54;  // "ClmT", set by 0001_initial.sql

// Leading digits of a migration file name ("0002_indexes.sql" -> 2), or -1.
int MigrationNumber(std::string_view name) {
  int n = -1;
  auto [p, ec] = std::from_chars(name.data(), name.data() + name.size(), n);
  if (ec != std::errc() || p == name.data() || p == name.data() + name.size() || *p != '_') {
    return -1;
  }
  return n;
}

std::string NormalizeKind(const std::string& kind) {
  if (kind == "person" || kind == "organisation") return kind;
  if (kind == "organization") return "organisation";
  return "";
}

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

std::string Col(const SQLite::Statement& st, int i) { return st.getColumn(i).getString(); }
// A text column without a copy (and without SQLiteCpp's per-column Column object), for
// loops over many rows; valid until the statement steps again.
std::string_view RawText(sqlite3_stmt* st, int i) {
  const unsigned char* text = sqlite3_column_text(st, i);
  if (text == nullptr) return {};
  return std::string_view(reinterpret_cast<const char*>(text),
                          static_cast<size_t>(sqlite3_column_bytes(st, i)));
}
std::string_view View(const std::string& s, size_t offset, size_t length) {
  return std::string_view(s).substr(offset, length);
}
int64_t ColInt(const SQLite::Statement& st, int i) { return st.getColumn(i).getInt64(); }
size_t ColSize(const SQLite::Statement& st, int i) {
  int64_t v = st.getColumn(i).getInt64();
  return v < 0 ? 0 : static_cast<size_t>(v);
}

// The columns every claim-reading query selects, in the order ReadStoredClaim expects.
// Needs aliases c (claims), a (articles), s (speakers). The last column (41) is the row id,
// for sorting.
constexpr const char* kClaimSelect =
    "SELECT c.claim_id, c.article_id, c.article_revision, c.speaker_id, s.name, s.kind, "
    "c.attribution_method, c.attribution_confidence, c.cue_begin, c.cue_end, c.evidence, "
    "c.claim_type, c.rule_id, c.lang, c.subject, c.kind, c.value, c.low, c.high, c.qualifier, "
    "c.unit, c.period, c.base, c.precision, c.ambiguous, c.ambiguity, c.expression, "
    "c.span_begin, c.span_end, c.sentence_index, c.sentence_begin, c.sentence_end, c.sentence, "
    "c.rule_set_version, c.created_at, c.superseded, a.path, c.date, a.title, a.url, "
    "a.outlet, c.row_id, a.date "
    "FROM claims c JOIN articles a ON a.id = c.article_id JOIN speakers s ON s.id = c.speaker_id ";

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

// The columns of kClaimSelect (but the last two) as a StoredClaim.
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
  out.id = Text(0);
  c.article_id = Text(1);
  out.article_revision = static_cast<int>(Int(2));
  at.speaker_id = Text(3);
  at.speaker_name = Text(4);
  at.speaker_kind = Text(5);
  if (!ParseAttributionMethod(row.View(6), &at.method)) at.method = AttributionMethod::kNone;
  at.confidence = row.Real(7);
  at.cue = Span{Size(8), Size(9)};
  at.evidence = Text(10);
  c.claim_type = Text(11);
  c.rule_id = Text(12);
  c.lang = Text(13);
  c.subject = Text(14);
  if (!ParseQuantityKind(row.View(15), &q.kind)) q.kind = QuantityKind::kNumber;
  q.value = OptReal(16);
  q.low = OptReal(17);
  q.high = OptReal(18);
  if (!ParseQualifier(row.View(19), &q.qualifier)) q.qualifier = Qualifier::kNone;
  q.unit = Text(20);
  if (!ParsePeriod(row.View(21), &q.period)) q.period = Period::kNone;
  q.base = Text(22);
  q.precision = static_cast<int>(Int(23));
  q.ambiguous = Int(24) != 0;
  q.ambiguity = Text(25);
  q.text = Text(26);
  q.span = Span{Size(27), Size(28)};
  c.sentence_index = static_cast<int>(Int(29));
  c.sentence_span = Span{Size(30), Size(31)};
  c.sentence = Text(32);
  out.rule_set_version = Text(33);
  out.created_at = Text(34);
  out.superseded = Int(35) != 0;
  c.path = Text(36);
  out.date = Text(37);
  out.article_title = Text(38);
  out.article_url = Text(39);
  out.outlet = Text(40);
  return out;
}

std::vector<std::pair<std::string, int64_t>> ReadCounts(SQLite::Statement& st) {
  std::vector<std::pair<std::string, int64_t>> out;
  while (st.executeStep()) out.emplace_back(Col(st, 0), ColInt(st, 1));
  return out;
}

// The SQL and bindings of QueryClaims; values are always bound, never spliced in.
struct BuiltQuery {
  std::string sql;
  std::vector<std::string> strings;  // bound in order, interleaved with numbers below
  struct Param {
    enum { kString, kReal, kInt } type;
    size_t string_index = 0;
    double real = 0;
    int64_t integer = 0;
  };
  std::vector<Param> params;

  void AddString(std::string s) {
    strings.push_back(std::move(s));
    params.push_back({Param::kString, strings.size() - 1, 0, 0});
  }
  void Bind(sqlite3_stmt* st) const {
    int i = 1;
    for (const Param& p : params) {
      int rc = SQLITE_OK;
      switch (p.type) {
        case Param::kString: {
          const std::string& v = strings[p.string_index];
          rc = sqlite3_bind_text(st, i++, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
          break;
        }
        case Param::kReal:
          rc = sqlite3_bind_double(st, i++, p.real);
          break;
        case Param::kInt:
          rc = sqlite3_bind_int64(st, i++, p.integer);
          break;
      }
      if (rc != SQLITE_OK) throw SQLite::Exception(sqlite3_db_handle(st), rc);
    }
  }
  void Bind(SQLite::Statement& st) const {
    int i = 1;
    for (const Param& p : params) {
      switch (p.type) {
        case Param::kString:
          st.bind(i++, strings[p.string_index]);
          break;
        case Param::kReal:
          st.bind(i++, p.real);
          break;
        case Param::kInt:
          st.bind(i++, p.integer);
          break;
      }
    }
  }
};

constexpr const char* kDateExpr = "c.date";

// ListSpeakers' pass over the current claims: the covering index claims_by_speaker
// (migration 0003) delivers the rows in speaker order without touching the claims table.
constexpr const char* kListSpeakersSql =
    "SELECT speaker_id, date, article_id, claim_type FROM claims "
    "WHERE superseded = 0 ORDER BY speaker_id";

// `speakers`: the stored speaker ids to match (Impl::ResolveSpeakers), nullopt for any
// speaker, empty when only f.speaker_name was asked for and no speaker has that name.
BuiltQuery BuildClaimQuery(const ClaimFilter& f,
                           const std::optional<std::vector<std::string>>& speakers) {
  BuiltQuery q;
  q.sql = kClaimSelect;
  q.sql += "WHERE 1 = 1";
  if (speakers) {
    // One id (the usual case) is an equality, so claims_by_speaker also yields the date
    // order; several ids are an IN list (one index search each, then a sort).
    if (speakers->empty()) {
      q.sql += " AND c.speaker_id IN (SELECT id FROM speakers WHERE name = ? COLLATE NOCASE)";
      q.AddString(f.speaker_name);
    } else if (speakers->size() == 1) {
      q.sql += " AND c.speaker_id = ?";
    } else {
      q.sql += " AND c.speaker_id IN (";
      for (size_t i = 0; i < speakers->size(); ++i) q.sql += i == 0 ? "?" : ", ?";
      q.sql += ")";
    }
    for (const std::string& id : *speakers) q.AddString(id);
  }
  if (!f.include_superseded) q.sql += " AND c.superseded = 0";
  if (f.after_row > 0) {
    q.sql += " AND c.row_id > ?";
    q.params.push_back({BuiltQuery::Param::kInt, 0, 0, f.after_row});
  }
  if (!f.rows.empty()) {
    q.sql += " AND c.row_id IN (";
    for (size_t i = 0; i < f.rows.size(); ++i) {
      q.sql += i == 0 ? "?" : ", ?";
      q.params.push_back({BuiltQuery::Param::kInt, 0, 0, f.rows[i]});
    }
    q.sql += ")";
  }
  if (!f.claim_type.empty()) {
    q.sql += " AND c.claim_type = ?";
    q.AddString(f.claim_type);
  }
  if (!f.article_id.empty()) {
    q.sql += " AND c.article_id = ?";
    q.AddString(f.article_id);
  }
  if (f.min_confidence) {
    q.sql += " AND c.attribution_confidence >= ?";
    q.params.push_back({BuiltQuery::Param::kReal, 0, *f.min_confidence, 0});
  }
  if (f.min_value) {
    // Overlap of [low, high] (or the point value) with [min, max]: the claim's upper end
    // reaches min and its lower end stays under max. NULL (no value) never matches.
    q.sql += " AND coalesce(c.high, c.value, c.low) >= ?";
    q.params.push_back({BuiltQuery::Param::kReal, 0, *f.min_value, 0});
  }
  if (f.max_value) {
    q.sql += " AND coalesce(c.low, c.value, c.high) <= ?";
    q.params.push_back({BuiltQuery::Param::kReal, 0, *f.max_value, 0});
  }
  if (!f.unit.empty()) {
    q.sql += " AND c.unit = ? COLLATE NOCASE";
    q.AddString(f.unit);
  }
  if (!f.lang.empty()) {
    q.sql += " AND c.lang = ?";
    q.AddString(f.lang);
  }
  if (!f.outlet.empty()) {
    q.sql += " AND a.outlet = ? COLLATE NOCASE";  // articles_by_outlet (0007)
    q.AddString(f.outlet);
  }
  if (!f.text.empty()) {
    // claim_fts (0007) indexes every claim row's sentence under the row id.
    std::string match = SentenceSearchQuery(f.text);
    if (match.empty()) {
      q.sql += " AND 0";  // nothing to search for: no sentence contains it
    } else {
      q.sql += " AND c.row_id IN (SELECT rowid FROM claim_fts WHERE claim_fts MATCH ?)";
      q.AddString(std::move(match));
    }
  }
  if (!f.ingested_after.empty()) {
    // The articles stored since then (articles_by_ingested_at, 0007) narrow the claims; an
    // older revision was stored before its article's current one, so this loses none. Then
    // the time of the claim's own revision: the current one's, or a kept older one's.
    q.sql +=
        " AND c.article_id IN (SELECT id FROM articles WHERE ingested_at > ?)"
        " AND (CASE WHEN c.article_revision = a.revision THEN a.ingested_at ELSE"
        " (SELECT r.ingested_at FROM article_revisions r WHERE r.article_id = c.article_id"
        " AND r.revision = c.article_revision) END) > ?";
    q.AddString(f.ingested_after);
    q.AddString(f.ingested_after);
  }
  if (!f.since.empty()) {
    q.sql += std::string(" AND ") + kDateExpr + " >= ?";
    q.AddString(f.since);
  }
  if (!f.until.empty()) {
    // Compare only as many characters as `until` has, so "2024-03" includes March 31st.
    q.sql += std::string(" AND substr(") + kDateExpr + ", 1, ?) <= ?";
    q.params.push_back({BuiltQuery::Param::kInt, 0, 0, static_cast<int64_t>(f.until.size())});
    q.AddString(f.until);
  }
  // Without a limit QueryClaims sorts the decoded rows itself: SQLite's sorter would
  // copy every 41-column row into a temporary B-tree first.
  if (f.limit > 0) {
    q.sql += std::string(" ORDER BY ") + kDateExpr +
             ", c.article_id, c.article_revision, c.span_begin, c.row_id";
    q.sql += " LIMIT ?";
    q.params.push_back({BuiltQuery::Param::kInt, 0, 0, static_cast<int64_t>(f.limit)});
  }
  return q;
}

}  // namespace

std::string SentenceSearchQuery(std::string_view words) {
  // Terms: "a phrase" or a run of non-space bytes; each becomes an FTS5 string (the
  // tokenizer splits it into words), so punctuation in it is never FTS5 syntax.
  struct Term {
    std::string text;
    bool prefix = false;
    bool is_or = false;
  };
  std::vector<Term> terms;
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  size_t i = 0;
  while (i < words.size()) {
    if (is_space(words[i])) {
      ++i;
      continue;
    }
    Term t;
    if (words[i] == '"') {
      size_t end = words.find('"', i + 1);
      if (end == std::string_view::npos) end = words.size();
      t.text = std::string(words.substr(i + 1, end - i - 1));
      i = end + 1;
      if (i < words.size() && words[i] == '*') {
        t.prefix = true;
        ++i;
      }
    } else {
      size_t end = i;
      while (end < words.size() && !is_space(words[end])) ++end;
      t.text = std::string(words.substr(i, end - i));
      i = end;
      t.is_or = t.text == "OR";
      while (!t.is_or && !t.text.empty() && t.text.back() == '*') {
        t.text.pop_back();
        t.prefix = true;
      }
    }
    // Only terms with a letter or digit find anything; a term of punctuation alone ("–",
    // "€") would be an empty phrase, which matches no sentence.
    bool has_word = t.is_or;
    for (size_t k = 0; k < t.text.size() && !has_word;) {
      const auto u = static_cast<unsigned char>(t.text[k]);
      if (u < 0x80) {
        has_word = std::isalnum(u) != 0;
        ++k;
        continue;
      }
      // A UTF-8 sequence: a letter unless it is Latin-1 punctuation or a symbol, general
      // punctuation (dashes, quotes), currency, arrows, maths, box drawing, CJK punctuation.
      const size_t len = u >= 0xF0 ? 4 : u >= 0xE0 ? 3 : u >= 0xC0 ? 2 : 1;
      uint32_t cp = len == 1 ? u : u & (0xFF >> (len + 1));
      for (size_t b = 1; b < len && k + b < t.text.size(); ++b) {
        cp = (cp << 6) | (static_cast<unsigned char>(t.text[k + b]) & 0x3F);
      }
      k += len;
      const bool symbol = (cp >= 0x80 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7 ||
                          (cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) ||
                          (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF0F);
      has_word = !symbol;
    }
    if (has_word) terms.push_back(std::move(t));
  }
  std::string out;
  bool pending_or = false;
  for (const Term& t : terms) {
    if (t.is_or) {
      pending_or = !out.empty();
      continue;
    }
    if (!out.empty()) out += pending_or ? " OR " : " ";
    pending_or = false;
    out += '"';
    for (char c : t.text) {
      if (c == '"') out += '"';
      out += c;
    }
    out += '"';
    if (t.prefix) out += " *";
  }
  return out;
}

std::string_view ToString(IngestOutcome o) {
  switch (o) {
    case IngestOutcome::kNew:
      return "new";
    case IngestOutcome::kUnchanged:
      return "unchanged";
    case IngestOutcome::kRevised:
      return "revised";
  }
  return "unknown";
}

namespace {

// claimtrack_figure_id(article_id, sentence, offset): FigureId in SQL, for migration 0006,
// which fills claims.figure_id of the rows written before it.
void FigureIdSql(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  if (argc != 3) {
    sqlite3_result_error(ctx, "claimtrack_figure_id takes 3 arguments", -1);
    return;
  }
  auto text = [&](int i) {
    const auto* p = reinterpret_cast<const char*>(sqlite3_value_text(argv[i]));
    return p ? std::string_view(p, static_cast<size_t>(sqlite3_value_bytes(argv[i])))
             : std::string_view();
  };
  const int64_t offset = sqlite3_value_int64(argv[2]);
  std::string id = FigureId(text(0), text(1), offset > 0 ? static_cast<size_t>(offset) : 0);
  sqlite3_result_text(ctx, id.c_str(), static_cast<int>(id.size()), SQLITE_TRANSIENT);
}

void RegisterFigureIdFunction(sqlite3* handle) {
  sqlite3_create_function_v2(handle, "claimtrack_figure_id", 3,
                             SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, nullptr,
                             &FigureIdSql, nullptr, nullptr, nullptr);
}

}  // namespace

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
        insert_claim(db,
                     "INSERT INTO claims (claim_id, article_id, article_revision, speaker_id, "
                     "attribution_method, attribution_confidence, cue_begin, cue_end, evidence, "
                     "claim_type, rule_id, lang, subject, kind, value, low, high, qualifier, "
                     "unit, period, base, precision, ambiguous, ambiguity, expression, "
                     "span_begin, span_end, sentence_index, sentence_begin, sentence_end, "
                     "sentence, fingerprint, rule_set_version, created_at, date, figure_id, "
                     "review) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                     "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
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

  void Configure() {
    // WAL: readers never block the writer and a crash never leaves a half-written page in
    // the main file. FULL: a commit is on disk when IngestBatch returns (see database.md).
    // Only called once the file is known to be ours (CheckIdentity), so a foreign SQLite
    // file is never switched to WAL.
    db.execAndGet("PRAGMA journal_mode = WAL");
    db.exec("PRAGMA foreign_keys = ON");
    db.exec("PRAGMA synchronous = FULL");
    // 64 MiB page cache (default 2 MiB): a batch's index updates stay in memory until commit.
    db.exec("PRAGMA cache_size = -65536");
  }

  // Refuses, without writing anything, a file that is not a claimtrack database: another
  // application's SQLite file, or one with tables but no schema version.
  void CheckIdentity() {
    int64_t app_id = db.execAndGet("PRAGMA application_id").getInt64();
    if (app_id != 0 && app_id != kApplicationId) {
      throw StoreError(Context("open", "not a claimtrack database (application_id " +
                                           std::to_string(app_id) +
                                           "); it was not changed. Choose another --db path"));
    }
    if (ReadUserVersion() == 0) {
      int64_t objects =
          db.execAndGet("SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'")
              .getInt64();
      if (objects > 0) {
        throw StoreError(Context("open",
                                 "not a claimtrack database (it has tables but no schema "
                                 "version); it was not changed. Choose another --db path"));
      }
    }
  }

  // A fast structural check (PRAGMA quick_check) before writing: a damaged file is refused,
  // never written into. With `tables`, only those tables and their indexes are checked (the
  // whole file when one of them does not exist).
  void CheckIntact(const std::vector<std::string>& tables = {}) {
    std::vector<std::string> pragmas;
    for (const std::string& t : tables) {
      SQLite::Statement exists(db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?");
      exists.bind(1, t);
      if (!exists.executeStep()) {
        pragmas.clear();
        break;
      }
      pragmas.push_back("PRAGMA quick_check(\"" + t + "\")");
    }
    if (pragmas.empty()) pragmas.push_back("PRAGMA quick_check(3)");
    std::string problems;
    for (const std::string& sql : pragmas) {
      try {
        SQLite::Statement q(db, sql);
        while (q.executeStep()) {
          std::string line = q.getColumn(0).getString();
          if (line == "ok") break;
          problems += (problems.empty() ? "" : "; ") + line;
        }
      } catch (const SQLite::Exception& e) {
        // A root page too damaged to walk: SQLITE_CORRUPT instead of a report line.
        if (e.getErrorCode() != SQLITE_CORRUPT && e.getErrorCode() != SQLITE_NOTADB) throw;
        problems += (problems.empty() ? "" : "; ") + std::string(e.what());
      }
    }
    if (problems.empty()) return;
    throw StoreError(
        Context("open", "the database file is damaged (" + problems +
                            "); nothing was written. Restore it from a backup, or recover what is "
                            "readable: sqlite3 " +
                            path + " .recover | sqlite3 recovered.sqlite"));
  }

  void Migrate() {
    const auto& migrations = EmbeddedMigrations();
    const int latest = static_cast<int>(migrations.size());
    for (int i = 0; i < latest; ++i) {
      if (MigrationNumber(migrations[static_cast<size_t>(i)].first) != i + 1) {
        throw StoreError(Context(
            "migrate", "built-in migration '" + std::string(migrations[i].first) +
                           "' is out of sequence; expected number " + std::to_string(i + 1)));
      }
    }
    const std::string file = std::filesystem::path(path).filename().string();
    int version = ReadUserVersion();
    auto too_new = [&](int v) {
      return StoreError(Context("open", file + " has schema version " + std::to_string(v) +
                                            " but this claimtrack knows up to " +
                                            std::to_string(latest) + "; upgrade claimtrack"));
    };
    if (version > latest) throw too_new(version);
    // Only an outdated database takes the write lock, so opening for a query never waits
    // for a running ingest.
    while (version < latest) {
      // Re-read the version inside the write lock: another process may have migrated.
      SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
      version = ReadUserVersion();
      if (version > latest) throw too_new(version);
      if (version == latest) break;  // the transaction rolls back: nothing was written
      const auto& [name, sql] = migrations[static_cast<size_t>(version)];
      try {
        db.exec(std::string(sql));
        db.exec("PRAGMA user_version = " + std::to_string(version + 1));
        tx.commit();
        ++version;
      } catch (const SQLite::Exception& e) {
        throw StoreError(
            Context("migrate", "migration " + std::string(name) + " failed: " + e.what()));
      }
    }
    schema_version = latest;
  }

  void UpsertSpeaker(const Attribution& a, std::set<std::string>* done) {
    std::string id = a.speaker_id.empty() ? "unknown" : a.speaker_id;
    std::string kind = NormalizeKind(a.speaker_kind);
    std::string key = id + '\x1f' + a.speaker_name + '\x1f' + kind;
    if (!done->insert(key).second) return;
    SQLite::Statement& st = Writes().upsert_speaker;
    ResetGuard reset(st);
    Binder(st).Str(id).Str(a.speaker_name).Str(kind);
    st.exec();
  }

  void InsertRuleSet(const std::string& version, const std::string& now) {
    if (version.empty()) return;
    SQLite::Statement& st = Writes().insert_rule_set;
    ResetGuard reset(st);
    Binder(st).Str(version).Str(now);
    st.exec();
  }

  void InsertClaim(const Claim& c, const std::string& id, const std::string& article_id,
                   int revision, const std::string& date, const std::string& fingerprint,
                   const std::string& rule_set_version, const std::string& now) {
    SQLite::Statement& st = Writes().insert_claim;
    ResetGuard reset(st);
    const Quantity& q = c.quantity;
    const Attribution& a = c.attribution;
    std::string speaker = a.speaker_id.empty() ? "unknown" : a.speaker_id;
    std::string method(ToString(a.method));
    std::string kind(ToString(q.kind));
    std::string qualifier(ToString(q.qualifier));
    std::string period(ToString(q.period));
    // Binder::Str binds without copying: every string must outlive st.exec().
    const std::string figure =
        FigureId(article_id, c.sentence,
                 q.span.begin >= c.sentence_span.begin ? q.span.begin - c.sentence_span.begin : 0);
    Binder(st)
        .Str(id)
        .Str(article_id)
        .Int(revision)
        .Str(speaker)
        .Str(method)
        .Real(a.confidence)
        .Int(static_cast<int64_t>(a.cue.begin))
        .Int(static_cast<int64_t>(a.cue.end))
        .Str(a.evidence)
        .Str(c.claim_type)
        .Str(c.rule_id)
        .Str(c.lang)
        .Str(c.subject)
        .Str(kind)
        .OptReal(q.value)
        .OptReal(q.low)
        .OptReal(q.high)
        .Str(qualifier)
        .Str(q.unit)
        .Str(period)
        .Str(q.base)
        .Int(q.precision)
        .Int(q.ambiguous ? 1 : 0)
        .Str(q.ambiguity)
        .Str(q.text)
        .Int(static_cast<int64_t>(q.span.begin))
        .Int(static_cast<int64_t>(q.span.end))
        .Int(c.sentence_index)
        .Int(static_cast<int64_t>(c.sentence_span.begin))
        .Int(static_cast<int64_t>(c.sentence_span.end))
        .Str(c.sentence)
        .Str(fingerprint)
        .Str(rule_set_version)
        .Str(now)
        .Str(date)
        .Str(figure)
        .Int(c.review ? 1 : 0);
    st.exec();
  }

  IngestOutcome IngestOne(const ArticleClaims& item, const std::string& rule_set_version,
                          const std::string& now, std::set<std::string>* speakers_done) {
    WriteStatements& w = Writes();
    const Article& art = item.article;
    if (art.id.empty()) throw StoreError(Context("ingest", "article without id"));
    std::string hash = art.content_hash;
    if (hash.empty()) hash = "fnv1a:" + Hex64(Fnv1a64(art.title + '\x1f' + art.text));

    int revision = 0;
    {
      ResetGuard reset(w.select_article);
      Binder(w.select_article).Str(art.id);
      if (w.select_article.executeStep()) {
        if (Col(w.select_article, 1) == hash) return IngestOutcome::kUnchanged;
        revision = static_cast<int>(ColInt(w.select_article, 0));
      }
    }
    IngestOutcome outcome = IngestOutcome::kNew;
    const auto offset = static_cast<int64_t>(art.body_line_offset);
    if (revision > 0) {
      outcome = IngestOutcome::kRevised;
      {
        ResetGuard reset(w.archive_article);
        Binder(w.archive_article).Str(now).Str(art.id);
        w.archive_article.exec();
      }
      {
        ResetGuard reset(w.supersede_article_claims);
        Binder(w.supersede_article_claims).Str(now).Str(art.id);
        w.supersede_article_claims.exec();
      }
      ResetGuard reset(w.update_article);
      Binder(w.update_article)
          .Str(art.url)
          .Str(art.title)
          .Str(art.outlet)
          .Str(art.date)
          .Str(art.lang)
          .Str(art.author)
          .Str(art.path)
          .Str(art.encoding)
          .Str(hash)
          .Str(art.text)
          .Int(offset)
          .Str(now)
          .Str(art.id);
      if (!w.update_article.executeStep()) {
        throw StoreError(Context("ingest", "article '" + art.id + "' vanished during update"));
      }
      revision = static_cast<int>(ColInt(w.update_article, 0));
    } else {
      ResetGuard reset(w.insert_article);
      Binder(w.insert_article)
          .Str(art.id)
          .Str(art.url)
          .Str(art.title)
          .Str(art.outlet)
          .Str(art.date)
          .Str(art.lang)
          .Str(art.author)
          .Str(art.path)
          .Str(art.encoding)
          .Str(hash)
          .Str(art.text)
          .Int(offset)
          .Str(now)
          .Str(now);
      w.insert_article.exec();
      revision = 1;
    }

    const std::string date = art.date.empty() ? now : art.date;
    std::vector<std::string> ids = AssignClaimIds(art.id, item.claims);
    for (size_t i = 0; i < item.claims.size(); ++i) {
      const Claim& c = item.claims[i];
      UpsertSpeaker(c.attribution, speakers_done);
      InsertClaim(c, ids[i], art.id, revision, date, ClaimFingerprint(c), rule_set_version, now);
    }
    return outcome;
  }

  // The highest claim row id now (0 when there is none). Claims are never deleted and row
  // ids only grow, so the rows a write call adds are exactly those above it.
  int64_t MaxClaimRow() {
    return db.execAndGet("SELECT coalesce(max(row_id), 0) FROM claims").getInt64();
  }

  // Indexes the sentences of the claim rows above `after` in claim_fts (migration 0007): one
  // statement at the end of a write call, in its transaction, so a claim and its index entry
  // commit together. Not a trigger per row: FTS5 flushes its pending terms at every
  // statement's savepoint, so a row trigger wrote one tiny index segment per claim and
  // merged them over and over (store-only ingest took twice as long; docs/performance.md).
  void IndexSentences(int64_t after) {
    SQLite::Statement st(db,
                         "INSERT INTO claim_fts (rowid, sentence) "
                         "SELECT row_id, sentence FROM claims WHERE row_id > ?");
    st.bind(1, after);
    st.exec();
  }

  // The stored speaker ids a filter's speaker_ids and speaker_name stand for (sorted,
  // unique), or nullopt when the filter has no speaker condition. Ids that are not stored
  // are dropped here, so the claims query gets one equality in the usual case (the CLI asks
  // for the alias-table id, the text as an id, "name:<text>" and the name at once). When
  // nothing matches, the first requested id (known not to be stored) is kept, or, with a
  // name only, an empty list (BuildClaimQuery then looks the name up in SQL): no claim
  // matches, and the query keeps an indexed plan.
  std::optional<std::vector<std::string>> ResolveSpeakers(const ClaimFilter& f) {
    if (f.speaker_ids.empty() && f.speaker_name.empty()) return std::nullopt;
    std::set<std::string> found;
    if (!f.speaker_ids.empty()) {
      SQLite::Statement st(db, "SELECT 1 FROM speakers WHERE id = ?");
      for (const std::string& id : f.speaker_ids) {
        ResetGuard reset(st);
        st.bind(1, id);
        if (st.executeStep()) found.insert(id);
      }
    }
    if (!f.speaker_name.empty()) {
      SQLite::Statement st(db, "SELECT id FROM speakers WHERE name = ? COLLATE NOCASE");
      st.bind(1, f.speaker_name);
      while (st.executeStep()) found.insert(Col(st, 0));
    }
    if (found.empty() && !f.speaker_ids.empty()) return std::vector<std::string>{f.speaker_ids[0]};
    return std::vector<std::string>(found.begin(), found.end());
  }

  std::string ArticleText(const std::string& article_id, int revision) {
    SQLite::Statement cur(db, "SELECT text FROM articles WHERE id = ? AND revision = ?");
    cur.bind(1, article_id);
    cur.bind(2, revision);
    if (cur.executeStep()) return Col(cur, 0);
    SQLite::Statement old(
        db, "SELECT text FROM article_revisions WHERE article_id = ? AND revision = ?");
    old.bind(1, article_id);
    old.bind(2, revision);
    if (old.executeStep()) return Col(old, 0);
    return "";
  }
};

namespace {
// Why a database cannot be written, in words a user can act on; "" when nothing is wrong
// that we can see before SQLite tries. WAL needs to create files beside the database, so
// the folder must be writable too.
std::string WhyNotWritable(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path parent = fs::path(path).parent_path();
  if (parent.empty()) parent = ".";
  auto reason = [] { return std::generic_category().message(errno); };
  if (fs::exists(path, ec)) {
    if (::access(path.c_str(), W_OK) != 0)
      return "the database file is not writable (" + reason() + ")";
  }
  if (::access(parent.c_str(), W_OK) != 0) {
    return "the folder " + parent.string() + " is not writable (" + reason() +
           "); the database and its -wal/-shm files are created there";
  }
  return "";
}
}  // namespace

Store::Store(const std::string& path, OpenMode mode) {
  namespace fs = std::filesystem;
  auto context = [&](std::string_view what) { return path + ": open: " + std::string(what); };
  const bool special = path == ":memory:" || path.rfind("file:", 0) == 0;
  std::error_code ec;
  if (!special && mode == OpenMode::kReadOnly) {
    if (!fs::exists(path, ec)) {
      throw StoreError(context("no database here yet; run `claimtrack ingest` first or pass --db"));
    }
    if (fs::is_regular_file(path, ec) && fs::file_size(path, ec) == 0 && !ec) {
      throw StoreError(
          context("the file is empty, not a claimtrack database yet; run "
                  "`claimtrack ingest` to create one or pass --db"));
    }
  }
  bool read_only = mode == OpenMode::kReadOnly;
  try {
    if (!special && !read_only) {
      fs::path parent = fs::path(path).parent_path();
      if (!parent.empty() && !fs::exists(parent, ec)) fs::create_directories(parent);
      if (std::string why = WhyNotWritable(path); !why.empty()) throw StoreError(context(why));
    }
    // NOMUTEX: a Store is one connection used by one thread at a time (see store.h), so
    // SQLite's per-call connection mutex is pure overhead (a lock per column read).
    impl_ = std::make_unique<Impl>(
        path, (read_only ? SQLite::OPEN_READONLY : SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE) |
                  SQLite::OPEN_NOMUTEX);
  } catch (const SQLite::Exception& e) {
    throw StoreError(context(e.what()));
  } catch (const std::filesystem::filesystem_error& e) {
    throw StoreError(context(e.what()));
  }
  if (read_only && !special) {
    // A WAL database in a folder we cannot write: SQLite cannot create the -shm file and
    // refuses even to read. With no -wal file beside it, no writer can be mid-transaction
    // (a writer would need to create one), so the file is read as immutable.
    try {
      impl_->db.execAndGet("PRAGMA application_id");
    } catch (const SQLite::Exception& e) {
      if (fs::exists(path + "-wal", ec) ||
          (e.getErrorCode() != SQLITE_READONLY && e.getErrorCode() != SQLITE_CANTOPEN)) {
        throw StoreError(context(e.what()));
      }
      std::string uri = "file:";
      for (char c : fs::absolute(path, ec).string()) {
        if (c == '%' || c == '?' || c == '#') {
          uri += fmt::format("%{:02X}", static_cast<unsigned char>(c));
        } else {
          uri += c;
        }
      }
      uri += "?immutable=1";
      try {
        impl_ = std::make_unique<Impl>(
            uri, SQLite::OPEN_READONLY | SQLite::OPEN_URI | SQLite::OPEN_NOMUTEX);
        impl_->path = path;
      } catch (const SQLite::Exception& e2) {
        throw StoreError(context(e2.what()));
      }
    }
  }
  impl_->Guard("open", [&] {
    impl_->CheckIdentity();
    if (read_only) {
      impl_->db.exec("PRAGMA foreign_keys = ON");
      int version = impl_->ReadUserVersion();
      const int latest = LatestSchemaVersion();
      if (version > latest || version == latest) {
        impl_->Migrate();  // refuses a newer schema; writes nothing when current
        return;
      }
      // An older schema must be migrated first, which needs write access.
      if (std::string why = WhyNotWritable(path); !why.empty()) {
        throw StoreError(
            impl_->Context("open", "the database has schema version " + std::to_string(version) +
                                       " and must be upgraded to " + std::to_string(latest) +
                                       " before it can be read, but " + why));
      }
      read_only = false;
      impl_ = std::make_unique<Impl>(path, SQLite::OPEN_READWRITE | SQLite::OPEN_NOMUTEX);
    }
    const bool existed = !special && fs::exists(path, ec) && fs::file_size(path, ec) > 0;
    if (existed) {
      static const std::vector<std::string> kFindingTables = {"findings", "claim_groups",
                                                              "check_runs", "report_runs"};
      static const std::vector<std::string> kReviewTables = {"reviews"};
      impl_->CheckIntact(mode == OpenMode::kWriteFindings  ? kFindingTables
                         : mode == OpenMode::kWriteReviews ? kReviewTables
                                                           : std::vector<std::string>{});
    }
    impl_->Configure();
    impl_->Migrate();
  });
}

Store::~Store() = default;
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;

const std::string& Store::path() const { return impl_->path; }
int Store::SchemaVersion() const { return impl_->schema_version; }
int Store::LatestSchemaVersion() { return static_cast<int>(EmbeddedMigrations().size()); }

std::vector<IngestOutcome> Store::IngestBatch(const std::vector<ArticleClaims>& batch,
                                              const std::string& rule_set_version) {
  return impl_->Guard("ingest", [&] {
    std::vector<IngestOutcome> outcomes;
    outcomes.reserve(batch.size());
    if (batch.empty()) return outcomes;
    SQLite::Transaction tx(impl_->db, SQLite::TransactionBehavior::IMMEDIATE);
    const std::string now = NowUtc(StampPrecision::kMilliseconds);
    const int64_t rows_before = impl_->MaxClaimRow();
    std::set<std::string> speakers_done;
    bool wrote = false;
    for (const ArticleClaims& item : batch) {
      try {
        outcomes.push_back(impl_->IngestOne(item, rule_set_version, now, &speakers_done));
      } catch (const SQLite::Exception& e) {
        throw StoreError(
            impl_->Context("ingest", "article '" + item.article.id + "': " + e.what()));
      }
      wrote = wrote || outcomes.back() != IngestOutcome::kUnchanged;
    }
    if (wrote) {
      impl_->IndexSentences(rows_before);
      impl_->InsertRuleSet(rule_set_version, now);
    }
    tx.commit();
    return outcomes;
  });
}

ReextractDiff Store::ReplaceClaims(const std::string& article_id, const std::vector<Claim>& claims,
                                   const std::string& rule_set_version) {
  return impl_->Guard("reextract", [&] {
    Impl& im = *impl_;
    WriteStatements& w = im.Writes();
    SQLite::Transaction tx(im.db, SQLite::TransactionBehavior::IMMEDIATE);
    const std::string now = NowUtc(StampPrecision::kMilliseconds);
    const int64_t rows_before = im.MaxClaimRow();
    int revision = 0;
    std::string date;
    {
      SQLite::Statement st(im.db,
                           "SELECT revision, COALESCE(NULLIF(date, ''), ingested_at) "
                           "FROM articles WHERE id = ?");
      st.bind(1, article_id);
      if (!st.executeStep()) {
        throw StoreError(im.Context("reextract", "no article with id '" + article_id + "'"));
      }
      revision = static_cast<int>(ColInt(st, 0));
      date = Col(st, 1);
    }
    struct OldRow {
      int64_t row_id;
      std::string rule_id;
      std::string fingerprint;
    };
    std::unordered_map<std::string, OldRow> old;
    {
      SQLite::Statement st(im.db,
                           "SELECT row_id, claim_id, rule_id, fingerprint FROM claims "
                           "WHERE article_id = ? AND superseded = 0");
      st.bind(1, article_id);
      while (st.executeStep()) old[Col(st, 1)] = OldRow{ColInt(st, 0), Col(st, 2), Col(st, 3)};
    }
    std::map<std::string, ReextractDiff::RuleChanges> by_rule;
    auto rule = [&](const std::string& id) -> ReextractDiff::RuleChanges& {
      auto& r = by_rule[id];
      r.rule_id = id;
      return r;
    };
    auto supersede = [&](int64_t row_id) {
      ResetGuard reset(w.supersede_claim);
      Binder(w.supersede_claim).Str(now).Int(row_id);
      w.supersede_claim.exec();
    };
    ReextractDiff diff;
    std::set<std::string> speakers_done;
    std::vector<std::string> ids = AssignClaimIds(article_id, claims);
    for (size_t i = 0; i < claims.size(); ++i) {
      const Claim& c = claims[i];
      const std::string fp = ClaimFingerprint(c);
      auto it = old.find(ids[i]);
      if (it != old.end() && it->second.fingerprint == fp) {
        ResetGuard reset(w.touch_claim);
        Binder(w.touch_claim).Str(rule_set_version).Int(it->second.row_id);
        w.touch_claim.exec();
        ++diff.unchanged;
        old.erase(it);
        continue;
      }
      if (it != old.end()) {
        supersede(it->second.row_id);
        rule(c.rule_id).changed.push_back(ids[i]);
        old.erase(it);
      } else {
        rule(c.rule_id).added.push_back(ids[i]);
      }
      im.UpsertSpeaker(c.attribution, &speakers_done);
      im.InsertClaim(c, ids[i], article_id, revision, date, fp, rule_set_version, now);
    }
    for (const auto& [id, row] : old) {
      supersede(row.row_id);
      rule(row.rule_id).removed.push_back(id);
    }
    im.IndexSentences(rows_before);
    im.InsertRuleSet(rule_set_version, now);
    tx.commit();
    for (auto& [id, changes] : by_rule) {
      std::sort(changes.added.begin(), changes.added.end());
      std::sort(changes.removed.begin(), changes.removed.end());
      std::sort(changes.changed.begin(), changes.changed.end());
      diff.by_rule.push_back(std::move(changes));
    }
    return diff;
  });
}

std::vector<Article> Store::LoadArticles(const std::vector<std::string>& ids) const {
  return impl_->Guard("load articles", [&] {
    static constexpr const char* kCols =
        "SELECT id, path, url, title, date, outlet, author, lang, encoding, text, content_hash, "
        "body_line_offset FROM articles ";
    auto read = [](const SQLite::Statement& st) {
      Article a;
      a.id = Col(st, 0);
      a.path = Col(st, 1);
      a.url = Col(st, 2);
      a.title = Col(st, 3);
      a.date = Col(st, 4);
      a.outlet = Col(st, 5);
      a.author = Col(st, 6);
      a.lang = Col(st, 7);
      a.encoding = Col(st, 8);
      a.text = Col(st, 9);
      a.content_hash = Col(st, 10);
      a.body_line_offset = ColSize(st, 11);
      return a;
    };
    std::vector<Article> out;
    SQLite::Transaction tx(impl_->db);  // one consistent snapshot for all reads
    if (ids.empty()) {
      SQLite::Statement st(impl_->db, std::string(kCols) + "ORDER BY id");
      while (st.executeStep()) out.push_back(read(st));
      return out;
    }
    SQLite::Statement st(impl_->db, std::string(kCols) + "WHERE id = ?");
    std::set<std::string> unique(ids.begin(), ids.end());
    for (const std::string& id : unique) {
      ResetGuard reset(st);
      st.bind(1, id);
      if (st.executeStep()) out.push_back(read(st));
    }
    return out;
  });
}

bool Store::HasSpeaker(const std::string& id) const {
  return impl_->Guard("look up speaker", [&] {
    SQLite::Statement st(impl_->db, "SELECT 1 FROM speakers WHERE id = ?");
    st.bind(1, id);
    return st.executeStep();
  });
}

std::vector<std::string> Store::StoredSpeakerIds(const ClaimFilter& filter) const {
  return impl_->Guard("look up speaker", [&] {
    std::vector<std::string> out;
    SQLite::Transaction tx(impl_->db);
    if (filter.speaker_ids.empty() && filter.speaker_name.empty()) return out;
    std::optional<std::vector<std::string>> ids = impl_->ResolveSpeakers(filter);
    if (!ids) return out;
    // ResolveSpeakers keeps one requested id when none is stored; check each again.
    SQLite::Statement st(impl_->db, "SELECT 1 FROM speakers WHERE id = ?");
    for (const std::string& id : *ids) {
      ResetGuard reset(st);
      st.bind(1, id);
      if (st.executeStep()) out.push_back(id);
    }
    return out;
  });
}

std::vector<std::pair<std::string, std::string>> Store::SpeakerNames() const {
  return impl_->Guard("list speakers", [&] {
    std::vector<std::pair<std::string, std::string>> out;
    SQLite::Statement st(impl_->db, "SELECT id, name FROM speakers ORDER BY id");
    while (st.executeStep()) out.emplace_back(Col(st, 0), Col(st, 1));
    return out;
  });
}

namespace {
// The distinct values of an indexed column, one index seek per value (a "loose index
// scan"): a few dozen seeks instead of reading a million index entries.
std::vector<std::string> DistinctIndexed(SQLite::Database& db, const std::string& table,
                                         const std::string& column, const std::string& collate) {
  const std::string c = column + collate;
  SQLite::Statement st(db, "WITH RECURSIVE v(x) AS (SELECT min(" + c + ") FROM " + table +
                               " UNION ALL SELECT (SELECT min(" + c + ") FROM " + table +
                               " WHERE " + c +
                               " > v.x) FROM v WHERE v.x IS NOT NULL) "
                               "SELECT x FROM v WHERE x IS NOT NULL");
  std::vector<std::string> out;
  while (st.executeStep()) out.push_back(Col(st, 0));
  return out;
}
}  // namespace

std::vector<std::string> Store::ClaimTypes() const {
  return impl_->Guard("list claim types", [&] {
    SQLite::Transaction tx(impl_->db);
    return DistinctIndexed(impl_->db, "claims", "claim_type", "");
  });
}

bool Store::HasClaimType(const std::string& type) const {
  return impl_->Guard("look up claim type", [&] {
    SQLite::Statement st(impl_->db, "SELECT 1 FROM claims WHERE claim_type = ? LIMIT 1");
    st.bind(1, type);
    return st.executeStep();
  });
}

std::vector<std::string> Store::Outlets() const {
  return impl_->Guard("list outlets", [&] {
    SQLite::Transaction tx(impl_->db);
    std::vector<std::string> out =
        DistinctIndexed(impl_->db, "articles", "outlet", " COLLATE NOCASE");
    out.erase(std::remove(out.begin(), out.end(), std::string()), out.end());
    return out;
  });
}

bool Store::HasOutlet(const std::string& outlet) const {
  return impl_->Guard("look up outlet", [&] {
    SQLite::Statement st(impl_->db,
                         "SELECT 1 FROM articles WHERE outlet = ? COLLATE NOCASE LIMIT 1");
    st.bind(1, outlet);
    return st.executeStep();
  });
}

std::vector<SpeakerSummary> Store::ListSpeakers() const {
  return impl_->Guard("list speakers", [&] {
    SQLite::Transaction tx(impl_->db);  // names and claims from one snapshot
    std::unordered_map<std::string, std::pair<std::string, std::string>> names;  // id -> name, kind
    {
      SQLite::Statement st(impl_->db, "SELECT id, name, kind FROM speakers");
      while (st.executeStep()) names[Col(st, 0)] = {Col(st, 1), Col(st, 2)};
    }
    // One pass over the covering index, grouped by speaker (rows of one speaker arrive
    // together). Per speaker, article ids are collected in one buffer (a run of claims of
    // the same article is stored once) and counted after sorting: no allocation per row.
    std::vector<SpeakerSummary> out;
    std::string arena;                                // article ids of the current speaker
    std::vector<std::pair<size_t, size_t>> articles;  // (offset, length) in arena
    std::map<std::string, int64_t, std::less<>> types;
    auto finish = [&] {
      if (out.empty()) return;
      SpeakerSummary& s = out.back();
      std::vector<std::string_view> ids;
      ids.reserve(articles.size());
      for (const auto& [offset, length] : articles) ids.push_back(View(arena, offset, length));
      std::sort(ids.begin(), ids.end());
      s.article_count = std::unique(ids.begin(), ids.end()) - ids.begin();
      std::vector<std::pair<std::string, int64_t>> sorted(types.begin(), types.end());
      std::stable_sort(sorted.begin(), sorted.end(),
                       [](const auto& a, const auto& b) { return a.second > b.second; });
      if (sorted.size() > 3) sorted.resize(3);
      s.top_claim_types = std::move(sorted);
      arena.clear();
      articles.clear();
      types.clear();
    };
    // The raw SQLite API: SQLiteCpp's Column objects cost more than the rest of this loop.
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(impl_->db.getHandle(), kListSpeakersSql, -1, &raw, nullptr) !=
        SQLITE_OK) {
      throw SQLite::Exception(impl_->db.getHandle(), sqlite3_errcode(impl_->db.getHandle()));
    }
    std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> finalize(raw, sqlite3_finalize);
    while (true) {
      const int rc = sqlite3_step(raw);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) throw SQLite::Exception(impl_->db.getHandle(), rc);
      const std::string_view speaker = RawText(raw, 0);
      const std::string_view date = RawText(raw, 1);
      if (out.empty() || out.back().id != speaker) {
        finish();
        SpeakerSummary s;
        s.id = speaker;
        if (auto it = names.find(s.id); it != names.end()) {
          s.name = it->second.first;
          s.kind = it->second.second;
        }
        s.first_seen = date;
        s.last_seen = date;
        out.push_back(std::move(s));
      }
      SpeakerSummary& s = out.back();
      ++s.claim_count;
      if (date < s.first_seen) s.first_seen = date;
      if (date > s.last_seen) s.last_seen = date;
      const std::string_view article = RawText(raw, 2);
      if (articles.empty() ||
          View(arena, articles.back().first, articles.back().second) != article) {
        articles.emplace_back(arena.size(), article.size());
        arena.append(article);
      }
      const std::string_view type = RawText(raw, 3);
      if (auto it = types.find(type); it != types.end()) {
        ++it->second;
      } else {
        types.emplace(type, 1);
      }
    }
    finish();
    std::stable_sort(out.begin(), out.end(), [](const SpeakerSummary& a, const SpeakerSummary& b) {
      return a.claim_count > b.claim_count;  // ties stay in id order
    });
    return out;
  });
}

std::string Store::ExplainListSpeakers() const {
  return impl_->Guard("explain", [&] {
    SQLite::Statement st(impl_->db, std::string("EXPLAIN QUERY PLAN ") + kListSpeakersSql);
    std::string out;
    while (st.executeStep()) {
      out += Col(st, 3);
      out += '\n';
    }
    return out;
  });
}

void Store::ForEachClaim(const ClaimFilter& filter,
                         const std::function<void(StoredClaim&&)>& fn) const {
  impl_->Guard("query claims", [&] {
    SQLite::Transaction tx(impl_->db);  // the speaker lookup and the query see one snapshot
    ClaimFilter unlimited = filter;
    unlimited.limit = 0;  // no ORDER BY either: rows come in the plan's order
    BuiltQuery q = BuildClaimQuery(unlimited, impl_->ResolveSpeakers(unlimited));
    sqlite3* db = impl_->db.getHandle();
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db, q.sql.c_str(), -1, &raw, nullptr) != SQLITE_OK) {
      throw SQLite::Exception(db, sqlite3_errcode(db));
    }
    std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> finalize(raw, sqlite3_finalize);
    q.Bind(raw);
    const RawRow row{raw};
    while (true) {
      const int rc = sqlite3_step(raw);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) throw SQLite::Exception(db, rc);
      StoredClaim c = ReadStoredClaim(row);
      c.row_id = row.Int(41);
      c.article_date = row.Text(42);
      fn(std::move(c));
    }
    return 0;
  });
}

std::vector<StoredClaim> Store::QueryClaims(const ClaimFilter& filter) const {
  return impl_->Guard("query claims", [&] {
    SQLite::Transaction tx(impl_->db);  // the speaker lookup and the query see one snapshot
    BuiltQuery q = BuildClaimQuery(filter, impl_->ResolveSpeakers(filter));
    SQLite::Statement st(impl_->db, q.sql);
    q.Bind(st);
    std::vector<StoredClaim> out;
    std::vector<int64_t> row_ids;
    while (st.executeStep()) {
      out.push_back(ReadStoredClaim(StatementRow{st}));
      row_ids.push_back(ColInt(st, 41));
      out.back().row_id = row_ids.back();
      out.back().article_date = Col(st, 42);
    }
    if (filter.limit == 0) {
      // The ORDER BY of BuildClaimQuery: date, article, revision, position, row id.
      std::vector<size_t> order(out.size());
      for (size_t i = 0; i < order.size(); ++i) order[i] = i;
      auto key = [&](size_t i) {
        const StoredClaim& c = out[i];
        return std::tie(c.date, c.claim.article_id, c.article_revision, c.claim.quantity.span.begin,
                        row_ids[i]);
      };
      std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return key(a) < key(b); });
      std::vector<StoredClaim> sorted;
      sorted.reserve(out.size());
      for (size_t i : order) sorted.push_back(std::move(out[i]));
      out = std::move(sorted);
    }
    return out;
  });
}

std::string Store::ExplainQueryClaims(const ClaimFilter& filter) const {
  return impl_->Guard("explain", [&] {
    BuiltQuery q = BuildClaimQuery(filter, impl_->ResolveSpeakers(filter));
    SQLite::Statement st(impl_->db, "EXPLAIN QUERY PLAN " + q.sql);
    q.Bind(st);
    std::string out;
    while (st.executeStep()) {
      out += Col(st, 3);
      out += '\n';
    }
    return out;
  });
}

std::optional<ClaimDetail> Store::GetClaim(const std::string& claim_id) const {
  return impl_->Guard("get claim", [&]() -> std::optional<ClaimDetail> {
    SQLite::Transaction tx(impl_->db);
    SQLite::Statement st(impl_->db, std::string(kClaimSelect) +
                                        "WHERE c.claim_id = ? ORDER BY c.superseded, "
                                        "c.article_revision DESC, c.row_id DESC");
    st.bind(1, claim_id);
    if (!st.executeStep()) return std::nullopt;
    ClaimDetail d;
    d.claim = ReadStoredClaim(StatementRow{st});
    while (st.executeStep()) d.other_rows.push_back(ReadStoredClaim(StatementRow{st}));
    d.article_text = impl_->ArticleText(d.claim.claim.article_id, d.claim.article_revision);
    return d;
  });
}

std::vector<StoredClaim> Store::CurrentClaims(const std::vector<std::string>& claim_ids) const {
  return impl_->Guard("current claims", [&] {
    SQLite::Transaction tx(impl_->db);
    SQLite::Statement st(impl_->db, std::string(kClaimSelect) +
                                        "WHERE c.claim_id = ? AND c.superseded = 0 "
                                        "ORDER BY c.row_id DESC LIMIT 1");
    std::vector<StoredClaim> out;
    out.reserve(claim_ids.size());
    for (const std::string& id : claim_ids) {
      st.reset();
      st.bind(1, id);
      if (!st.executeStep()) continue;
      out.push_back(ReadStoredClaim(StatementRow{st}));
      out.back().row_id = ColInt(st, 41);
      out.back().article_date = Col(st, 42);
    }
    return out;
  });
}

StoreStats Store::Stats() const {
  return impl_->Guard("stats", [&] {
    SQLite::Database& db = impl_->db;
    SQLite::Transaction tx(db);
    StoreStats s;
    s.schema_version = impl_->ReadUserVersion();
    s.journal_mode = db.execAndGet("PRAGMA journal_mode").getString();
    auto count = [&](const char* sql) { return db.execAndGet(sql).getInt64(); };
    s.articles = count("SELECT count(*) FROM articles");
    s.article_revisions = count("SELECT count(*) FROM article_revisions");
    s.claims = count("SELECT count(*) FROM claims WHERE superseded = 0");
    s.superseded_claims = count("SELECT count(*) FROM claims WHERE superseded = 1");
    s.speakers = count("SELECT count(*) FROM speakers");
    s.rule_sets = count("SELECT count(*) FROM rule_sets");
    s.reviews = count("SELECT count(*) FROM reviews");
    SQLite::Statement types(db,
                            "SELECT claim_type, count(*) AS n FROM claims WHERE superseded = 0 "
                            "GROUP BY claim_type ORDER BY n DESC, claim_type");
    s.claims_by_type = ReadCounts(types);
    SQLite::Statement langs(db,
                            "SELECT lang, count(*) AS n FROM claims WHERE superseded = 0 "
                            "GROUP BY lang ORDER BY n DESC, lang");
    s.claims_by_lang = ReadCounts(langs);
    return s;
  });
}

}  // namespace claimtrack::store
