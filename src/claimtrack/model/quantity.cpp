#include "claimtrack/model/quantity.h"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <cmath>

#include "claimtrack/model/claim.h"

namespace claimtrack {

namespace {
constexpr std::array<std::string_view, 6> kKindNames = {"number", "fraction", "percent",
                                                        "money",  "range",    "count"};
constexpr std::array<std::string_view, 8> kQualifierNames = {
    "", "approx", "more_than", "at_least", "less_than", "at_most", "up_to", "nearly"};
constexpr std::array<std::string_view, 7> kPeriodNames = {"",      "hour",    "day", "week",
                                                          "month", "quarter", "year"};
constexpr std::array<std::string_view, 5> kMethodNames = {"none", "quote", "reported", "carryover",
                                                          "narrator"};

template <typename E, size_t N>
bool ParseEnum(const std::array<std::string_view, N>& names, std::string_view s, E* out) {
  for (size_t i = 0; i < N; ++i) {
    if (names[i] == s) {
      *out = static_cast<E>(i);
      return true;
    }
  }
  return false;
}
}  // namespace

std::string_view ToString(QuantityKind k) { return kKindNames[static_cast<size_t>(k)]; }
std::string_view ToString(Qualifier q) { return kQualifierNames[static_cast<size_t>(q)]; }
std::string_view ToString(Period p) { return kPeriodNames[static_cast<size_t>(p)]; }
std::string_view ToString(AttributionMethod m) { return kMethodNames[static_cast<size_t>(m)]; }

bool ParseQuantityKind(std::string_view s, QuantityKind* out) {
  return ParseEnum(kKindNames, s, out);
}
bool ParseQualifier(std::string_view s, Qualifier* out) {
  if (s == "none") s = "";
  return ParseEnum(kQualifierNames, s, out);
}
bool ParsePeriod(std::string_view s, Period* out) {
  if (s == "none") s = "";
  return ParseEnum(kPeriodNames, s, out);
}
bool ParseAttributionMethod(std::string_view s, AttributionMethod* out) {
  return ParseEnum(kMethodNames, s, out);
}

std::string FormatNumber(double v) {
  if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e18) {
    return fmt::format("{}", static_cast<long long>(v));
  }
  return fmt::format("{}", v);
}

std::string Describe(const Quantity& q) {
  std::string out;
  switch (q.qualifier) {
    case Qualifier::kNone:
      break;
    case Qualifier::kApprox:
      out += "~";
      break;
    case Qualifier::kMoreThan:
      out += ">";
      break;
    case Qualifier::kAtLeast:
      out += ">=";
      break;
    case Qualifier::kLessThan:
      out += "<";
      break;
    case Qualifier::kAtMost:
      out += "<=";
      break;
    case Qualifier::kUpTo:
      out += "up to ";
      break;
    case Qualifier::kNearly:
      out += "nearly ";
      break;
  }
  auto num = [](double v) {
    // Group thousands for people: 20,000 and 5,000,000,000.
    if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e18) {
      std::string digits = fmt::format("{}", static_cast<long long>(std::fabs(v)));
      std::string grouped;
      int n = 0;
      for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
        if (n > 0 && n % 3 == 0) grouped.insert(grouped.begin(), ',');
        grouped.insert(grouped.begin(), *it);
        ++n;
      }
      return (v < 0 ? "-" : "") + grouped;
    }
    return fmt::format("{:.4g}", v);
  };
  if (q.kind == QuantityKind::kFraction && q.value) {
    out += fmt::format("{:.4g}", *q.value);
  } else if (q.value) {
    out += num(*q.value);
  } else if (q.low || q.high) {
    out += (q.low ? num(*q.low) : "?") + "–" + (q.high ? num(*q.high) : "?");
  }
  if (!q.unit.empty()) out += (q.unit == "%" ? "" : " ") + q.unit;
  if (q.period != Period::kNone) out += fmt::format("/{}", ToString(q.period));
  if (!q.base.empty()) out += " of " + q.base;
  return out;
}

}  // namespace claimtrack
