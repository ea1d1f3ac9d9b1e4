// Fuzzes the number normalizer (normalize/numbers.h). Input: byte 0 picks the language
// (modulo 3: 0 de, 1 en, 2 unknown); the rest is the text. FindQuantities requires valid
// UTF-8, so invalid sequences are replaced by U+FFFD first (the text module guarantees
// valid UTF-8 at the door). Checks the header's contract: quantities in order, not
// overlapping, spans inside the text, `text` equal to the spanned bytes; then renders
// every quantity (Describe, ToString) and reads the text as a period phrase.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "claimtrack/base/utf8.h"
#include "claimtrack/model/quantity.h"
#include "claimtrack/normalize/numbers.h"
#include "fuzz_check.h"

namespace {

std::string ToValidUtf8(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  size_t i = 0;
  while (i < in.size()) {
    size_t len = 0;
    char32_t cp = claimtrack::DecodeUtf8(in, i, &len);
    if (cp == 0xFFFD && len == 1) {
      claimtrack::AppendUtf8(out, 0xFFFD);
    } else {
      out.append(in.substr(i, len));
    }
    i += len;
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using claimtrack::normalize::Lang;
  if (size == 0) return 0;
  static const Lang kLangs[] = {Lang::kDe, Lang::kEn, Lang::kUnknown};
  const Lang lang = kLangs[data[0] % 3];
  const std::string text =
      ToValidUtf8(std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1));
  FUZZ_CHECK(claimtrack::IsValidUtf8(text), "the fuzzer's own UTF-8 repair works");

  auto quantities = claimtrack::normalize::FindQuantities(text, lang);
  size_t prev_end = 0;
  for (const auto& q : quantities) {
    FUZZ_CHECK(q.span.begin <= q.span.end && q.span.end <= text.size(),
               "quantity span lies inside the text");
    FUZZ_CHECK(q.span.begin >= prev_end, "quantities are in order and do not overlap");
    FUZZ_CHECK(q.text == std::string_view(text).substr(q.span.begin, q.span.size()),
               "Quantity::text is the spanned expression");
    FUZZ_CHECK(claimtrack::IsValidUtf8(q.text), "a quantity span does not cut a UTF-8 sequence");
    prev_end = q.span.end;
    (void)claimtrack::Describe(q);
    (void)claimtrack::ToString(q.kind);
    (void)claimtrack::ToString(q.qualifier);
    (void)claimtrack::ToString(q.period);
    if (q.value) (void)claimtrack::FormatNumber(*q.value);
    if (q.low) (void)claimtrack::FormatNumber(*q.low);
    if (q.high) (void)claimtrack::FormatNumber(*q.high);
  }
  (void)claimtrack::normalize::ParsePeriodPhrase(text);
  return 0;
}
