#pragma once
// The report as JSON, for machines. Key order is fixed, numbers are written the shortest way
// that reads back exactly, and unbounded interval ends are null, so the same data gives the
// same bytes. Each finding is written exactly as finding_json.h writes it for `check` and the
// store (one schema everywhere). Fields: docs/report.md#json.

#include <string>

#include "claimtrack/report/report_data.h"

namespace claimtrack::report {

// The whole report as one JSON document (pretty-printed, ends with a newline).
std::string RenderJson(const ReportData& data);

}  // namespace claimtrack::report
