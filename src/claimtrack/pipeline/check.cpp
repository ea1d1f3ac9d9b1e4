#include "claimtrack/pipeline/check.h"

#include <algorithm>
#include <set>

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

// Current claims with these row ids, as records, in no particular order.
std::vector<analyze::ClaimRecord> LoadRecords(store::Store& db, const std::vector<int64_t>& rows) {
  std::vector<analyze::ClaimRecord> out;
  out.reserve(rows.size());
  store::ClaimFilter f;
  for (size_t i = 0; i < rows.size(); i += kChunk) {
    f.rows.assign(rows.begin() + static_cast<long>(i),
                  rows.begin() + static_cast<long>(std::min(rows.size(), i + kChunk)));
    db.ForEachClaim(f, [&](store::StoredClaim&& c) { out.push_back(ToRecord(std::move(c))); });
  }
  return out;
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

  std::vector<analyze::ClaimRecord> records;
  std::vector<int64_t> record_rows;  // full run: the row of each record
  std::vector<std::pair<int64_t, std::string>> row_groups;
  std::vector<std::string> groups;
  if (full) {
    // Every current claim, moved into a record as it is read (a million claims are about a
    // gigabyte as records; a second copy is not affordable). The analysis does not depend on
    // the order, and builds the keys whose scopes are recorded below.
    // Room for every row up front (superseded ones included): growing the vector would move
    // a gigabyte of records, twice over.
    records.reserve(static_cast<size_t>(run.max_claim_row));
    record_rows.reserve(static_cast<size_t>(run.max_claim_row));
    db.ForEachClaim({}, [&](store::StoredClaim&& c) {
      record_rows.push_back(c.row_id);
      records.push_back(ToRecord(std::move(c)));
    });
    out.records_loaded = records.size();
  } else {
    // Groups touched since the last run: new rows, and rows superseded since.
    store::ClaimFilter fresh_filter;
    fresh_filter.after_row = last.max_claim_row;
    std::set<std::string> touched;
    std::set<int64_t> rows;
    db.ForEachClaim(fresh_filter, [&](store::StoredClaim&& c) {
      const int64_t row = c.row_id;
      analyze::ClaimKey k = analyze::BuildClaimKey(ToRecord(std::move(c)), keys);
      if (!k.usable) return;
      row_groups.push_back({row, k.scope});
      touched.insert(k.scope);
      rows.insert(row);
    });
    for (const std::string& g : fs.GroupsOfRows(fs.SupersededSince(last.superseded_upto)))
      touched.insert(g);
    groups.assign(touched.begin(), touched.end());
    for (int64_t r : fs.CurrentRowsOfGroups(groups)) rows.insert(r);
    records = LoadRecords(db, std::vector<int64_t>(rows.begin(), rows.end()));
    out.records_loaded = records.size();
  }
  run.claims_analysed = static_cast<int64_t>(records.size());
  std::vector<std::string> scopes;
  std::vector<analyze::Finding> found =
      analyze::Analyze(records, keys, options, &out.stats, full ? &scopes : nullptr);
  if (full) {
    // Every row's scope, for later incremental runs.
    std::set<std::string> all;
    for (size_t i = 0; i < records.size(); ++i) {
      if (scopes[i].empty()) continue;
      all.insert(scopes[i]);
      row_groups.push_back({record_rows[i], std::move(scopes[i])});
    }
    groups.assign(all.begin(), all.end());
  }
  records = {};  // memory back before the findings are written
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
  return out;
}

}  // namespace claimtrack::pipeline
