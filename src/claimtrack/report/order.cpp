#include "claimtrack/report/order.h"

#include <algorithm>
#include <map>
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

size_t ShownInFull(const ReportData& data, FindingStatus status) {
  size_t n = 0;
  for (const ReportFinding& f : data.findings) n += f.status == status;
  if (data.max_findings == 0) return n;
  if (status != FindingStatus::kOpen) return std::min(n, data.max_findings);
  size_t fresh = 0;
  for (const ReportFinding& f : data.findings) fresh += f.status == FindingStatus::kNew;
  return std::min(n, data.max_findings - std::min(fresh, data.max_findings));
}

std::vector<RestCount> CountRest(const std::vector<const ReportFinding*>& list, size_t shown) {
  std::map<std::pair<int, int>, size_t> counts;
  for (size_t i = shown; i < list.size(); ++i) {
    ++counts[{static_cast<int>(list[i]->finding.severity),
              static_cast<int>(list[i]->finding.type)}];
  }
  std::vector<RestCount> out;
  for (const auto& [k, n] : counts) {
    out.push_back(
        {static_cast<analyze::FindingSeverity>(k.first), static_cast<FindingType>(k.second), n});
  }
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

namespace claimtrack::report {

std::vector<const ReportFinding*> FindingsShownInFull(const ReportData& data) {
  std::vector<const ReportFinding*> out;
  for (auto st : {analyze::FindingStatus::kNew, analyze::FindingStatus::kOpen}) {
    auto list = internal::FindingsWith(data, st);
    list.resize(internal::ShownInFull(data, st));
    out.insert(out.end(), list.begin(), list.end());
  }
  return out;
}

}  // namespace claimtrack::report
