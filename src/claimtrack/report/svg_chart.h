#pragma once
// Internal to report/ and serve/ (its speaker pages): inline SVG charts (no script, no
// external resource; they scale to the width of a phone). Every text in them is escaped.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "claimtrack/analyze/timeline.h"

namespace claimtrack::report::internal {

// One timeline: x = article date, y = the figure (a log scale when the figures span more than
// two orders of magnitude). A dot per figure, a bar per interval the figure asserts (hedges,
// ranges; an open end runs to the edge with an arrow), a hollow dot for a weak attribution,
// and the alert colour for figures that are part of a finding (`finding_claims`, sorted).
// Each mark has a tooltip (<title>). "" when no point has a finite figure.
std::string TimelineSvg(const analyze::Timeline& timeline,
                        const std::vector<std::string>& finding_claims);

// Horizontal bars, one per (label, count) row, under an accessible title.
std::string BarChartSvg(const std::vector<std::pair<std::string, int>>& rows,
                        std::string_view title);

}  // namespace claimtrack::report::internal
