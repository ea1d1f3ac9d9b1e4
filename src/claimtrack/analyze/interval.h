#pragma once
// The interval a written figure asserts. "rund 20.000" does not say 20,000; it says "somewhere
// around 20,000", and "20.000" written with three zeros says "20,000 give or take 500". Every
// comparison in claimtrack is between such intervals, never between bare values, so hedges,
// ranges and the writer's rounding decide whether two figures can both hold.
//
//   qualifier          asserted interval (v value, t tolerance, u rounding unit)
//   (none)             [v - u/2, v + u/2)        "20.000" -> [19,500, 20,500)
//   approx             [v(1-t), v(1+t)] ∪ rounding  "rund 20.000", t=0.1 -> [18,000, 22,000]
//   more_than          (v - u/2, +inf)           "mehr als 19.000"
//   at_least           [v - u/2, +inf)           "mindestens 14" -> [13.5, +inf)
//   less_than          [0, v + u/2)              (from -inf when v < 0)
//   at_most, up_to     [0, v + u/2]
//   nearly             [v(1-t), v + u/2)         "fast 7000", t=0.1 -> [6,300, 7,050)
//   range low..high    [low - u_low/2, high + u_high/2], widened by t when hedged
//
// The rounding unit u comes from the digits written: an integer with trailing zeros is
// rounded at its last non-zero digit, except that a lone leading digit counts one more place
// ("20.000" = 20 thousand, u = 1,000; "28.000" u = 1,000; "300" u = 10; "20.317" u = 1);
// decimals are rounded at their last written digit ("3,2 Mrd." u = 0.1 bn). Fractions
// ("zwei Drittel") assert [v(1-t), v(1+t)]: a fraction word is itself a rounding.

#include <limits>
#include <string>

#include "claimtrack/model/quantity.h"

namespace claimtrack::analyze {

struct Interval {
  double low = -std::numeric_limits<double>::infinity();
  double high = std::numeric_limits<double>::infinity();
  bool low_open = false;   // (low, ...: the bound itself is excluded
  bool high_open = false;  // ..., high): the bound itself is excluded
  bool point = false;      // asserted as one figure (no open side, no range): may be scaled

  bool Bounded() const;          // both ends finite
  double Mid() const;            // middle of a bounded interval, else the finite end (0 when none)
  std::string ToString() const;  // "[19500, 20500)", "(19000, inf)"
};

// True when at least one value satisfies both intervals.
bool Overlaps(const Interval& a, const Interval& b);
// Multiplies both ends by factor (> 0).
Interval Scaled(const Interval& a, double factor);
// Distance between two disjoint intervals relative to the larger magnitude (0 when they
// overlap): 20,000 vs 28,000 -> about 0.25. Used for severity.
double RelativeGap(const Interval& a, const Interval& b);

// The rounding unit of a written value (see above): 20000 -> 1000, 20317 -> 1, 3.2 -> 0.1,
// 300 -> 10, 0 -> 1.
double RoundingUnit(double value);

// The interval a quantity asserts. `tolerance` is the relative half-width of a hedge
// (keys.yaml, per claim type). A quantity without value and without range ends gives the
// unbounded interval. Pure; never throws.
Interval AssertedInterval(const Quantity& q, double tolerance);

}  // namespace claimtrack::analyze
