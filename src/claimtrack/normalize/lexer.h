#pragma once
// Private to normalize/: the token stream the number grammar runs over. Numbers are read
// with their digit groups and interpreted per language ("20.000" is 20000 in German and
// 20 with three decimals in English — the latter flagged ambiguous).

#include <string>
#include <string_view>
#include <vector>

#include "claimtrack/normalize/numbers.h"

namespace claimtrack::normalize::internal {

struct Token {
  enum class Type { kNumber, kWord, kSymbol, kSkip };  // kSkip: dates and times
  Type type = Type::kWord;
  size_t begin = 0;  // byte span in the text
  size_t end = 0;
  std::string lower;         // words: lower-cased; symbols: the code point's bytes
  bool space_before = true;  // whitespace (or start of text) right before
  bool capitalized = false;  // words: first letter upper-case
  // Numbers only:
  double value = 0;
  int precision = 0;  // digits after the decimal separator
  bool ambiguous = false;
  std::string ambiguity;
};

std::vector<Token> Tokenize(std::string_view text, Lang lang);

}  // namespace claimtrack::normalize::internal
