#pragma once
// The number normalizer: finds number expressions in German or English text and turns each
// into the value model (model/quantity.h). Pure functions, no state, thread-safe.
//
//   "rund 20.000 Soldaten pro Monat"  -> number 20000, approx, period month
//   "fünf Milliarden Dollar"          -> money 5e9 USD
//   "zwischen 100 und 300 Millionen"  -> range [1e8, 3e8]
//   "zwei Drittel aller Mitglieder"   -> fraction 0.666…, base "Mitglieder"
//
//   "Hunderte Millionen Euro"         -> money 1e8 EUR, at_least (a vague plural is a lower
//                                        bound of one unit)
//   "forty-two million three hundred eleven thousand", "minus zwei Millionen", "3.1e+12",
//   "6 × 10^9", "4/16 of the seats", "one over five", "60 USD million", "500 TEUR",
//   "mehr als 20 und höchstens 50" (a range)
//
// What it does not do: decide whether a number is a *claim* (that is the rules' job).

#include <string_view>
#include <vector>

#include "claimtrack/model/quantity.h"

namespace claimtrack::normalize {

enum class Lang { kUnknown, kDe, kEn };

// "de" / "en" (also "de-AT", "en_GB", ...); anything else is kUnknown.
Lang ParseLang(std::string_view code);
std::string_view ToString(Lang lang);

// All number expressions in `text` (valid UTF-8), in order, non-overlapping. Spans are byte
// offsets into `text`. With kUnknown, separators are read by their shape and marked
// ambiguous where the language would decide ("1.000"). A figure whose value is not finite or
// larger than kMaxFigure in magnitude keeps its span and text but has no value, is
// ambiguous, and its ambiguity is kOutOfRange: no claim may be built on it.
inline constexpr double kMaxFigure = 1e18;
inline constexpr std::string_view kOutOfRange = "out of range";
std::vector<Quantity> FindQuantities(std::string_view text, Lang lang);

// The period named by a phrase such as "pro Monat", "a year", "monatlich"; kNone if none.
Period ParsePeriodPhrase(std::string_view phrase);

}  // namespace claimtrack::normalize
