#include "claimtrack/analyze/finding.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <tuple>

#include "claimtrack/analyze/lexicon.h"

namespace claimtrack::analyze {

namespace {
constexpr std::array<std::string_view, 5> kTypeNames = {
    "value_conflict", "scale_slip", "attribution_drift", "outlet_disagreement", "timeline_anomaly"};
constexpr std::array<std::string_view, 3> kSeverityNames = {"high", "medium", "low"};
}  // namespace

std::string_view ToString(FindingType t) { return kTypeNames[static_cast<size_t>(t)]; }
std::string_view ToString(FindingSeverity s) { return kSeverityNames[static_cast<size_t>(s)]; }

bool ParseFindingType(std::string_view s, FindingType* out) {
  for (size_t i = 0; i < kTypeNames.size(); ++i) {
    if (kTypeNames[i] == s) {
      *out = static_cast<FindingType>(i);
      return true;
    }
  }
  return false;
}

bool ParseFindingSeverity(std::string_view s, FindingSeverity* out) {
  for (size_t i = 0; i < kSeverityNames.size(); ++i) {
    if (kSeverityNames[i] == s) {
      *out = static_cast<FindingSeverity>(i);
      return true;
    }
  }
  return false;
}

std::string FindingId(FindingType type, std::string_view group,
                      std::vector<std::string> claim_ids) {
  std::sort(claim_ids.begin(), claim_ids.end());
  uint64_t h = internal::Hash64(ToString(type));
  h = internal::Hash64("\x1f", h);
  h = internal::Hash64(group, h);
  for (const std::string& id : claim_ids) {
    h = internal::Hash64("\x1f", h);
    h = internal::Hash64(id, h);
  }
  return fmt::format("{:016x}", h);
}

bool FindingLess(const Finding& a, const Finding& b) {
  return std::make_tuple(a.severity, a.weak_attribution, a.type, a.key, a.id) <
         std::make_tuple(b.severity, b.weak_attribution, b.type, b.key, b.id);
}

}  // namespace claimtrack::analyze

namespace claimtrack::analyze {

std::string HumanNumber(double v) {
  if (!std::isfinite(v)) return v > 0 ? "inf" : "-inf";
  double a = std::fabs(v);
  std::string sign = v < 0 ? "-" : "";
  auto trim = [](std::string s) {
    if (s.find('.') != std::string::npos) {
      while (!s.empty() && s.back() == '0') s.pop_back();
      if (!s.empty() && s.back() == '.') s.pop_back();
    }
    return s;
  };
  static constexpr std::pair<double, const char*> kScales[] = {
      {1e12, "trillion"}, {1e9, "billion"}, {1e6, "million"}};
  for (const auto& [scale, word] : kScales) {
    if (a >= scale) return sign + trim(fmt::format("{:.3f}", a / scale)) + " " + word;
  }
  if (a == std::floor(a)) {
    std::string digits = fmt::format("{}", static_cast<long long>(a));
    std::string out;
    for (size_t i = 0; i < digits.size(); ++i) {
      if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
      out += digits[i];
    }
    return sign + out;
  }
  return sign + trim(fmt::format("{:.4f}", a));
}

std::string FigureText(const FindingClaim& c) {
  double scale = c.kind == "fraction" ? 100 : 1;
  std::string num;
  if (c.value) {
    num = HumanNumber(*c.value * scale);
  } else if (c.range_low || c.range_high) {
    num = (c.range_low ? HumanNumber(*c.range_low * scale) : "?") + "–" +
          (c.range_high ? HumanNumber(*c.range_high * scale) : "?");
  } else {
    num = "?";
  }
  static const std::pair<std::string_view, std::string_view> kPrefix[] = {
      {"approx", "~"},  {"more_than", ">"},  {"at_least", "≥"},    {"less_than", "<"},
      {"at_most", "≤"}, {"up_to", "up to "}, {"nearly", "nearly "}};
  std::string out;
  for (const auto& [q, p] : kPrefix) {
    if (c.qualifier == q) out += p;
  }
  out += num;
  if (c.kind == "fraction" || c.unit == "%") {
    out += "%";
  } else if (c.unit == "pp") {
    out += " pp";
  } else if (c.unit.size() == 3 && std::all_of(c.unit.begin(), c.unit.end(),
                                               [](char ch) { return ch >= 'A' && ch <= 'Z'; })) {
    out += " " + c.unit;
  }
  if (!c.period.empty()) out += "/" + c.period;
  return out;
}

}  // namespace claimtrack::analyze
