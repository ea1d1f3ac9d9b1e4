// Reading the claims database: claims by filter, one claim with its history, speakers,
// desk lookups (names, types, outlets) and statistics. Reads run in one read transaction each.

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
#include <optional>
#include <set>
#include <unordered_map>

#include "claimtrack/store/claim_hash.h"
#include "claimtrack/store/connection.h"
#include "claimtrack/store/migrations.h"
#include "claimtrack/store/store.h"
#include "claimtrack/store/store_internal.h"

namespace claimtrack::store {

namespace {

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

// ForEachClaimView's columns: a table like CLAIMTRACK_CLAIM_SELECT, with what the analysis
// reads only (ClaimView).
#define CLAIMTRACK_VIEW_SELECT(X)             \
  X(kVRowId, "c.row_id")                      \
  X(kVClaimId, "c.claim_id")                  \
  X(kVArticleId, "c.article_id")              \
  X(kVOutlet, "a.outlet")                     \
  X(kVUrl, "a.url")                           \
  X(kVTitle, "a.title")                       \
  X(kVArticleDate, "a.date")                  \
  X(kVSpeakerId, "c.speaker_id")              \
  X(kVSpeakerName, "s.name")                  \
  X(kVSpeakerKind, "s.kind")                  \
  X(kVMethod, "c.attribution_method")         \
  X(kVConfidence, "c.attribution_confidence") \
  X(kVClaimType, "c.claim_type")              \
  X(kVRuleId, "c.rule_id")                    \
  X(kVSubject, "c.subject")                   \
  X(kVKind, "c.kind")                         \
  X(kVValue, "c.value")                       \
  X(kVLow, "c.low")                           \
  X(kVHigh, "c.high")                         \
  X(kVQualifier, "c.qualifier")               \
  X(kVUnit, "c.unit")                         \
  X(kVPeriod, "c.period")                     \
  X(kVBase, "c.base")                         \
  X(kVAmbiguous, "c.ambiguous")               \
  X(kVExpression, "c.expression")             \
  X(kVSpanBegin, "c.span_begin")              \
  X(kVSpanEnd, "c.span_end")                  \
  X(kVSentenceBegin, "c.sentence_begin")      \
  X(kVSentenceEnd, "c.sentence_end")          \
  X(kVSentence, "c.sentence")

enum ViewColumn : int {
#define CLAIMTRACK_VIEW_ENUM(name, sql) name,
  CLAIMTRACK_VIEW_SELECT(CLAIMTRACK_VIEW_ENUM)
#undef CLAIMTRACK_VIEW_ENUM
};

const std::string& ViewSelectSql() {
  static const std::string sql = [] {
    std::string s = "SELECT ";
    bool first = true;
#define CLAIMTRACK_VIEW_NAME(name, sql) \
  s += first ? sql : ", " sql;          \
  first = false;
    CLAIMTRACK_VIEW_SELECT(CLAIMTRACK_VIEW_NAME)
#undef CLAIMTRACK_VIEW_NAME
    s += " FROM claims c JOIN articles a ON a.id = c.article_id "
         "JOIN speakers s ON s.id = c.speaker_id ";
    return s;
  }();
  return sql;
}

// `speakers`: the stored speaker ids to match (Impl::ResolveSpeakers), nullopt for any
// speaker, empty when only f.speaker_name was asked for and no speaker has that name.
// `select`: the SELECT ... FROM ... JOIN part (ClaimSelectSql or ViewSelectSql).
BuiltQuery BuildClaimQuery(const ClaimFilter& f,
                           const std::optional<std::vector<std::string>>& speakers,
                           const std::string& select = ClaimSelectSql()) {
  BuiltQuery q;
  q.sql = select;
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
  if (!f.review_status.empty()) {
    // reviews_by_figure (0006): one index probe per claim.
    if (f.review_status == "reviewed") {
      q.sql += " AND EXISTS (SELECT 1 FROM reviews r WHERE r.figure_id = c.figure_id)";
    } else if (f.review_status == "unreviewed") {
      q.sql += " AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.figure_id = c.figure_id)";
    } else {
      q.sql +=
          " AND (SELECT r.verdict FROM reviews r WHERE r.figure_id = c.figure_id"
          " ORDER BY r.id DESC LIMIT 1) = ?";
      q.AddString(f.review_status);
    }
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

// The stored speaker ids a filter's speaker_ids and speaker_name stand for (sorted,
// unique), or nullopt when the filter has no speaker condition. Ids that are not stored
// are dropped here, so the claims query gets one equality in the usual case (the CLI asks
// for the alias-table id, the text as an id, "name:<text>" and the name at once). When
// nothing matches, the first requested id (known not to be stored) is kept, or, with a
// name only, an empty list (BuildClaimQuery then looks the name up in SQL): no claim
// matches, and the query keeps an indexed plan.
std::optional<std::vector<std::string>> Store::Impl::ResolveSpeakers(const ClaimFilter& f) {
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

std::string Store::Impl::ArticleText(const std::string& article_id, int revision) {
  SQLite::Statement cur(db, "SELECT text FROM articles WHERE id = ? AND revision = ?");
  cur.bind(1, article_id);
  cur.bind(2, revision);
  if (cur.executeStep()) return Col(cur, 0);
  SQLite::Statement old(db,
                        "SELECT text FROM article_revisions WHERE article_id = ? AND revision = ?");
  old.bind(1, article_id);
  old.bind(2, revision);
  if (old.executeStep()) return Col(old, 0);
  return "";
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

namespace {

// Counts every current claim (one pass over claims_by_speaker); inside a read transaction.
std::vector<SpeakerSummary> ListSpeakersLive(SQLite::Database& db) {
  {
    std::unordered_map<std::string, std::pair<std::string, std::string>> names;  // id -> name, kind
    {
      SQLite::Statement st(db, "SELECT id, name, kind FROM speakers");
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
    if (sqlite3_prepare_v2(db.getHandle(), kListSpeakersSql, -1, &raw, nullptr) != SQLITE_OK) {
      throw SQLite::Exception(db.getHandle(), sqlite3_errcode(db.getHandle()));
    }
    std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> finalize(raw, sqlite3_finalize);
    while (true) {
      const int rc = sqlite3_step(raw);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) throw SQLite::Exception(db.getHandle(), rc);
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
  }
}

// The speaker summary (migration 0008) when it is current, else nullopt. Same order as
// ListSpeakersLive: most claims first, ties by id.
std::optional<std::vector<SpeakerSummary>> ListSpeakersCached(SQLite::Database& db) {
  {
    SQLite::Statement st(db, "SELECT claims_version, summary_version FROM summary_state");
    if (!st.executeStep() || ColInt(st, 0) != ColInt(st, 1)) return std::nullopt;
  }
  std::vector<SpeakerSummary> out;
  SQLite::Statement st(db,
                       "SELECT m.speaker_id, s.name, s.kind, m.claim_count, m.article_count, "
                       "m.first_seen, m.last_seen, m.top_claim_types FROM speaker_summary m "
                       "LEFT JOIN speakers s ON s.id = m.speaker_id ORDER BY m.speaker_id");
  while (st.executeStep()) {
    SpeakerSummary s;
    s.id = Col(st, 0);
    s.name = Col(st, 1);
    s.kind = Col(st, 2);
    s.claim_count = ColInt(st, 3);
    s.article_count = ColInt(st, 4);
    s.first_seen = Col(st, 5);
    s.last_seen = Col(st, 6);
    const std::string types = Col(st, 7);
    for (size_t i = 0; i < types.size();) {  // "type:count,type:count"
      size_t end = types.find(',', i);
      if (end == std::string::npos) end = types.size();
      const std::string_view item = View(types, i, end - i);
      const size_t colon = item.rfind(':');
      // A row that does not read back ("type:count") is no summary of ours (a hand edit, a
      // damaged page): the live count answers instead, never an error.
      if (colon == std::string_view::npos) return std::nullopt;
      const std::string_view digits = item.substr(colon + 1);
      int64_t n = 0;
      auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
      if (ec != std::errc() || ptr != digits.data() + digits.size() || digits.empty() || n < 0)
        return std::nullopt;
      s.top_claim_types.emplace_back(std::string(item.substr(0, colon)), n);
      i = end + 1;
    }
    out.push_back(std::move(s));
  }
  std::stable_sort(out.begin(), out.end(), [](const SpeakerSummary& a, const SpeakerSummary& b) {
    return a.claim_count > b.claim_count;
  });
  return out;
}

}  // namespace

std::vector<SpeakerSummary> Store::ListSpeakers() const {
  return impl_->Guard("list speakers", [&] {
    SQLite::Transaction tx(impl_->db);  // the summary state, names and claims in one snapshot
    if (auto cached = ListSpeakersCached(impl_->db)) return std::move(*cached);
    return ListSpeakersLive(impl_->db);
  });
}

bool Store::RefreshSpeakerSummary() {
  return impl_->Guard("refresh the speaker summary", [&] {
    // Counted in a read snapshot, outside the write lock (a second per million claims), then
    // written only if no claim changed meanwhile; otherwise the next run refreshes it.
    int64_t version = 0;
    std::vector<SpeakerSummary> list;
    {
      SQLite::Transaction read(impl_->db);
      SQLite::Statement st(impl_->db, "SELECT claims_version, summary_version FROM summary_state");
      if (!st.executeStep() || ColInt(st, 0) == ColInt(st, 1)) return false;
      version = ColInt(st, 0);
      list = ListSpeakersLive(impl_->db);
    }
    SQLite::Transaction tx(impl_->db, SQLite::TransactionBehavior::IMMEDIATE);
    {
      SQLite::Statement st(impl_->db, "SELECT claims_version FROM summary_state");
      if (!st.executeStep() || ColInt(st, 0) != version) return false;
    }
    impl_->db.exec("DELETE FROM speaker_summary");
    SQLite::Statement ins(impl_->db,
                          "INSERT INTO speaker_summary (speaker_id, claim_count, article_count, "
                          "first_seen, last_seen, top_claim_types) VALUES (?, ?, ?, ?, ?, ?)");
    for (const SpeakerSummary& s : list) {
      std::string types;
      for (const auto& [type, n] : s.top_claim_types) {
        if (!types.empty()) types += ',';
        types += type + ':' + std::to_string(n);
      }
      ins.bind(1, s.id);
      ins.bind(2, static_cast<int64_t>(s.claim_count));
      ins.bind(3, static_cast<int64_t>(s.article_count));
      ins.bind(4, s.first_seen);
      ins.bind(5, s.last_seen);
      ins.bind(6, types);
      ins.exec();
      ins.reset();
    }
    SQLite::Statement mark(impl_->db, "UPDATE summary_state SET summary_version = ?");
    mark.bind(1, version);
    mark.exec();
    tx.commit();
    return true;
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

namespace {

// Runs `q` through the raw SQLite API and hands every row to `row_fn`, which reads the columns
// of the query's SELECT: the loop ForEachClaim and ForEachClaimView share.
void StepRows(SQLite::Database& database, const BuiltQuery& q,
              const std::function<void(const RawRow&)>& row_fn) {
  sqlite3* db = database.getHandle();
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
    row_fn(row);
  }
}

}  // namespace

void Store::ForEachClaim(const ClaimFilter& filter,
                         const std::function<void(StoredClaim&&)>& fn) const {
  impl_->Guard("query claims", [&] {
    SQLite::Transaction tx(impl_->db);  // the speaker lookup and the query see one snapshot
    ClaimFilter unlimited = filter;
    unlimited.limit = 0;  // no ORDER BY either: rows come in the plan's order
    StepRows(impl_->db, BuildClaimQuery(unlimited, impl_->ResolveSpeakers(unlimited)),
             [&](const RawRow& row) {
               StoredClaim c = ReadStoredClaim(row);
               c.row_id = row.Int(kRowId);
               c.article_date = row.Text(kArticleDate);
               fn(std::move(c));
             });
    return 0;
  });
}

void Store::ForEachClaimView(const ClaimFilter& filter,
                             const std::function<void(const ClaimView&)>& fn) const {
  impl_->Guard("query claims", [&] {
    SQLite::Transaction tx(impl_->db);  // the speaker lookup and the query see one snapshot
    ClaimFilter unlimited = filter;
    unlimited.limit = 0;  // no ORDER BY either: rows come in the plan's order
    BuiltQuery q = BuildClaimQuery(unlimited, impl_->ResolveSpeakers(unlimited), ViewSelectSql());
    ClaimView v;
    StepRows(impl_->db, q, [&](const RawRow& row) {
      auto size = [&](int i) {
        int64_t v = row.Int(i);
        return v < 0 ? size_t{0} : static_cast<size_t>(v);
      };
      auto opt_real = [&](int i) -> std::optional<double> {
        if (row.Null(i)) return std::nullopt;
        return row.Real(i);
      };
      // As ReadStoredClaim reads these columns.
      v.row_id = row.Int(kVRowId);
      v.id = row.View(kVClaimId);
      v.article_id = row.View(kVArticleId);
      v.outlet = row.View(kVOutlet);
      v.url = row.View(kVUrl);
      v.title = row.View(kVTitle);
      v.article_date = row.View(kVArticleDate);
      v.speaker_id = row.View(kVSpeakerId);
      v.speaker_name = row.View(kVSpeakerName);
      v.speaker_kind = row.View(kVSpeakerKind);
      if (!ParseAttributionMethod(row.View(kVMethod), &v.method)) {
        v.method = AttributionMethod::kNone;
      }
      v.confidence = row.Real(kVConfidence);
      v.claim_type = row.View(kVClaimType);
      v.rule_id = row.View(kVRuleId);
      v.subject = row.View(kVSubject);
      if (!ParseQuantityKind(row.View(kVKind), &v.kind)) v.kind = QuantityKind::kNumber;
      v.value = opt_real(kVValue);
      v.low = opt_real(kVLow);
      v.high = opt_real(kVHigh);
      if (!ParseQualifier(row.View(kVQualifier), &v.qualifier)) v.qualifier = Qualifier::kNone;
      v.unit = row.View(kVUnit);
      if (!ParsePeriod(row.View(kVPeriod), &v.period)) v.period = Period::kNone;
      v.base = row.View(kVBase);
      v.ambiguous = row.Int(kVAmbiguous) != 0;
      v.expression = row.View(kVExpression);
      v.span = Span{size(kVSpanBegin), size(kVSpanEnd)};
      v.sentence_span = Span{size(kVSentenceBegin), size(kVSentenceEnd)};
      v.sentence = row.View(kVSentence);
      fn(v);
    });
    return 0;
  });
}

void Store::ForEachArticleSentence(
    const std::vector<std::string>& article_ids,
    const std::function<void(std::string_view, std::string_view)>& fn) const {
  impl_->Guard("sentences of articles", [&] {
    constexpr size_t kChunk = 500;      // bound parameters per statement
    SQLite::Transaction tx(impl_->db);  // one snapshot for every chunk
    sqlite3* db = impl_->db.getHandle();
    for (size_t i = 0; i < article_ids.size(); i += kChunk) {
      const size_t n = std::min(kChunk, article_ids.size() - i);
      std::string sql =
          "SELECT article_id, sentence FROM claims WHERE superseded = 0 AND article_id IN (";
      for (size_t k = 0; k < n; ++k) sql += k == 0 ? "?" : ", ?";
      sql += ")";
      sqlite3_stmt* raw = nullptr;
      if (sqlite3_prepare_v2(db, sql.c_str(), -1, &raw, nullptr) != SQLITE_OK) {
        throw SQLite::Exception(db, sqlite3_errcode(db));
      }
      std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> finalize(raw, sqlite3_finalize);
      for (size_t k = 0; k < n; ++k) {
        const std::string& id = article_ids[i + k];
        sqlite3_bind_text(raw, static_cast<int>(k + 1), id.data(), static_cast<int>(id.size()),
                          SQLITE_STATIC);
      }
      auto text = [raw](int col) {
        const unsigned char* p = sqlite3_column_text(raw, col);
        return p ? std::string_view(reinterpret_cast<const char*>(p),
                                    static_cast<size_t>(sqlite3_column_bytes(raw, col)))
                 : std::string_view();
      };
      while (true) {
        const int rc = sqlite3_step(raw);
        if (rc == SQLITE_DONE) break;
        if (rc != SQLITE_ROW) throw SQLite::Exception(db, rc);
        fn(text(0), text(1));
      }
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
      row_ids.push_back(ColInt(st, kRowId));
      out.back().row_id = row_ids.back();
      out.back().article_date = Col(st, kArticleDate);
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
    SQLite::Statement st(impl_->db, ClaimSelectSql() +
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
    SQLite::Statement st(impl_->db, ClaimSelectSql() +
                                        "WHERE c.claim_id = ? AND c.superseded = 0 "
                                        "ORDER BY c.row_id DESC LIMIT 1");
    std::vector<StoredClaim> out;
    out.reserve(claim_ids.size());
    for (const std::string& id : claim_ids) {
      st.reset();
      st.bind(1, id);
      if (!st.executeStep()) continue;
      out.push_back(ReadStoredClaim(StatementRow{st}));
      out.back().row_id = ColInt(st, kRowId);
      out.back().article_date = Col(st, kArticleDate);
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
