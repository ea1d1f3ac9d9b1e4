#include "claimtrack/report/order.h"

#include <algorithm>
#include <set>

namespace claimtrack::report::internal {

using analyze::FindingStatus;
using analyze::FindingType;

std::vector<const ReportFinding*> FindingsWith(const ReportData& data, FindingStatus status) {
  std::vector<const ReportFinding*> out;
  for (const ReportFinding& f : data.findings) {
    if (f.status == status) out.push_back(&f);
  }
  std::sort(out.begin(), out.end(), [](const ReportFinding* a, const ReportFinding* b) {
    return analyze::FindingLess(a->finding, b->finding);
  });
  return out;
}

std::vector<std::string> FindingClaimIds(const ReportData& data) {
  std::set<std::string> ids;
  for (const ReportFinding& f : data.findings) {
    if (f.status == FindingStatus::kGone) continue;
    for (const auto& c : f.finding.claims) ids.insert(c.claim_id);
  }
  return {ids.begin(), ids.end()};
}

int Summary::Total(FindingStatus s) const {
  const auto& row = counts[static_cast<size_t>(s)];
  return row[0] + row[1] + row[2];
}

Summary Summarize(const ReportData& data) {
  Summary s;
  static constexpr FindingType kTypes[] = {
      FindingType::kValueConflict, FindingType::kScaleSlip, FindingType::kAttributionDrift,
      FindingType::kOutletDisagreement, FindingType::kTimelineAnomaly};
  std::array<int, 5> per_type{};
  for (const ReportFinding& f : data.findings) {
    ++s.counts[static_cast<size_t>(f.status)][static_cast<size_t>(f.finding.severity)];
    if (f.status != FindingStatus::kGone) ++per_type[static_cast<size_t>(f.finding.type)];
  }
  for (FindingType t : kTypes) {
    s.by_type.emplace_back(std::string(ToString(t)), per_type[static_cast<size_t>(t)]);
  }
  return s;
}

std::vector<RuleCount> SortedCoverage(const ReportData& data) {
  std::vector<RuleCount> out = data.coverage;
  std::sort(out.begin(), out.end(), [](const RuleCount& a, const RuleCount& b) {
    if (a.claims_total != b.claims_total) return a.claims_total > b.claims_total;
    return a.rule_id < b.rule_id;
  });
  return out;
}

std::string Count(int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return (n < 0 ? "-" : "") + out;
}

}  // namespace claimtrack::report::internal

namespace claimtrack::report::internal {

std::string TypeLabel(analyze::FindingType t) {
  std::string s(ToString(t));
  std::replace(s.begin(), s.end(), '_', ' ');
  return s;
}

std::string DateLabel(const std::string& iso) {
  return iso.empty() ? std::string("undated") : iso.substr(0, 10);
}

}  // namespace claimtrack::report::internal
