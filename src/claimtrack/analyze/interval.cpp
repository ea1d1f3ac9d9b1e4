#include "claimtrack/analyze/interval.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace claimtrack::analyze {

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();

// Relative slack for floating point noise ("0.1 + 0.2"): bounds closer than this touch.
constexpr double kEpsilon = 1e-9;

bool Finite(double v) { return std::isfinite(v); }

double Floor0(double v) { return v >= 0 ? 0.0 : -kInf; }

std::string Bound(double v) {
  if (v == kInf) return "inf";
  if (v == -kInf) return "-inf";
  return FormatNumber(v);
}
}  // namespace

bool Interval::Bounded() const { return Finite(low) && Finite(high); }

double Interval::Mid() const {
  if (Bounded()) return (low + high) / 2;
  if (Finite(low)) return low;
  if (Finite(high)) return high;
  return 0;
}

std::string Interval::ToString() const {
  return fmt::format("{}{}, {}{}", low_open ? "(" : "[", Bound(low), Bound(high),
                     high_open ? ")" : "]");
}

bool Overlaps(const Interval& a, const Interval& b) {
  // a lies entirely below b, or b entirely below a?
  auto below = [](const Interval& x, const Interval& y) {
    double slack = kEpsilon * std::max({1.0, Finite(x.high) ? std::fabs(x.high) : 0.0,
                                        Finite(y.low) ? std::fabs(y.low) : 0.0});
    if (x.high < y.low - slack) return true;
    if (std::fabs(x.high - y.low) <= slack) return x.high_open || y.low_open;
    return false;
  };
  return !below(a, b) && !below(b, a);
}

Interval Scaled(const Interval& a, double factor) {
  Interval r = a;
  r.low = a.low * factor;
  r.high = a.high * factor;
  return r;
}

double RelativeGap(const Interval& a, const Interval& b) {
  if (Overlaps(a, b)) return 0;
  const Interval& lo = a.high <= b.low ? a : b;
  const Interval& hi = a.high <= b.low ? b : a;
  double gap = hi.low - lo.high;
  double mag = std::max(std::fabs(Finite(hi.low) ? hi.low : 0), std::fabs(lo.high));
  if (!Finite(gap) || mag <= 0) return 1;
  return gap / mag;
}

double RoundingUnit(double value) {
  double v = std::fabs(value);
  if (!Finite(v) || v == 0) return 1;
  if (v != std::floor(v) || v >= 1e18) {
    // Decimals: the last written digit of the shortest representation, at most 6 places.
    for (int d = 1; d <= 6; ++d) {
      double scale = std::pow(10.0, d);
      double scaled = v * scale;
      if (std::fabs(scaled - std::round(scaled)) < 1e-6 * std::max(1.0, scaled)) {
        return 1 / scale;
      }
    }
    return 1e-6;
  }
  auto n = static_cast<long long>(v);
  int zeros = 0;
  while (n % 10 == 0) {
    n /= 10;
    ++zeros;
  }
  // A lone leading digit ("20.000", "300") is read as two significant digits.
  if (n < 10 && zeros > 0) --zeros;
  return std::pow(10.0, zeros);
}

Interval AssertedInterval(const Quantity& q, double tolerance) {
  Interval r;
  double t = std::clamp(tolerance, 0.0, 0.99);
  bool hedged = q.qualifier == Qualifier::kApprox || q.qualifier == Qualifier::kNearly;

  if (!q.value && (q.low || q.high)) {  // a range
    if (q.low) {
      double lo = *q.low;
      double u = q.kind == QuantityKind::kFraction ? 0 : RoundingUnit(lo);
      r.low = lo - u / 2;
      if (hedged) r.low = std::min(r.low, lo * (lo >= 0 ? 1 - t : 1 + t));
    }
    if (q.high) {
      double hi = *q.high;
      double u = q.kind == QuantityKind::kFraction ? 0 : RoundingUnit(hi);
      r.high = hi + u / 2;
      if (hedged) r.high = std::max(r.high, hi * (hi >= 0 ? 1 + t : 1 - t));
    }
    if (!q.low) r.low = Floor0(r.high);
    if (q.qualifier == Qualifier::kMoreThan || q.qualifier == Qualifier::kAtLeast) r.high = kInf;
    if (q.qualifier == Qualifier::kLessThan || q.qualifier == Qualifier::kAtMost ||
        q.qualifier == Qualifier::kUpTo) {
      r.low = Floor0(r.low);
    }
    return r;
  }
  if (!q.value) return r;  // nothing asserted

  double v = *q.value;
  double lo_t = v >= 0 ? v * (1 - t) : v * (1 + t);
  double hi_t = v >= 0 ? v * (1 + t) : v * (1 - t);
  if (q.kind == QuantityKind::kFraction) {
    // "zwei Drittel": the fraction word is the writer's rounding.
    r.low = lo_t;
    r.high = hi_t;
    r.point = q.qualifier == Qualifier::kNone || q.qualifier == Qualifier::kApprox;
    if (q.qualifier == Qualifier::kNone || q.qualifier == Qualifier::kApprox) return r;
  }
  double u = RoundingUnit(v);
  double lo_r = v - u / 2;
  double hi_r = v + u / 2;
  switch (q.qualifier) {
    case Qualifier::kNone:
      r.low = lo_r;
      r.high = hi_r;
      r.high_open = true;
      r.point = true;
      break;
    case Qualifier::kApprox:
      r.low = std::min(lo_r, lo_t);
      r.high = std::max(hi_r, hi_t);
      r.point = true;
      break;
    case Qualifier::kMoreThan:
      r.low = lo_r;
      r.low_open = true;
      r.high = kInf;
      break;
    case Qualifier::kAtLeast:
      r.low = lo_r;
      r.high = kInf;
      break;
    case Qualifier::kLessThan:
      r.low = Floor0(v);
      r.high = hi_r;
      r.high_open = true;
      break;
    case Qualifier::kAtMost:
    case Qualifier::kUpTo:
      r.low = Floor0(v);
      r.high = hi_r;
      break;
    case Qualifier::kNearly:
      r.low = std::min(lo_t, lo_r);
      r.high = hi_r;
      r.high_open = true;
      r.point = true;
      break;
  }
  return r;
}

}  // namespace claimtrack::analyze
