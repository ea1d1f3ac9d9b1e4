#pragma once
// Word tokens of one sentence for attribution: byte spans into the article text, the
// lower-cased form, capitalisation, a possessive "'s" split off, and the role stem. Numbers
// written with separators ("10.000", "77,7") are one token. Pure functions; thread-safe.

#include <string>
#include <string_view>
#include <vector>

namespace claimtrack::attribute {

struct Tok {
  size_t b = 0, e = 0;   // bytes in the article text
  size_t name_e = 0;     // end without a possessive "'s"
  std::string low;       // lower-cased text (without possessive)
  std::string full_low;  // lower-cased text as written (with a possessive "'s")
  bool word = false;
  bool cap = false;         // starts with an upper-case letter
  bool possessive = false;  // "Zelensky's"
  std::string role;         // role stem (Lexicon::RoleStem), "" when none
  bool role_female = false;
};

bool IsQuoteChar(char32_t cp);  // " „ “ ” « »
bool IsSpaceCp(char32_t cp);
bool IsWordCp(char32_t cp);  // letters, digits, combining marks

// LowerUtf8 (base/utf8.h) with a fast path for ASCII text, the common case of a token:
// the same result, without decoding each character.
std::string LowerFast(std::string_view s);

// True when the token is written in capitals only ("WHO", "NHTSA"), two letters at least.
bool IsAllCaps(std::string_view text, const Tok& t);

// Tokens of text[begin, end): words (with inner hyphens, apostrophes, "U.S." dots and number
// separators) and single punctuation characters; spaces dropped. `role` is left empty.
std::vector<Tok> Tokenize(std::string_view text, size_t begin, size_t end);

}  // namespace claimtrack::attribute
