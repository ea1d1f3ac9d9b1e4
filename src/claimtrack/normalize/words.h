#pragma once
// Private to normalize/: vocabularies (number words, scales, currencies, qualifiers,
// periods, fractions) for German and English.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "claimtrack/model/quantity.h"
#include "claimtrack/normalize/numbers.h"

namespace claimtrack::normalize::internal {

// A German number word, compounds included: "zweiundzwanzigtausend", "dreieinhalb",
// "anderthalb". Lower-case input. Articles ("ein", "eine") return 1 — the caller decides
// whether a lone article is a number.
std::optional<double> GermanNumberWord(std::string_view w);
// One English number word: "two", "twenty", "twelve", "hundred" (100), "twenty-two".
std::optional<double> EnglishNumberWord(std::string_view w);
bool IsArticleOne(std::string_view w);  // ein/eine/einen/einem/einer/a/an/one

struct Scale {
  double factor = 1;
  bool money_only = false;     // "m", "b": only a scale next to a currency
  bool attached_only = false;  // "k": only written straight after digits
  bool abbreviation = false;   // may be followed by '.'
};
std::optional<Scale> ScaleWord(std::string_view w, Lang lang);

// ISO 4217 code for a currency word or symbol ("dollar", "us-dollar", "€", "chf").
std::optional<std::string_view> CurrencyWord(std::string_view w);
std::optional<std::string_view> CurrencySymbol(std::string_view sym);
// A unit of measure written straight after digits ("20gb", "5kg", "100mw", "30mph"), lower
// case. Not letters that make a name or code of the number ("5g", "3d", "4k", "21st").
bool GluedUnit(std::string_view w);

// Fraction denominators: "drittel" 3, "viertel" 4, "thirds" 3, "quarter" 4, "hälfte" 2.
std::optional<int> FractionWord(std::string_view w);
// Ordinals used in "jeder dritte", "every third": "dritte(r/n/s)" 3, "third" 3.
std::optional<int> OrdinalWord(std::string_view w);

struct QualifierPhrase {
  std::vector<std::string> words;
  Qualifier qualifier;
};
// All qualifier phrases, longest first.
const std::vector<QualifierPhrase>& QualifierPhrases();

// "monat" -> month, "year" -> year, ... (nouns after "pro", "per", "a", "im", "jeden").
std::optional<Period> PeriodNoun(std::string_view w);
// Single adverbs: "monatlich", "annually".
std::optional<Period> PeriodAdverb(std::string_view w);

}  // namespace claimtrack::normalize::internal
