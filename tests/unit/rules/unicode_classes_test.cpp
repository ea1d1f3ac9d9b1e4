// The compact \pL / \pN a rule's regex is compiled with (rules/unicode_classes.h): the same
// answer as RE2's Unicode classes on the text news is made of, far smaller programs, and
// nothing else in the regex touched.

#include "claimtrack/rules/unicode_classes.h"

#include <re2/re2.h>

#include <catch2/catch.hpp>
#include <string>

#include "claimtrack/base/utf8.h"

using claimtrack::rules::CompactUnicodeClasses;

namespace {

std::string Utf8(char32_t cp) {
  std::string s;
  claimtrack::AppendUtf8(s, cp);
  return s;
}

bool Full(const RE2& re, char32_t cp) { return RE2::FullMatch(Utf8(cp), re); }

}  // namespace

TEST_CASE("compact letters and numbers agree with Unicode's on the news scripts",
          "[rules][unicode]") {
  RE2 uni_l("\\pL"), uni_n("\\pN"), uni_ln("[\\pL\\pN]");
  RE2 our_l(CompactUnicodeClasses("\\pL")), our_n(CompactUnicodeClasses("\\pN")),
      our_ln(CompactUnicodeClasses("[\\pL\\pN]"));
  REQUIRE(our_l.ok());
  REQUIRE(our_n.ok());
  REQUIRE(our_ln.ok());
  // ASCII and Latin-1 (German, French, Spanish letters; × ÷ § ° ± « » ² ½ …): exactly equal.
  for (char32_t cp = 1; cp <= 0xFF; ++cp) {
    INFO("U+" << std::hex << static_cast<unsigned>(cp));
    CHECK(Full(our_l, cp) == Full(uni_l, cp));
    CHECK(Full(our_n, cp) == Full(uni_n, cp));
    CHECK(Full(our_ln, cp) == Full(uni_ln, cp));
  }
  // Every letter and number of Latin Extended, Greek, Cyrillic and the other scripts up to
  // U+1FFF, and of kana, CJK and Hangul, is one for the compact class too.
  for (char32_t cp = 0x100; cp <= 0xD7FF; ++cp) {
    if (cp >= 0x2000 && cp < 0x3040) continue;  // punctuation and symbol blocks: below
    INFO("U+" << std::hex << static_cast<unsigned>(cp));
    if (Full(uni_l, cp)) CHECK(Full(our_l, cp));
    if (Full(uni_ln, cp)) CHECK(Full(our_ln, cp));
  }
  // What sits next to a figure in news is no letter: dashes, quotes, ellipsis, currency,
  // per mille, arrows, the narrow no-break space, the ideographic space.
  for (char32_t cp : {0x2013, 0x2014, 0x201E, 0x201C, 0x2019, 0x2026, 0x20AC, 0x2030, 0x2192,
                      0x202F, 0x2009, 0x3000, 0x00A0}) {
    INFO("U+" << std::hex << static_cast<unsigned>(cp));
    CHECK_FALSE(Full(our_ln, cp));
  }
  CHECK(Full(our_n, 0x2153));  // ⅓
  CHECK(Full(our_n, 0xFF15));  // fullwidth 5
}

TEST_CASE("a word boundary before a figure means the same with the compact classes",
          "[rules][unicode]") {
  const std::string wb = "(?:^|[^\\pL\\pN])(\\d+)";
  RE2 uni("(?i)" + wb), our("(?i)" + CompactUnicodeClasses(wb));
  REQUIRE(our.ok());
  for (const char* text : {"rund 20000 Soldaten", "F-35", "Covid19", "Größe20", "Ж20", "€20",
                           "„20 Tote“", "über20", "x²20", "–20", "(20)", "20"}) {
    std::string a, b;
    bool ua = RE2::PartialMatch(text, uni, &a);
    bool ob = RE2::PartialMatch(text, our, &b);
    INFO(text);
    CHECK(ua == ob);
    CHECK(a == b);
  }
  // The point of it: a case-insensitive rule with a few letter classes compiles to a
  // fraction of the program.
  const std::string rule = "(?i)%(?:^|[^\\pL\\pN])[\\pL.-]+\\s+\\pL*[Ss]oldaten";
  RE2 big(rule), small(CompactUnicodeClasses(rule));
  REQUIRE(small.ok());
  CHECK(small.ProgramSize() * 4 < big.ProgramSize());
}

TEST_CASE("only the letter and number classes are rewritten", "[rules][unicode]") {
  // Escapes, literal text and other classes stay as written.
  CHECK(CompactUnicodeClasses("\\\\pL") == "\\\\pL");  // a backslash, then "pL"
  CHECK(CompactUnicodeClasses("\\Q\\pL\\E") == "\\Q\\pL\\E");
  CHECK(CompactUnicodeClasses("\\p{Lu}\\p{Greek}\\d+") == "\\p{Lu}\\p{Greek}\\d+");
  CHECK(CompactUnicodeClasses("[\\PL]") == "[\\PL]");
  CHECK(CompactUnicodeClasses("(?P<value>\\d+)") == "(?P<value>\\d+)");
  // Outside brackets a class gets brackets; inside, its ranges join the class.
  std::string out = CompactUnicodeClasses("\\pL[\\pN.-]\\PL\\p{N}");
  CHECK(out.rfind("[a-zA-Z", 0) == 0);
  CHECK(out.find("[0-9") != std::string::npos);
  CHECK(out.find(".-]") != std::string::npos);
  CHECK(out.find("[^a-zA-Z") != std::string::npos);
  CHECK(out.find("\\p") == std::string::npos);
  // A POSIX class inside brackets does not end the class.
  RE2 posix(CompactUnicodeClasses("[[:digit:]\\pL]+"));
  REQUIRE(posix.ok());
  CHECK(RE2::FullMatch("ab12ä", posix));
  // A bracket first in a class is a literal, and a class that is never closed stays an error.
  RE2 lit(CompactUnicodeClasses("[]\\pL]+"));
  REQUIRE(lit.ok());
  CHECK(RE2::FullMatch("]ä]", lit));
  RE2 broken(CompactUnicodeClasses("[\\pL"), RE2::Quiet);
  CHECK_FALSE(broken.ok());
}
