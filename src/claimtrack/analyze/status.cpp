#include "claimtrack/analyze/status.h"

#include <algorithm>
#include <unordered_set>

namespace claimtrack::analyze {

std::string_view ToString(FindingStatus s) {
  switch (s) {
    case FindingStatus::kNew:
      return "new";
    case FindingStatus::kOpen:
      return "open";
    case FindingStatus::kGone:
      return "gone";
  }
  return "new";
}

bool ParseFindingStatus(std::string_view s, FindingStatus* out) {
  for (FindingStatus v : {FindingStatus::kNew, FindingStatus::kOpen, FindingStatus::kGone}) {
    if (ToString(v) == s) {
      *out = v;
      return true;
    }
  }
  return false;
}

StatusDelta CompareWithPrevious(const std::vector<Finding>& current,
                                const std::vector<std::string>& previous_ids) {
  StatusDelta delta;
  std::unordered_set<std::string> previous(previous_ids.begin(), previous_ids.end());
  std::unordered_set<std::string> now;
  delta.status.reserve(current.size());
  for (const Finding& f : current) {
    delta.status.push_back(previous.count(f.id) ? FindingStatus::kOpen : FindingStatus::kNew);
    now.insert(f.id);
  }
  for (const std::string& id : previous) {
    if (!now.count(id)) delta.gone.push_back(id);
  }
  std::sort(delta.gone.begin(), delta.gone.end());
  return delta;
}

}  // namespace claimtrack::analyze
