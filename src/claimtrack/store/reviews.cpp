#include "claimtrack/store/reviews.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <string_view>

#include "claimtrack/base/diagnostic.h"
#include "claimtrack/store/connection.h"

namespace claimtrack::store {

namespace {

constexpr const char* kVerdictCols =
    "r.id, r.claim_id, r.figure_id, r.claim_row, r.article_id, r.article_revision, r.sentence, "
    "r.verdict, r.note, r.source, r.reviewer, r.created_at, r.previous_id ";

std::vector<std::string> SplitLines(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find('\n', start);
    if (end == std::string::npos) end = s.size();
    if (end > start) out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

Verdict ReadVerdict(SQLite::Statement& st) {
  Verdict v;
  v.id = st.getColumn(0).getInt64();
  v.claim_id = st.getColumn(1).getString();
  v.figure_id = st.getColumn(2).getString();
  v.claim_row = st.getColumn(3).getInt64();
  v.article_id = st.getColumn(4).getString();
  v.article_revision = st.getColumn(5).getInt();
  v.sentence = st.getColumn(6).getString();
  v.rating = st.getColumn(7).getString();
  v.note = st.getColumn(8).getString();
  v.sources = SplitLines(st.getColumn(9).getString());
  v.reviewer = st.getColumn(10).getString();
  v.created_at = st.getColumn(11).getString();
  if (!st.getColumn(12).isNull()) v.previous_id = st.getColumn(12).getInt64();
  return v;
}

// Lower-case ASCII words and every non-ASCII byte run: enough to tell an edited sentence
// from an unrelated one in any of our languages.
std::set<std::string> Words(std::string_view s) {
  std::set<std::string> out;
  std::string w;
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c >= 0x80) {
      w.push_back(static_cast<char>(std::tolower(c)));
    } else if (!w.empty()) {
      out.insert(std::move(w));
      w.clear();
    }
  }
  if (!w.empty()) out.insert(std::move(w));
  return out;
}

double Jaccard(const std::set<std::string>& a, const std::set<std::string>& b) {
  if (a.empty() && b.empty()) return 1;
  size_t common = 0;
  for (const auto& w : a) common += b.count(w);
  return static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
}

// A revised sentence that shares at least this share of its words with the reviewed one is
// its successor (an edited figure or a reworded clause); below it the sentence was removed.
constexpr double kSuccessorSimilarity = 0.5;

}  // namespace

bool IsRating(std::string_view rating) {
  for (const char* r : kRatings) {
    if (rating == r) return true;
  }
  return false;
}

bool IsHttpUrl(std::string_view s) {
  if (!(s.starts_with("https://") || s.starts_with("http://")) || s.size() <= 10) return false;
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c == 0x7f) return false;
  }
  return true;
}

std::optional<VerdictProblem> CheckVerdict(const VerdictInput& in) {
  const std::string ratings = "true, mostly-true, misleading, false, unverifiable";
  if (!IsRating(in.rating)) {
    std::string hint = "ratings are " + ratings;
    const std::string close =
        ClosestMatch(in.rating, std::vector<std::string>(std::begin(kRatings), std::end(kRatings)));
    if (!close.empty()) hint = "did you mean '" + close + "'? " + hint;
    return VerdictProblem{
        "rating", in.rating.empty() ? "no rating" : "unknown rating '" + in.rating + "'", hint};
  }
  for (const std::string& s : in.sources) {
    if (!IsHttpUrl(s)) {
      return VerdictProblem{"source", "source '" + s + "' is not an http(s) URL",
                            "give the address of the evidence, e.g. https://www.destatis.de/…"};
    }
  }
  if (in.sources.empty() && in.rating != "unverifiable") {
    return VerdictProblem{"source", "a '" + in.rating + "' verdict needs at least one source URL",
                          "name the evidence; only 'unverifiable' may have none"};
  }
  if (in.note.find_first_not_of(" \t\r\n") == std::string::npos) {
    return VerdictProblem{"note", "the note must say what was checked",
                          "e.g. \"Destatis: 1.2 Mio.\""};
  }
  if (in.reviewer.find_first_not_of(" \t") == std::string::npos) {
    return VerdictProblem{"reviewer", "no reviewer", "name who reviewed"};
  }
  if (in.reviewer.size() > kMaxReviewerBytes ||
      std::any_of(in.reviewer.begin(), in.reviewer.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; })) {
    return VerdictProblem{"reviewer",
                          "the reviewer name must be one line of at most " +
                              std::to_string(kMaxReviewerBytes) + " bytes",
                          "a name or initials"};
  }
  return std::nullopt;
}

struct ReviewStore::Impl : SideConnection {
  using SideConnection::SideConnection;
};

ReviewStore::ReviewStore(const std::string& path, bool read_only)
    : impl_(OpenSide<Impl>(path, read_only)) {}

ReviewStore::~ReviewStore() = default;

Verdict ReviewStore::Add(const std::string& claim_id, const VerdictInput& input) {
  return impl_->Guard("record verdict", [&] {
    if (!IsRating(input.rating)) {
      throw StoreError(impl_->path + ": record verdict: unknown rating '" + input.rating +
                       "'; use true, mostly-true, misleading, false or unverifiable");
    }
    for (const std::string& s : input.sources) {
      if (s.empty() || s.find('\n') != std::string::npos || s.find('\r') != std::string::npos) {
        throw StoreError(impl_->path + ": record verdict: a source must be one non-empty line");
      }
    }
    SQLite::Database& db = impl_->db;
    // IMMEDIATE: the "previous verdict" read and the insert see no other reviewer's write in
    // between, so two verdicts recorded at once still form one chain.
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    Verdict v;
    {
      SQLite::Statement st(db,
                           "SELECT row_id, figure_id, article_id, article_revision, sentence "
                           "FROM claims WHERE claim_id = ? ORDER BY superseded, row_id DESC "
                           "LIMIT 1");
      st.bind(1, claim_id);
      if (!st.executeStep()) {
        throw StoreError(impl_->path + ": record verdict: no claim with id '" + claim_id +
                         "'; ids are listed by `claimtrack claims` and `claimtrack review queue`");
      }
      v.claim_row = st.getColumn(0).getInt64();
      v.figure_id = st.getColumn(1).getString();
      v.article_id = st.getColumn(2).getString();
      v.article_revision = st.getColumn(3).getInt();
      v.sentence = st.getColumn(4).getString();
    }
    {
      SQLite::Statement st(db, "SELECT max(id) FROM reviews WHERE figure_id = ?");
      st.bind(1, v.figure_id);
      if (st.executeStep() && !st.getColumn(0).isNull()) v.previous_id = st.getColumn(0).getInt64();
    }
    v.claim_id = claim_id;
    v.rating = input.rating;
    v.note = input.note;
    v.sources = input.sources;
    v.reviewer = input.reviewer;
    v.created_at = NowUtc(StampPrecision::kMilliseconds);
    std::string sources;
    for (const std::string& s : v.sources) sources += (sources.empty() ? "" : "\n") + s;
    SQLite::Statement ins(db,
                          "INSERT INTO reviews (claim_id, verdict, note, source, reviewer, "
                          "created_at, figure_id, claim_row, article_id, article_revision, "
                          "sentence, previous_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    ins.bind(1, v.claim_id);
    ins.bind(2, v.rating);
    ins.bind(3, v.note);
    ins.bind(4, sources);
    ins.bind(5, v.reviewer);
    ins.bind(6, v.created_at);
    ins.bind(7, v.figure_id);
    ins.bind(8, v.claim_row);
    ins.bind(9, v.article_id);
    ins.bind(10, v.article_revision);
    ins.bind(11, v.sentence);
    if (v.previous_id) {
      ins.bind(12, *v.previous_id);
    } else {
      ins.bind(12);
    }
    ins.exec();
    v.id = db.getLastInsertRowid();
    tx.commit();
    return v;
  });
}

namespace {

// The figure of a claim id: its current row's, else its newest row's; "" when unknown.
std::string FigureOfClaim(SQLite::Database& db, const std::string& claim_id) {
  SQLite::Statement st(db,
                       "SELECT figure_id FROM claims WHERE claim_id = ? "
                       "ORDER BY superseded, row_id DESC LIMIT 1");
  st.bind(1, claim_id);
  return st.executeStep() ? st.getColumn(0).getString() : std::string();
}

}  // namespace

std::string ReviewStore::FigureOf(const std::string& claim_id) const {
  return impl_->Guard("figure of claim", [&] { return FigureOfClaim(impl_->db, claim_id); });
}

std::vector<Verdict> ReviewStore::History(const std::string& claim_id) const {
  return impl_->Guard("verdict history", [&] {
    SQLite::Transaction tx(impl_->db);
    std::vector<Verdict> out;
    const std::string figure = FigureOfClaim(impl_->db, claim_id);
    // Verdicts on the figure, and (from a database older than schema 6, or a claim id that
    // names no stored claim any more) verdicts recorded on this claim id itself.
    SQLite::Statement st(impl_->db, std::string("SELECT ") + kVerdictCols +
                                        "FROM reviews r WHERE (r.figure_id = ? AND ? <> '') "
                                        "OR r.claim_id = ? ORDER BY r.id");
    st.bind(1, figure);
    st.bind(2, figure);
    st.bind(3, claim_id);
    while (st.executeStep()) out.push_back(ReadVerdict(st));
    return out;
  });
}

std::map<std::string, Verdict> ReviewStore::Latest(
    const std::vector<std::string>& figure_ids) const {
  return impl_->Guard("latest verdicts", [&] {
    std::map<std::string, Verdict> out;
    SQLite::Statement st(impl_->db, std::string("SELECT ") + kVerdictCols +
                                        "FROM reviews r WHERE r.figure_id = ? "
                                        "ORDER BY r.id DESC LIMIT 1");
    for (const std::string& f : std::set<std::string>(figure_ids.begin(), figure_ids.end())) {
      if (f.empty()) continue;
      st.reset();
      st.bind(1, f);
      if (st.executeStep()) out.emplace(f, ReadVerdict(st));
    }
    return out;
  });
}

std::vector<Verdict> ReviewStore::All(const std::string& since) const {
  return impl_->Guard("verdicts", [&] {
    SQLite::Statement st(impl_->db, std::string("SELECT ") + kVerdictCols +
                                        "FROM reviews r WHERE r.created_at >= ? ORDER BY r.id");
    st.bind(1, since);
    std::vector<Verdict> out;
    while (st.executeStep()) out.push_back(ReadVerdict(st));
    return out;
  });
}

std::vector<ChangedSinceReview> ReviewStore::ChangedSinceReviewed() const {
  return impl_->Guard("changed since reviewed", [&] {
    SQLite::Database& db = impl_->db;
    SQLite::Transaction tx(db);
    std::vector<ChangedSinceReview> out;
    SQLite::Statement st(
        db, std::string("SELECT ") + kVerdictCols +
                ", a.revision FROM reviews r JOIN articles a ON a.id = r.article_id "
                "WHERE r.figure_id <> '' "
                "AND r.id = (SELECT max(r2.id) FROM reviews r2 WHERE r2.figure_id = r.figure_id) "
                "AND a.revision > r.article_revision "
                "AND NOT EXISTS (SELECT 1 FROM claims c WHERE c.figure_id = r.figure_id "
                "AND c.superseded = 0) ORDER BY r.id");
    SQLite::Statement current(db,
                              "SELECT claim_id, figure_id, sentence FROM claims "
                              "WHERE article_id = ? AND superseded = 0 "
                              "ORDER BY sentence_index, span_begin, row_id");
    SQLite::Statement later(db, "SELECT 1 FROM reviews WHERE figure_id = ? AND id > ? LIMIT 1");
    while (st.executeStep()) {
      ChangedSinceReview item;
      item.verdict = ReadVerdict(st);
      item.current_revision = st.getColumn(13).getInt();
      current.reset();
      current.bind(1, item.verdict.article_id);
      struct Candidate {
        std::string claim_id, figure_id, sentence;
      };
      std::vector<Candidate> claims;
      while (current.executeStep()) {
        claims.push_back({current.getColumn(0).getString(), current.getColumn(1).getString(),
                          current.getColumn(2).getString()});
      }
      const std::set<std::string> reviewed = Words(item.verdict.sentence);
      double best = kSuccessorSimilarity;
      std::string best_sentence;
      bool found = false;
      for (const Candidate& c : claims) {
        double sim = Jaccard(reviewed, Words(c.sentence));
        if (sim >= best && (!found || sim > best)) {
          best = sim;
          best_sentence = c.sentence;
          found = true;
        }
      }
      bool reviewed_again = false;
      if (found) {
        for (const Candidate& c : claims) {
          if (c.sentence != best_sentence) continue;
          item.successors.push_back(c.claim_id);
          later.reset();
          later.bind(1, c.figure_id);
          later.bind(2, item.verdict.id);
          if (later.executeStep()) reviewed_again = true;
        }
      }
      if (!reviewed_again) out.push_back(std::move(item));
    }
    return out;
  });
}

std::vector<Verdict> ReviewStore::InGroup(const std::string& group,
                                          const std::string& speaker_id) const {
  return impl_->Guard("verdicts of a key group", [&] {
    std::vector<Verdict> out;
    // claim_groups exists once `check` has run (migration 0004 creates it empty).
    SQLite::Statement st(impl_->db, std::string("SELECT ") + kVerdictCols +
                                        "FROM reviews r JOIN claim_groups g ON g.claim_row = "
                                        "r.claim_row JOIN claims c ON c.row_id = r.claim_row "
                                        "WHERE g.grp = ? AND c.speaker_id = ? ORDER BY r.id");
    st.bind(1, group);
    st.bind(2, speaker_id);
    while (st.executeStep()) out.push_back(ReadVerdict(st));
    return out;
  });
}

std::vector<std::string> ReviewStore::FlaggedByRules() const {
  return impl_->Guard("claims flagged for review", [&] {
    std::vector<std::string> out;
    SQLite::Statement st(impl_->db,
                         "SELECT claim_id FROM claims WHERE review = 1 AND superseded = 0 "
                         "ORDER BY row_id");
    while (st.executeStep()) out.push_back(st.getColumn(0).getString());
    return out;
  });
}

int64_t ReviewStore::Count() const {
  return impl_->Guard("count verdicts", [&] {
    return impl_->db.execAndGet("SELECT count(*) FROM reviews").getInt64();
  });
}

}  // namespace claimtrack::store
