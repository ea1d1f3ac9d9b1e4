#pragma once
// store/findings: what `claimtrack check` and `claimtrack report` keep between runs — the
// findings with their first/last sighting and status, the key group of every claim row
// (for incremental checks), and the check and report runs. The findings themselves are
// opaque JSON payloads here: the analysis defines them (analyze/finding.h), the store only
// keeps them. Own connection to the same file; use after store::Store has migrated it.
// Not thread-safe (one connection); errors are StoreError with the path and operation.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "claimtrack/store/store.h"

namespace claimtrack::store {

struct CheckRun {
  int64_t id = 0;               // 0: no run yet
  std::string run_at;           // UTC ISO 8601
  int64_t max_claim_row = 0;    // claims.row_id read up to
  std::string superseded_upto;  // claims superseded up to this time were seen
  int64_t claims_analysed = 0, groups_touched = 0;
  int64_t findings_new = 0, findings_open = 0, findings_gone = 0;
  bool full_run = false;
};

struct FindingRow {
  std::string id, type, severity, group, speaker_id;
  bool weak = false;
  std::string payload;  // JSON
  std::string status;   // new | open | gone
  std::string first_seen, last_seen;
};

struct ReportRun {
  int64_t id = 0;
  std::string run_at, out;
  int64_t max_claim_row = 0;
  std::string max_ingested_at;
};

class FindingStore {
 public:
  explicit FindingStore(const std::string& path, bool read_only = false);
  ~FindingStore();
  FindingStore(const FindingStore&) = delete;
  FindingStore& operator=(const FindingStore&) = delete;

  CheckRun LastCheck() const;
  // Row ids of claims superseded after `after` (ISO time; "" = none).
  std::vector<int64_t> SupersededSince(const std::string& after) const;
  // The newest superseded_at and the highest claim row id in the database now.
  std::string MaxSupersededAt() const;
  int64_t MaxClaimRow() const;
  // The groups of the given rows (rows without a recorded group are left out).
  std::vector<std::string> GroupsOfRows(const std::vector<int64_t>& rows) const;
  // Claim rows whose recorded group is one of `groups`, sorted, superseded ones included
  // (read from the index on groups alone; reading claims by row skips superseded rows).
  std::vector<int64_t> RowsOfGroups(const std::vector<std::string>& groups) const;

  // Records one check run in one transaction: the groups of the analysed rows, and the
  // findings of the recomputed groups (`groups`; all groups when full): every finding in
  // `current` is upserted (first_seen kept), a stored finding of a recomputed group that is
  // not in `current` becomes gone. Returns the run with its counts filled in.
  CheckRun RecordCheck(CheckRun run, const std::vector<std::pair<int64_t, std::string>>& row_groups,
                       const std::vector<std::string>& groups,
                       const std::vector<FindingRow>& current);

  // Findings by status ("" = all but gone), most severe first.
  std::vector<FindingRow> Findings(const std::string& status = "") const;
  // The same, without reading the payload of findings whose group is in `known` (or of any
  // finding when `all_known`): for a caller that holds those findings already (`check`
  // after recomputing them), parsing 27,000 payloads again costs about a second.
  std::vector<FindingRow> Findings(const std::string& status, bool all_known,
                                   const std::vector<std::string>& known) const;

  ReportRun LastReport() const;
  void RecordReport(const ReportRun& run);
  // Articles ingested (or revised) after `after` ("" = all), and the newest ingested_at.
  int64_t ArticlesIngestedAfter(const std::string& after, std::string* newest) const;
  // What the report counts: totals, current claims written after `after` ("" = all), and
  // current claims per rule, in one pass over the claims counted here (a GROUP BY sorts a
  // million rule ids; separate queries read the claims table once each).
  struct Counts {
    int64_t articles = 0, claims = 0, speakers = 0;         // in the database (current claims)
    int64_t claims_after = 0;                               // current claims written after `after`
    std::vector<std::pair<std::string, int64_t>> per_rule;  // most first, ties by rule id
  };
  Counts CountForReport(const std::string& after) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace claimtrack::store
