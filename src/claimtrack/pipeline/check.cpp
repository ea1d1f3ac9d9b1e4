#include "claimtrack/pipeline/check.h"

#include <algorithm>
#include <iterator>
#include <set>
#include <unordered_map>
#include <utility>

#include "claimtrack/analyze/claim_key.h"
#include "claimtrack/report/finding_json.h"

namespace claimtrack::pipeline {

analyze::ClaimRecord ToRecord(const store::StoredClaim& c) {
  return ToRecord(store::StoredClaim(c));
}

analyze::ClaimRecord ToRecord(store::StoredClaim&& c) {
  analyze::ClaimRecord r;
  r.claim_id = std::move(c.id);
  r.article_id = c.claim.article_id;
  r.outlet = std::move(c.outlet);
  r.url = std::move(c.article_url);
  r.title = std::move(c.article_title);
  r.date = std::move(c.article_date);  // the article's own date: an undated article is not
                                       // compared by its ingest day
  r.claim = std::move(c.claim);
  return r;
}

namespace {

constexpr size_t kChunk = 500;  // row ids per query (SQLite bounds a statement's parameters)

// The analysis columns of a claim as a record, without the article's url and title (Loaded
// keeps them once per article).
analyze::ClaimRecord ToRecord(const store::ClaimView& v) {
  analyze::ClaimRecord r;
  r.claim_id = v.id;
  r.article_id = v.article_id;
  r.outlet = v.outlet;
  r.date = v.article_date;
  Claim& c = r.claim;
  c.article_id = v.article_id;
  c.sentence_span = v.sentence_span;
  c.sentence = v.sentence;
  c.claim_type = v.claim_type;
  c.rule_id = v.rule_id;
  c.subject = v.subject;
  Quantity& q = c.quantity;
  q.kind = v.kind;
  q.value = v.value;
  q.low = v.low;
  q.high = v.high;
  q.qualifier = v.qualifier;
  q.unit = v.unit;
  q.period = v.period;
  q.base = v.base;
  q.ambiguous = v.ambiguous;
  q.span = v.span;
  q.text = v.expression;
  Attribution& a = c.attribution;
  a.speaker_id = v.speaker_id;
  a.speaker_name = v.speaker_name;
  a.speaker_kind = v.speaker_kind;
  a.method = v.method;
  a.confidence = v.confidence;
  return r;
}

// Claims read for the analysis. Only a claim that may be compared becomes a record (about
// 800 bytes and a dozen strings); of the others (more than half of a large database: claim
// type "other", figures without a value) the analysis reads only the sentence, kept as a
// 16-byte SentenceRef. Records carry no url and title: those are kept once per article and
// filled into the findings (FillLinks).
struct Loaded {
  std::vector<analyze::ClaimRecord> records;
  std::vector<int64_t> rows;  // the row of each record
  std::vector<analyze::SentenceRef> context;
  std::unordered_map<std::string, std::pair<std::string, std::string>> links;  // url, title
  std::string last_article;

  size_t claims() const { return records.size() + context.size(); }

  void Add(const store::ClaimView& v, const analyze::KeyConfig& keys) {
    const bool has_value = v.value || v.low || v.high;
    if (!analyze::MayHaveUsableKey(keys, v.claim_type, has_value, v.ambiguous)) {
      context.push_back(analyze::SentenceRefOf(v.article_id, v.sentence));
      return;
    }
    if (v.article_id != last_article) {  // rows of one article mostly come together
      last_article = v.article_id;
      links.try_emplace(last_article, v.url, v.title);
    }
    rows.push_back(v.row_id);
    records.push_back(ToRecord(v));
  }

  void FillLinks(std::vector<analyze::Finding>& found) const {
    for (analyze::Finding& f : found) {
      for (analyze::FindingClaim& c : f.claims) {
        auto it = links.find(c.article_id);
        if (it == links.end()) continue;
        c.url = it->second.first;
        c.title = it->second.second;
      }
    }
  }
};

// Current claims with these row ids, in no particular order.
void LoadRows(store::Store& db, const analyze::KeyConfig& keys, const std::vector<int64_t>& rows,
              Loaded& out) {
  out.records.reserve(rows.size());
  store::ClaimFilter f;
  for (size_t i = 0; i < rows.size(); i += kChunk) {
    f.rows.assign(rows.begin() + static_cast<long>(i),
                  rows.begin() + static_cast<long>(std::min(rows.size(), i + kChunk)));
    db.ForEachClaimView(f, [&](const store::ClaimView& v) { out.Add(v, keys); });
  }
}

}  // namespace

std::vector<analyze::ClaimRecord> RecordsOfSpeakers(store::Store& db,
                                                    const std::vector<std::string>& speaker_ids) {
  std::vector<analyze::ClaimRecord> out;
  store::ClaimFilter f;
  for (size_t i = 0; i < speaker_ids.size(); i += kChunk) {
    f.speaker_ids.assign(
        speaker_ids.begin() + static_cast<long>(i),
        speaker_ids.begin() + static_cast<long>(std::min(speaker_ids.size(), i + kChunk)));
    db.ForEachClaim(f, [&](store::StoredClaim&& c) { out.push_back(ToRecord(std::move(c))); });
  }
  return out;
}

CheckOutcome RunCheck(store::Store& db, store::FindingStore& fs, const analyze::KeyConfig& keys,
                      const analyze::AnalyzeOptions& options, bool full) {
  CheckOutcome out;
  store::CheckRun last = fs.LastCheck();
  full = full || last.id == 0;
  store::CheckRun run;
  run.full_run = full;
  run.max_claim_row = fs.MaxClaimRow();
  run.superseded_upto = fs.MaxSupersededAt();

  Loaded loaded;
  size_t analysed = 0;  // claims of the recomputed scopes (not the sentences read beside them)
  std::vector<std::pair<int64_t, std::string>> row_groups;
  std::vector<std::string> groups;
  if (full) {
    // Every current claim, read as it comes (a million claims are about half a gigabyte as
    // records; a second copy is not affordable). The analysis does not depend on the order,
    // and builds the keys whose scopes are recorded below.
    // Room for every row up front (superseded ones included): growing the vector would move
    // the records, twice over. Pages never written are never touched.
    loaded.records.reserve(static_cast<size_t>(run.max_claim_row));
    loaded.rows.reserve(static_cast<size_t>(run.max_claim_row));
    db.ForEachClaimView({}, [&](const store::ClaimView& v) { loaded.Add(v, keys); });
    analysed = loaded.claims();
  } else {
    // Groups touched since the last run: new rows, and rows superseded since.
    store::ClaimFilter fresh_filter;
    fresh_filter.after_row = last.max_claim_row;
    std::set<std::string> touched;
    std::set<int64_t> rows;
    db.ForEachClaimView(fresh_filter, [&](const store::ClaimView& v) {
      const bool has_value = v.value || v.low || v.high;
      if (!analyze::MayHaveUsableKey(keys, v.claim_type, has_value, v.ambiguous)) return;
      analyze::ClaimKey k = analyze::BuildClaimKey(ToRecord(v), keys);
      if (!k.usable) return;
      row_groups.push_back({v.row_id, k.scope});
      touched.insert(k.scope);
      rows.insert(v.row_id);
    });
    for (const std::string& g : fs.GroupsOfRows(fs.SupersededSince(last.superseded_upto)))
      touched.insert(g);
    groups.assign(touched.begin(), touched.end());
    // The recorded rows of the touched scopes (from the index on groups, without looking at
    // the claims) and the new rows, which are not recorded yet.
    const std::vector<int64_t> recorded = fs.RowsOfGroups(groups);
    std::vector<int64_t> wanted;
    wanted.reserve(recorded.size() + rows.size());
    std::set_union(recorded.begin(), recorded.end(), rows.begin(), rows.end(),
                   std::back_inserter(wanted));
    LoadRows(db, keys, wanted, loaded);  // superseded rows are left out here
    analysed = loaded.claims();
    // The comparison also reads the other sentences of these claims' articles (two articles
    // that share sentences are copies; an article that carries the other claim's sentence
    // is not compared with it): claims without a usable key and claims of other scopes.
    // Without them an incremental run would find conflicts between copies that a full run
    // does not.
    std::set<std::string> articles;
    for (const analyze::ClaimRecord& r : loaded.records) articles.insert(r.article_id);
    db.ForEachArticleSentence(std::vector<std::string>(articles.begin(), articles.end()),
                              [&](std::string_view article, std::string_view sentence) {
                                loaded.context.push_back(analyze::SentenceRefOf(article, sentence));
                              });
  }
  out.records_loaded = analysed;
  run.claims_analysed = static_cast<int64_t>(analysed);
  std::vector<std::string> scopes;
  std::vector<analyze::Finding> found = analyze::Analyze(loaded.records, keys, options, &out.stats,
                                                         full ? &scopes : nullptr, &loaded.context);
  loaded.FillLinks(found);
  if (full) {
    // Every row's scope, for later incremental runs.
    std::set<std::string> all;
    for (size_t i = 0; i < loaded.records.size(); ++i) {
      if (scopes[i].empty()) continue;
      all.insert(scopes[i]);
      row_groups.push_back({loaded.rows[i], std::move(scopes[i])});
    }
    groups.assign(all.begin(), all.end());
  }
  loaded = {};  // memory back before the findings are written
  // In row order: appending to the claim_groups B-tree instead of inserting at random.
  std::sort(row_groups.begin(), row_groups.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<store::FindingRow> rows;
  rows.reserve(found.size());
  for (const auto& f : found) {
    store::FindingRow r;
    r.id = f.id;
    r.type = std::string(analyze::ToString(f.type));
    r.severity = std::string(analyze::ToString(f.severity));
    r.group = f.scope;  // findings are recomputed and replaced per scope
    r.speaker_id = f.speaker_id;
    r.weak = f.weak_attribution;
    r.payload = report::FindingToJson(f);
    rows.push_back(std::move(r));
  }
  out.run = fs.RecordCheck(run, row_groups, groups, rows);
  out.findings = std::move(found);
  out.groups = std::move(groups);
  return out;
}

}  // namespace claimtrack::pipeline
