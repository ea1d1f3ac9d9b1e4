#pragma once
// The report and single findings as JSON, for machines. Key order is fixed, numbers are
// written the shortest way that reads back exactly, and unbounded interval ends are null, so
// the same data gives the same bytes. Fields: docs/report.md#json.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "claimtrack/analyze/finding.h"
#include "claimtrack/analyze/status.h"
#include "claimtrack/report/report_data.h"

namespace claimtrack::report {

// The whole report as one JSON document (pretty-printed, ends with a newline).
std::string RenderJson(const ReportData& data);

// One finding as one line of JSON (no newline): the `check --format jsonl` contract —
// id, type, severity, status (when given), first_seen (when given), speaker {id, name}, key,
// key_label, group, scope, explanation, weak_attribution, relative_gap, days_apart, and claims
// [{claim_id, article_id, outlet, url, title, date, speaker {id, name, method, confidence},
// figure, kind, value, low, high, range_low, range_high, qualifier, unit, period, text,
// span [begin, end], rule, weak}].
std::string FindingToJson(const analyze::Finding& finding,
                          std::optional<analyze::FindingStatus> status = std::nullopt,
                          std::string_view first_seen = {});

// Findings as a pretty-printed JSON array (`check --format json`).
std::string FindingsToJson(const std::vector<analyze::Finding>& findings);

}  // namespace claimtrack::report
