// Fuzzes the article decoder (text/decode.h): the input is a file's raw bytes. Checks what
// the header promises of the result: valid UTF-8, NFC, no NUL, no CR (CRLF and CR fold to
// LF), a known encoding name, and warnings only (decoding never fails).

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "claimtrack/base/diagnostic.h"
#include "claimtrack/base/utf8.h"
#include "claimtrack/text/decode.h"
#include "fuzz_check.h"

namespace {

bool KnownEncoding(const std::string& e) {
  static const char* const kNames[] = {"utf-8",        "utf-8-bom",    "utf-16le-bom",
                                       "utf-16be-bom", "windows-1252", "utf-8+windows-1252",
                                       "utf-16le",     "utf-16be"};
  for (const char* n : kNames) {
    if (e == n) return true;
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  claimtrack::Diagnostics diags;
  claimtrack::text::Decoded dec = claimtrack::text::DecodeBytes(bytes, "fuzz.txt", diags);
  FUZZ_CHECK(claimtrack::IsValidUtf8(dec.text), "decoded text is valid UTF-8");
  FUZZ_CHECK(dec.text.find('\0') == std::string::npos, "decoded text has no NUL");
  FUZZ_CHECK(dec.text.find('\r') == std::string::npos, "CRLF and CR are folded to LF");
  FUZZ_CHECK(KnownEncoding(dec.encoding), "encoding is one of the documented names");
  FUZZ_CHECK(!diags.HasErrors(), "decoding never fails (warnings only)");
  FUZZ_CHECK(claimtrack::text::ToNfc(dec.text) == dec.text, "decoded text is NFC");
  (void)diags.ToString();
  // ToNfc on its own, for any valid UTF-8 input.
  if (claimtrack::IsValidUtf8(bytes)) {
    std::string nfc = claimtrack::text::ToNfc(bytes);
    FUZZ_CHECK(claimtrack::IsValidUtf8(nfc), "NFC of valid UTF-8 is valid UTF-8");
    FUZZ_CHECK(claimtrack::text::ToNfc(nfc) == nfc, "NFC is idempotent");
  }
  return 0;
}
