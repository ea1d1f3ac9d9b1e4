#pragma once
// The nightly report as Markdown, for e-mail and chat: the same sections as the HTML report,
// without charts (timelines become lists). Article text is escaped for Markdown and for the
// HTML a Markdown renderer would pass through. Deterministic.

#include <string>

#include "claimtrack/report/report_data.h"

namespace claimtrack::report {

std::string RenderMarkdown(const ReportData& data);

}  // namespace claimtrack::report
