#pragma once
// Status since the last run: which findings are new, which are still open, which are gone.
// Works on ids only, because ids are stable (finding.h): the store keeps the ids (and first
// seen dates) of the previous run and passes them in.

#include <string>
#include <string_view>
#include <vector>

#include "claimtrack/analyze/finding.h"

namespace claimtrack::analyze {

enum class FindingStatus { kNew, kOpen, kGone };
std::string_view ToString(FindingStatus s);  // "new", "open", "gone"
bool ParseFindingStatus(std::string_view s, FindingStatus* out);

struct StatusDelta {
  std::vector<FindingStatus> status;  // parallel to the current findings: kNew or kOpen
  std::vector<std::string> gone;      // previous ids not among the current findings, sorted
};

// Compares the current findings with the ids of the previous run. For an incremental run
// (only some groups recomputed), pass only the previous ids of the recomputed groups, or
// findings of untouched groups will be reported as gone.
StatusDelta CompareWithPrevious(const std::vector<Finding>& current,
                                const std::vector<std::string>& previous_ids);

}  // namespace claimtrack::analyze
