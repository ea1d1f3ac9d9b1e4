// Fuzzes the reference fact loader (facts/reference_facts.h) and the arithmetic of
// `review suggest` (facts/suggest.h). The first byte picks the format (even: YAML, odd: CSV),
// the rest is the file's text. Checks the headers' promises: a returned fact is valid (an id,
// an http(s) source, a real date, a tolerance in [0, 1), a value or an ordered range), every
// diagnostic is located inside the text, and comparing any returned fact with a claim gives
// one of the four ratings.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "claimtrack/analyze/claim_key.h"
#include "claimtrack/analyze/key_config.h"
#include "claimtrack/base/diagnostic.h"
#include "claimtrack/facts/reference_facts.h"
#include "claimtrack/facts/suggest.h"
#include "fuzz_check.h"

namespace {

const claimtrack::analyze::KeyConfig& Keys() {
  static const claimtrack::analyze::KeyConfig keys = [] {
    claimtrack::Diagnostics d;
    auto k = claimtrack::analyze::LoadKeyConfig(
        std::string(CLAIMTRACK_SOURCE_DIR) + "/rules/keys.yaml", d);
    FUZZ_CHECK(k.has_value(), "the shipped keys.yaml loads");
    return *k;
  }();
  return keys;
}

// "rund 20.000 Soldaten pro Monat", hedged, as a claim of the seed article.
claimtrack::analyze::ClaimRecord Claim() {
  claimtrack::analyze::ClaimRecord r;
  r.claim_id = "c";
  r.article_id = "a";
  r.date = "2025-03-01";
  auto& c = r.claim;
  c.sentence = "Die Verluste auf russischer Seite liegen bei rund 20.000 Soldaten pro Monat.";
  c.sentence_span = {0, c.sentence.size()};
  c.claim_type = "troops";
  c.quantity.kind = claimtrack::QuantityKind::kCount;
  c.quantity.value = 20000;
  c.quantity.qualifier = claimtrack::Qualifier::kApprox;
  c.quantity.unit = "Soldat";
  c.quantity.period = claimtrack::Period::kMonth;
  c.quantity.text = "rund 20.000";
  size_t at = c.sentence.find(c.quantity.text);
  c.quantity.span = {at, at + c.quantity.text.size()};
  return r;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const bool csv = data[0] & 1;
  std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  claimtrack::Diagnostics diags;
  auto facts = csv ? claimtrack::facts::ParseFactsCsv(text, "fuzz.csv", Keys(), diags)
                   : claimtrack::facts::ParseFactsYaml(text, "fuzz.yaml", Keys(), diags);
  int lines = 1;  // as the loaders count them: LF, CRLF, and (CSV) a lone CR
  for (size_t i = 0; i < text.size(); ++i) {
    lines += text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'));
  }
  for (const auto& d : diags.items()) {
    FUZZ_CHECK(d.line >= 0 && d.line <= lines + 1, "diagnostics are located inside the text");
    FUZZ_CHECK(!d.code.empty() && d.code[0] == 'F', "fact diagnostics carry an F code");
  }
  std::string rendered = diags.ToString();
  FUZZ_CHECK(diags.empty() || !rendered.empty(), "diagnostics render to text");

  static const claimtrack::analyze::ClaimRecord record = Claim();
  static const claimtrack::analyze::ClaimKey key =
      claimtrack::analyze::BuildClaimKey(record, Keys());
  for (const auto& f : facts) {
    FUZZ_CHECK(!f.id.empty(), "a fact has an id");
    FUZZ_CHECK(f.source.rfind("http", 0) == 0, "a fact's source is a URL");
    FUZZ_CHECK(claimtrack::facts::DayOf(f.date).has_value(), "a fact's date is real");
    FUZZ_CHECK(f.tolerance >= 0 && f.tolerance < 1, "a tolerance is a share below 1");
    FUZZ_CHECK(f.value.has_value() != (f.low.has_value() && f.high.has_value()),
               "a value or a range");
    FUZZ_CHECK(!f.low || !f.high || *f.low <= *f.high, "a range is ordered");
    FUZZ_CHECK(!f.key.family.empty() && !f.key.concept_id.empty(), "a key names family, concept");
    auto s = claimtrack::facts::Compare(record, key, f, 0.1);
    FUZZ_CHECK(s.rating == "true" || s.rating == "mostly-true" || s.rating == "misleading" ||
                   s.rating == "false",
               "a suggestion is one of four ratings");
    FUZZ_CHECK(!s.arithmetic.empty(), "a suggestion shows its arithmetic");
  }
  return 0;
}
