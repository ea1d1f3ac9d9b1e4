#pragma once
// What a report shows, as plain data the caller fills (from the store, or by hand in tests).
// The renderers (html_report.h, markdown_report.h, json_report.h) are pure functions of it:
// no clock, no database, no I/O, and the same data gives byte-identical output. Sections and
// formats: docs/report.md.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "claimtrack/analyze/finding.h"
#include "claimtrack/analyze/status.h"
#include "claimtrack/analyze/timeline.h"

namespace claimtrack::report {

struct ReportFinding {
  analyze::Finding finding;
  analyze::FindingStatus status = analyze::FindingStatus::kNew;  // new, open or gone
  std::string first_seen;  // date the finding was first reported ("" = in this report)
};

struct IngestCounts {
  int64_t articles_since = 0;  // articles ingested since the previous report
  int64_t claims_since = 0;    // claims stored since the previous report
  int64_t articles_total = 0;
  int64_t claims_total = 0;
  int64_t speakers_total = 0;
};

// Rule coverage: how many stored claims each rule produced.
struct RuleCount {
  std::string rule_id;
  int64_t claims_total = 0;
  int64_t claims_since = 0;
};

struct Generation {
  std::string title = "claimtrack report";
  std::string as_of;  // the report's date/time as the caller states it ("2025-12-04"); never
                      // read from a clock here, so that --reproducible output is stable
  std::string since;  // the previous report's date ("" = first report)
  std::string tool_version;
  std::string rule_set;                                         // rule set version
  std::string keys_version;                                     // keys.yaml version (e.g. its hash)
  std::string database;                                         // shown as given ("" = not shown)
  std::vector<std::pair<std::string, std::string>> parameters;  // more, shown in this order
};

struct ReportData {
  Generation generation;
  std::vector<ReportFinding> findings;       // new, open and gone; renderers sort them
  std::vector<analyze::Timeline> timelines;  // per speaker and key (analyze/timeline.h)
  IngestCounts counts;
  std::vector<RuleCount> coverage;  // renderers sort by claims, then rule id
  // HTML and Markdown show at most this many new and open findings in full (new first, then
  // open, each in reading order: most severe first) and count the rest by type and severity;
  // the gone list is cut at the same number of lines. 0 = no cap. JSON always has them all.
  size_t max_findings = 0;
};

// The new and open findings that HTML and Markdown show in full under data.max_findings, in
// the order shown (new, then open; each most severe first).
std::vector<const ReportFinding*> FindingsShownInFull(const ReportData& data);

}  // namespace claimtrack::report
