#pragma once
// The nightly report as one self-contained HTML file: inline CSS, inline SVG charts, no
// script, no external resource; readable on a phone. Every text from an article is escaped and
// only http(s) URLs become links. Deterministic: the same data gives the same bytes.
// Sections: docs/report.md.

#include <string>

#include "claimtrack/report/report_data.h"

namespace claimtrack::report {

std::string RenderHtml(const ReportData& data);

}  // namespace claimtrack::report
