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

// The same finding as the text FindingJsonValue(...).dump() gives, appended to `text`
// (finding_json_text.cpp): compact when `depth` < 0, else as dump(2) writes it `depth`
// levels into a document (the first line not indented, as dump places a value after its
// key or indentation). False when a string is not valid UTF-8: then `text` is incomplete and
// the caller dumps FindingJsonValue instead.
bool FindingJsonText(const analyze::Finding& f, std::string_view status,
                     std::string_view first_seen, std::string* text, int depth = -1);

// FindingFromJson's reading without a JSON tree (finding_json_read.cpp), for the shapes
// FindingToJson writes. False for anything else (then `f` is unusable and the caller reads
// the text through the tree, which gives the same finding or the error).
bool FindingFromJsonText(std::string_view text, analyze::Finding* f);

}  // namespace claimtrack::report::internal
