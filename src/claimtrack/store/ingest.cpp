// Writing the claims database: IngestBatch (new and revised articles, one transaction per
// batch) and ReplaceClaims (--reextract). Claims are never deleted, only superseded.

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
#include "claimtrack/store/store.h"
#include "claimtrack/store/store_internal.h"

namespace claimtrack::store {

namespace {

std::string NormalizeKind(const std::string& kind) {
  if (kind == "person" || kind == "organisation") return kind;
  if (kind == "organization") return "organisation";
  return "";
}

}  // namespace

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

void Store::Impl::UpsertSpeaker(const Attribution& a, std::set<std::string>* done) {
  std::string id = a.speaker_id.empty() ? "unknown" : a.speaker_id;
  std::string kind = NormalizeKind(a.speaker_kind);
  std::string key = id + '\x1f' + a.speaker_name + '\x1f' + kind;
  if (!done->insert(key).second) return;
  SQLite::Statement& st = Writes().upsert_speaker;
  ResetGuard reset(st);
  Binder(st).Str(id).Str(a.speaker_name).Str(kind);
  st.exec();
}

void Store::Impl::InsertRuleSet(const std::string& version, const std::string& now) {
  if (version.empty()) return;
  SQLite::Statement& st = Writes().insert_rule_set;
  ResetGuard reset(st);
  Binder(st).Str(version).Str(now);
  st.exec();
}

void Store::Impl::InsertClaim(const Claim& c, const std::string& id, const std::string& article_id,
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
  Binder binder(st);
  binder.Str(id)
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
  if (binder.bound() != kClaimInsertColumnCount) {
    throw StoreError(Context("ingest", "internal: claim INSERT bound " +
                                           std::to_string(binder.bound()) + " of " +
                                           std::to_string(kClaimInsertColumnCount) + " columns"));
  }
  st.exec();
}

IngestOutcome Store::Impl::IngestOne(const ArticleClaims& item, const std::string& rule_set_version,
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
int64_t Store::Impl::MaxClaimRow() {
  return db.execAndGet("SELECT coalesce(max(row_id), 0) FROM claims").getInt64();
}

// Indexes the sentences of the claim rows above `after` in claim_fts (migration 0007): one
// statement at the end of a write call, in its transaction, so a claim and its index entry
// commit together. Not a trigger per row: FTS5 flushes its pending terms at every
// statement's savepoint, so a row trigger wrote one tiny index segment per claim and
// merged them over and over (store-only ingest took twice as long; docs/performance.md).
void Store::Impl::IndexSentences(int64_t after) {
  SQLite::Statement st(db,
                       "INSERT INTO claim_fts (rowid, sentence) "
                       "SELECT row_id, sentence FROM claims WHERE row_id > ?");
  st.bind(1, after);
  st.exec();
}

void Store::Impl::BumpClaimsVersion() {
  db.exec("UPDATE summary_state SET claims_version = claims_version + 1 WHERE id = 1");
}

std::vector<IngestOutcome> Store::IngestBatch(const std::vector<ArticleClaims>& batch,
                                              const std::string& rule_set_version,
                                              double* held_ms) {
  return impl_->Guard("ingest", [&] {
    std::vector<IngestOutcome> outcomes;
    outcomes.reserve(batch.size());
    if (batch.empty()) return outcomes;
    SQLite::Transaction tx(impl_->db, SQLite::TransactionBehavior::IMMEDIATE);
    const auto locked_at = std::chrono::steady_clock::now();
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
      impl_->BumpClaimsVersion();
    }
    tx.commit();
    if (held_ms) {
      *held_ms =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - locked_at)
              .count();
    }
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
    im.BumpClaimsVersion();
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

}  // namespace claimtrack::store
