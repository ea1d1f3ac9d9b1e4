#pragma once
// Internal to report/: a finding as a JSON value (finding_json.h's FindingToJson before it is
// written out), so that the JSON report places it in its tree without writing and parsing it
// again.

#include <nlohmann/json.hpp>
#include <string_view>

#include "claimtrack/analyze/finding.h"

namespace claimtrack::report::internal {

nlohmann::json FindingJsonValue(const analyze::Finding& f, std::string_view status,
                                std::string_view first_seen);

}  // namespace claimtrack::report::internal
