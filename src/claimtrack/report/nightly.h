#pragma once
// The nightly report: what a fact-checker reads at 7 a.m. New and open findings by severity,
// each with its sentences side by side and links to the articles; a timeline chart of the
// figures behind each finding; what came in since the previous report; rule coverage.
// Rendered as one self-contained HTML file (inline CSS and SVG, no script, no network),
// Markdown (e-mail, chat) and JSON (machines). Pure functions of ReportData: no clock, no
// database, stable order — the same data gives byte-identical output (docs/report.md).

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "claimtrack/analyze/finding.h"

namespace claimtrack::report {

struct ReportFinding {
  analyze::Finding finding;
  std::string status;      // "new" | "open"
  std::string first_seen;  // UTC ISO 8601
};

struct ReportData {
  std::string title = "claimtrack nightly report";
  std::string as_of;     // what the report covers up to (newest ingest time in the data)
  std::string since;     // start of the delta ("" = everything)
  std::string database;  // file name of the database, for people
  int64_t articles_total = 0, claims_total = 0, speakers_total = 0;
  int64_t articles_since = 0, claims_since = 0;
  std::vector<ReportFinding> findings;                   // new and open, most severe first
  std::vector<std::string> gone;                         // ids gone since the last check
  std::vector<std::pair<std::string, int64_t>> by_rule;  // current claims per rule, most first
  std::vector<std::pair<std::string, int64_t>> by_type;  // current claims per claim type
};

std::string RenderHtml(const ReportData& data);
std::string RenderMarkdown(const ReportData& data);
std::string RenderJson(const ReportData& data);

// Text made safe for HTML element content and attribute values.
std::string HtmlEscape(std::string_view text);

}  // namespace claimtrack::report
