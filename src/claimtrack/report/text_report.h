#pragma once
// Findings as plain text for a terminal (`check --format table`): one block per finding, the
// claims indented below it. Control characters from articles are made visible.

#include <string>
#include <vector>

#include "claimtrack/analyze/finding.h"
#include "claimtrack/analyze/status.h"

namespace claimtrack::report {

// `status` may be null, or parallel to `findings` (as analyze::CompareWithPrevious gives it).
std::string RenderFindingsText(const std::vector<analyze::Finding>& findings,
                               const std::vector<analyze::FindingStatus>* status = nullptr);

}  // namespace claimtrack::report
