#pragma once
// The value model: what a figure in a news text *is*. Every later comparison stands on
// it, so hedges and ranges are data and never folded into the value:
//   "rund 20.000 Soldaten pro Monat" -> kind count, value 20000, qualifier approx,
//                                        unit "Soldat", period month
//   "100 bis 300 Milliarden"          -> kind range, value null, low 1e11, high 3e11
// A range keeps the dimension of its ends in `unit` ("%", "USD", "pp", or a lemma).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace claimtrack {

// A half-open byte range [begin, end) into a text.
struct Span {
  size_t begin = 0;
  size_t end = 0;
  size_t size() const { return end - begin; }
  bool empty() const { return end <= begin; }
  bool Overlaps(const Span& o) const { return begin < o.end && o.begin < end; }
  bool Contains(const Span& o) const { return begin <= o.begin && o.end <= end; }
  bool operator==(const Span&) const = default;
};

enum class QuantityKind { kNumber, kFraction, kPercent, kMoney, kRange, kCount };

// The hedge in front of a figure. The strings of ToString() are part of the output
// contract (JSON, database, docs/cli.md).
enum class Qualifier { kNone, kApprox, kMoreThan, kAtLeast, kLessThan, kAtMost, kUpTo, kNearly };

enum class Period { kNone, kHour, kDay, kWeek, kMonth, kQuarter, kYear };

struct Quantity {
  QuantityKind kind = QuantityKind::kNumber;
  std::optional<double> value;  // point value; null for a range unless the text gives one
  std::optional<double> low;    // lower end of a range
  std::optional<double> high;   // upper end of a range
  Qualifier qualifier = Qualifier::kNone;
  std::string unit;  // ISO 4217 for money, "%" percent, "pp" percentage points, lemma
  Period period = Period::kNone;
  std::string base;        // for shares: "aller Mitglieder" -> "Mitglieder" (text as written)
  int precision = 0;       // decimal digits written ("3,2 Mrd." -> 1); scale words not counted
  bool ambiguous = false;  // the reading is unsure (e.g. "1.000" in unknown language)
  std::string ambiguity;   // why it is ambiguous (empty when not)
  Span span;               // bytes of the whole expression in the text it came from
  std::string text;        // the expression as written
};

std::string_view ToString(QuantityKind k);
std::string_view ToString(Qualifier q);
std::string_view ToString(Period p);
// Inverse of ToString; false when `s` names nothing.
bool ParseQuantityKind(std::string_view s, QuantityKind* out);
bool ParseQualifier(std::string_view s, Qualifier* out);
bool ParsePeriod(std::string_view s, Period* out);

// Shortest round-trip text of a double ("20000", "0.6666666666666666", "5000000000").
std::string FormatNumber(double v);
// "≈ 20,000 Soldat/month", "USD 5e9", "2/3 of Mitglieder": a compact human rendering.
std::string Describe(const Quantity& q);

}  // namespace claimtrack
