// The interval a written figure asserts (hedge, range, the writer's rounding), and how
// intervals are compared. Cases: tests/data/analyze/intervals.jsonl.

#include "claimtrack/analyze/interval.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

using namespace claimtrack;
using namespace claimtrack::analyze;

namespace {

bool Near(double a, double b) { return std::fabs(a - b) <= 1e-9 * std::max(1.0, std::fabs(b)); }

}  // namespace

TEST_CASE("every case of intervals.jsonl asserts the expected interval", "[analyze]") {
  std::ifstream in(std::string(CLAIMTRACK_SOURCE_DIR) + "/tests/data/analyze/intervals.jsonl");
  REQUIRE(in);
  const std::set<std::string> fields = {"name", "value",     "low",       "high",
                                        "kind", "qualifier", "tolerance", "expect"};
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    ++n;
    auto c = nlohmann::json::parse(line);
    INFO(c.at("name").get<std::string>());
    for (const auto& [k, v] : c.items()) {
      if (!fields.count(k)) FAIL("unknown field '" + k + "'");
    }
    Quantity q;
    q.kind = QuantityKind::kCount;
    if (c.contains("kind")) REQUIRE(ParseQuantityKind(c["kind"].get<std::string>(), &q.kind));
    if (c.contains("value")) q.value = c["value"].get<double>();
    if (c.contains("low")) q.low = c["low"].get<double>();
    if (c.contains("high")) q.high = c["high"].get<double>();
    if (q.low || q.high) q.kind = QuantityKind::kRange;
    if (c.contains("qualifier"))
      REQUIRE(ParseQualifier(c["qualifier"].get<std::string>(), &q.qualifier));
    Interval iv = AssertedInterval(q, c.value("tolerance", 0.1));
    INFO("got " << iv.ToString());
    const auto& e = c.at("expect");
    if (e["low"].is_null()) {
      CHECK(std::isinf(iv.low));
    } else {
      CHECK(Near(iv.low, e["low"].get<double>()));
    }
    if (e["high"].is_null()) {
      CHECK(std::isinf(iv.high));
    } else {
      CHECK(Near(iv.high, e["high"].get<double>()));
    }
    const std::string open = e.at("open");
    CHECK(iv.low_open == (open[0] == '('));
    CHECK(iv.high_open == (open[1] == ')'));
  }
  CHECK(n >= 20);
}

TEST_CASE("the rounding unit follows the digits written", "[analyze]") {
  CHECK(RoundingUnit(20000) == 1000);
  CHECK(RoundingUnit(28000) == 1000);
  CHECK(RoundingUnit(20300) == 100);
  CHECK(RoundingUnit(20317) == 1);
  CHECK(RoundingUnit(300) == 10);
  CHECK(RoundingUnit(5e9) == 1e8);
  CHECK(RoundingUnit(3.2) == Approx(0.1));
  CHECK(RoundingUnit(0.25) == Approx(0.01));
  CHECK(RoundingUnit(0) == 1);
}

TEST_CASE("intervals overlap unless one ends before the other starts", "[analyze]") {
  Quantity a, b;
  a.value = 20000;  // [19500, 20500)
  b.value = 21000;  // [20500, 21500)
  // Touching at 20,500, which the first interval excludes: "20.000" and "21.000" conflict.
  CHECK_FALSE(Overlaps(AssertedInterval(a, 0.1), AssertedInterval(b, 0.1)));
  // "höchstens 14" and "mindestens 14" can both hold (exactly 14).
  Quantity most, least;
  most.value = 14;
  most.qualifier = Qualifier::kAtMost;
  least.value = 14;
  least.qualifier = Qualifier::kAtLeast;
  CHECK(Overlaps(AssertedInterval(most, 0.1), AssertedInterval(least, 0.1)));
  // "rund 20.000" vs "mehr als 19.000": no conflict; vs "28.000": conflict.
  Quantity approx, more, other;
  approx.value = 20000;
  approx.qualifier = Qualifier::kApprox;
  more.value = 19000;
  more.qualifier = Qualifier::kMoreThan;
  other.value = 28000;
  CHECK(Overlaps(AssertedInterval(approx, 0.1), AssertedInterval(more, 0.1)));
  CHECK_FALSE(Overlaps(AssertedInterval(approx, 0.1), AssertedInterval(other, 0.1)));
  CHECK(RelativeGap(AssertedInterval(approx, 0.1), AssertedInterval(other, 0.1)) ==
        Approx((27500.0 - 22000.0) / 27500.0));
}
