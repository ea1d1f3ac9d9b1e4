#pragma once
// Internal to report/: a finding as a JSON value (finding_json.h's FindingToJson before it is
// written out), so that the JSON report places it in its tree without writing and parsing it
// again.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "claimtrack/analyze/finding.h"

namespace claimtrack::report::internal {

nlohmann::json FindingJsonValue(const analyze::Finding& f, std::string_view status,
                                std::string_view first_seen);

// The same finding as the text FindingJsonValue(...).dump() gives, written directly into
// `text` (finding_json_text.cpp). False when a string is not valid UTF-8: then `text` is
// incomplete and the caller dumps FindingJsonValue instead.
bool FindingJsonText(const analyze::Finding& f, std::string_view status,
                     std::string_view first_seen, std::string* text);

}  // namespace claimtrack::report::internal
