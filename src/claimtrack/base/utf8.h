#pragma once
// UTF-8 helpers shared by every module. All text inside claimtrack is valid UTF-8 (the
// text/ module guarantees it at the door); these helpers never read past the end.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace claimtrack {

// Decodes one code point at text[pos]; sets *len to its byte length (>= 1). Invalid
// sequences decode as U+FFFD with length 1.
char32_t DecodeUtf8(std::string_view text, size_t pos, size_t* len);
// Appends the UTF-8 encoding of cp.
void AppendUtf8(std::string& out, char32_t cp);
// True when text is entirely valid UTF-8 (no overlongs, no surrogates).
bool IsValidUtf8(std::string_view text);
size_t CountCodePoints(std::string_view text);
// Replaces control characters (except tab) by U+FFFD-free visible escapes so a line can be
// printed on a terminal safely.
std::string SanitizeForTerminal(std::string_view text);
// Lower-cases ASCII and the German/Latin-1 letters (Ä→ä, ...). Enough for matching
// vocabulary; not a full Unicode case fold.
std::string LowerUtf8(std::string_view text);
// Letter test for a code point: ASCII letters, Latin-1 and Latin Extended letters, ß.
bool IsLetter(char32_t cp);
inline bool IsDigit(char32_t cp) { return cp >= '0' && cp <= '9'; }

}  // namespace claimtrack
