// Compact spellings of RE2's Unicode letter and number classes, used when a rule's regex is
// compiled (never in what `rules show` prints).
//
// `\pL` is every letter of Unicode: RE2 compiles it into a UTF-8 automaton of several hundred
// instructions, and a rule that says `%{WB}` or `[\pL.-]+` a few times, case-insensitive,
// becomes a program of ~7,000 instructions. The shipped rules compiled to 772,000 instructions
// in 0.8 s of start-up, and big programs keep RE2 on its slowest submatch engine (the NFA:
// BitState only runs when program size × text length is small). News in German and English
// needs letters to tell "2024" from "F-35" and "Covid-19" at a word boundary, not the exact
// Unicode letter table, so the compiled regex reads:
//
//   \pL  ASCII letters, the letters of Latin-1, and every code point from U+00F8 to U+1FFF
//        (Latin Extended, IPA, Greek, Cyrillic, Armenian, Hebrew, Arabic, Indic scripts,
//        combining marks…), U+2C00–U+2DFF, U+2E80–U+2FFF, U+3040–U+D7FF (kana, CJK, Hangul),
//        U+F900–U+FDFF, U+FE70–U+FEFE, the fullwidth letters, and everything from U+10000;
//        not the punctuation, symbol, currency, arrow and math blocks U+2000–U+2BFF, not
//        U+3000–U+303F, not the Latin-1 symbols (× ÷ § ° ± ² ³ ¼ ½ ¾ « » …).
//   \pN  ASCII digits, ² ³ ¹ ¼ ½ ¾, super- and subscript digits, number forms (⅓ Ⅻ),
//        circled and fullwidth digits.
//
// Both are supersets of \pL / \pN on the scripts of the news we read and differ only on
// characters a figure never touches in them (a Hebrew maqaf counts as a letter, a letterlike
// symbol such as ℕ does not). `\p{L}`, `\p{N}`, `\PL`, `\PN`, `\P{L}` and `\P{N}` are
// rewritten the same way; other classes (`\p{Lu}`, `\p{Greek}`) are left to RE2.
// docs/rules.md, "Unicode classes", says this to rule authors.
#ifndef CLAIMTRACK_RULES_UNICODE_CLASSES_H_
#define CLAIMTRACK_RULES_UNICODE_CLASSES_H_

#include <string>
#include <string_view>

namespace claimtrack::rules {

// `regex` with \pL, \pN (and their spellings above) replaced by the compact classes, inside
// and outside brackets; escapes, \Q…\E and [:posix:] classes are respected. A negated class
// inside brackets (`[\PL]`) is left as written. Any other text is returned unchanged.
std::string CompactUnicodeClasses(std::string_view regex);

}  // namespace claimtrack::rules

#endif  // CLAIMTRACK_RULES_UNICODE_CLASSES_H_
