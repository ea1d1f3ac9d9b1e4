#include "claimtrack/pipeline/check.h"

#include <set>
#include <unordered_map>

#include "claimtrack/analyze/claim_key.h"
#include "claimtrack/report/finding_json.h"

namespace claimtrack::pipeline {

analyze::ClaimRecord ToRecord(const store::StoredClaim& c) {
  analyze::ClaimRecord r;
  r.claim_id = c.id;
  r.article_id = c.claim.article_id;
  r.outlet = c.outlet;
  r.url = c.article_url;
  r.title = c.article_title;
  r.date = c.article_date;  // the article's own date: an undated article is not compared by
                            // its ingest day
  r.claim = c.claim;
  return r;
}

namespace {

// Current claims with these row ids, in chunks (SQLite bounds the parameters of a statement).
std::vector<store::StoredClaim> LoadRows(store::Store& db, const std::vector<int64_t>& rows) {
  std::vector<store::StoredClaim> out;
  constexpr size_t kChunk = 500;
  for (size_t i = 0; i < rows.size(); i += kChunk) {
    store::ClaimFilter f;
    f.rows.assign(rows.begin() + static_cast<long>(i),
                  rows.begin() + static_cast<long>(std::min(rows.size(), i + kChunk)));
    auto part = db.QueryClaims(f);
    for (auto& c : part) out.push_back(std::move(c));
  }
  return out;
}

}  // namespace

std::vector<analyze::ClaimRecord> RecordsOfGroups(store::Store& db, store::FindingStore& fs,
                                                  const std::vector<std::string>& groups) {
  std::vector<analyze::ClaimRecord> out;
  for (const auto& c : LoadRows(db, fs.CurrentRowsOfGroups(groups))) out.push_back(ToRecord(c));
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

  std::vector<analyze::ClaimRecord> records;
  std::vector<std::pair<int64_t, std::string>> row_groups;
  std::vector<std::string> groups;
  if (full) {
    std::vector<store::StoredClaim> stored = db.QueryClaims({});
    out.records_loaded = stored.size();
    std::set<std::string> all;
    records.reserve(stored.size());
    for (const auto& c : stored) {
      records.push_back(ToRecord(c));
      // Every row's group, for later incremental runs.
      analyze::ClaimKey k = analyze::BuildClaimKey(records.back(), keys);
      if (!k.usable) continue;
      row_groups.push_back({c.row_id, k.scope});
      all.insert(k.scope);
    }
    groups.assign(all.begin(), all.end());
  } else {
    // Groups touched since the last run: new rows, and rows superseded since.
    store::ClaimFilter fresh_filter;
    fresh_filter.after_row = last.max_claim_row;
    std::vector<store::StoredClaim> fresh = db.QueryClaims(fresh_filter);
    std::set<std::string> touched;
    std::set<int64_t> rows;
    for (const auto& c : fresh) {
      analyze::ClaimKey k = analyze::BuildClaimKey(ToRecord(c), keys);
      if (!k.usable) continue;
      row_groups.push_back({c.row_id, k.scope});
      touched.insert(k.scope);
      rows.insert(c.row_id);
    }
    for (const std::string& g : fs.GroupsOfRows(fs.SupersededSince(last.superseded_upto)))
      touched.insert(g);
    groups.assign(touched.begin(), touched.end());
    for (int64_t r : fs.CurrentRowsOfGroups(groups)) rows.insert(r);
    std::vector<store::StoredClaim> loaded =
        LoadRows(db, std::vector<int64_t>(rows.begin(), rows.end()));
    out.records_loaded = loaded.size();
    for (const auto& c : loaded) records.push_back(ToRecord(c));
  }
  run.claims_analysed = static_cast<int64_t>(records.size());
  std::vector<analyze::Finding> found = analyze::Analyze(records, keys, options, &out.stats);
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
  return out;
}

}  // namespace claimtrack::pipeline
