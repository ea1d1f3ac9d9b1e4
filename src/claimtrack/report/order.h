#pragma once
// Internal to report/: the order and the counts every format shows, so that the HTML, the
// Markdown and the JSON of one report always agree. (serve/ uses MarkFigure too.)

#include <array>
#include <string>
#include <vector>

#include "claimtrack/report/report_data.h"

namespace claimtrack::report::internal {

// The findings with `status`, in reading order: severity (high first), strong before weak
// attribution, type, key, id.
std::vector<const ReportFinding*> FindingsWith(const ReportData& data,
                                               analyze::FindingStatus status);

// How many findings of `status` HTML and Markdown show in full: all without a cap; with
// one, new findings take it first, open ones get what is left, gone lines are cut at it.
size_t ShownInFull(const ReportData& data, analyze::FindingStatus status);

// The findings not shown in full, counted per (severity, type), most severe first.
struct RestCount {
  analyze::FindingSeverity severity;
  analyze::FindingType type;
  size_t count;
};
std::vector<RestCount> CountRest(const std::vector<const ReportFinding*>& list, size_t shown);

// The timelines in report order (speaker, key), and the claim ids of all open or new
// findings (points that are part of a finding are marked in charts).
std::vector<std::string> FindingClaimIds(const ReportData& data);

struct Summary {
  // [status][severity]: status new=0, open=1, gone=2; severity high=0, medium=1, low=2.
  std::array<std::array<int, 3>, 3> counts{};
  // New and open findings per type, in FindingType order (types with none included).
  std::vector<std::pair<std::string, int>> by_type;
  int Total(analyze::FindingStatus s) const;
};
Summary Summarize(const ReportData& data);

// Rule coverage by claims (most first), then rule id.
std::vector<RuleCount> SortedCoverage(const ReportData& data);

// 12,345 (a count for people).
std::string Count(int64_t n);

// The sentence with the figure's bytes marked by `open` / `close`, every part escaped by
// `escape`. Without a valid span, the whole sentence escaped.
template <typename Escape>
std::string MarkFigure(const analyze::FindingClaim& c, std::string_view open,
                       std::string_view close, Escape escape) {
  const std::string& s = c.sentence;
  if (c.span_end <= c.span_begin || c.span_end > s.size()) return escape(s);
  auto boundary = [&](size_t i) {
    return i >= s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
  };
  if (!boundary(c.span_begin) || !boundary(c.span_end)) return escape(s);
  std::string out = escape(std::string_view(s).substr(0, c.span_begin));
  out += open;
  out += escape(std::string_view(s).substr(c.span_begin, c.span_end - c.span_begin));
  out += close;
  out += escape(std::string_view(s).substr(c.span_end));
  return out;
}

}  // namespace claimtrack::report::internal

namespace claimtrack::report::internal {

// "value conflict", "scale slip", ... (the type names for people).
std::string TypeLabel(analyze::FindingType t);
// A date for people: the first 10 characters ("2025-12-03"), or "undated".
std::string DateLabel(const std::string& iso);

}  // namespace claimtrack::report::internal
