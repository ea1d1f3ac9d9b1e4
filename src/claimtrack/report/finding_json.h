#pragma once
// A finding as JSON: the machine contract of `claimtrack check --format jsonl` (one object a
// line) and of the payload the store keeps between runs. Round-trips: FindingFromJson of
// FindingToJson gives the same finding. Fields: docs/findings.md#json.

#include <string>
#include <string_view>

#include "claimtrack/analyze/finding.h"

namespace claimtrack::report {

// One line of JSON (no newline). `status` and `first_seen` are added when not empty.
std::string FindingToJson(const analyze::Finding& f, std::string_view status = {},
                          std::string_view first_seen = {});
// Throws std::runtime_error on text that is not a finding object.
analyze::Finding FindingFromJson(std::string_view json);

}  // namespace claimtrack::report
