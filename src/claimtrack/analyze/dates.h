#pragma once
// Internal to analyze/: article dates as day numbers, so that windows are simple integer
// comparisons.

#include <climits>
#include <string_view>

namespace claimtrack::analyze::internal {

constexpr int kNoDay = INT_MIN;

// Days since 1970-01-01 of an ISO 8601 date or timestamp ("2025-12-03", "2025-12-03T10:00Z");
// kNoDay when `iso` does not start with a valid YYYY-MM-DD.
int DayNumber(std::string_view iso);

}  // namespace claimtrack::analyze::internal
