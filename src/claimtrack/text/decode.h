#pragma once
// Decoding article bytes into the text every later stage sees: valid UTF-8, NFC, no NUL.
// Order (WHATWG-style): BOM -> valid UTF-8 -> Windows-1252 fallback; what was used is
// recorded so a reviewer can see it. Never fails: bad bytes become U+FFFD and a warning.
// A file that is mostly UTF-8 with a few stray bytes stays UTF-8 and reads only those bytes
// as Windows-1252 ("utf-8+windows-1252", warning A004). Warning codes: docs/error-codes.md.
// Thread-safe (no shared mutable state).

#include <string>
#include <string_view>

#include "claimtrack/base/diagnostic.h"

namespace claimtrack::text {

struct Decoded {
  std::string text;      // valid UTF-8, NFC, NUL bytes removed, CRLF -> LF
  std::string encoding;  // "utf-8", "utf-8-bom", "utf-16le-bom", "utf-16be-bom", "windows-1252",
                         // "utf-8+windows-1252" (mixed), "utf-16le"/"utf-16be" (no BOM, sniffed)
};

// Decodes raw bytes. Problems (NUL bytes removed, Windows-1252 fallback, invalid sequences
// replaced) are added to `diags` as warnings located at `path` (line:col of the first one).
Decoded DecodeBytes(std::string_view bytes, const std::string& path, Diagnostics& diags);

// NFC normalisation (ICU). Input must be valid UTF-8.
std::string ToNfc(std::string_view utf8);

}  // namespace claimtrack::text
