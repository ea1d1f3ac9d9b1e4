// The examples of keys.yaml run as tests: each example sentence, read as the normalizer would
// give it, must produce exactly the key the example states.

#include <fmt/format.h>

#include "claimtrack/analyze/claim_key.h"
#include "claimtrack/analyze/key_config.h"

namespace claimtrack::analyze {

size_t RunKeyExamples(const KeyConfig& config, Diagnostics& diags) {
  size_t run = 0;
  for (const KeyExample& ex : config.data().examples) {
    ClaimRecord r;
    r.claim_id = fmt::format("example:{}", ex.line);
    r.article_id = r.claim_id;
    Claim& c = r.claim;
    c.sentence = ex.sentence;
    c.claim_type = ex.claim_type;
    c.subject = ex.subject;
    Quantity& q = c.quantity;
    ParseQuantityKind(ex.kind, &q.kind);
    if (!ex.period.empty()) ParsePeriod(ex.period, &q.period);
    if (!ex.qualifier.empty()) ParseQualifier(ex.qualifier, &q.qualifier);
    q.value = ex.value;
    q.unit = ex.unit;
    q.base = ex.base;
    q.text = ex.figure;
    ClaimKey key = BuildClaimKey(r, config);
    ++run;
    std::string got = key.usable ? key.ToString() : "(not usable: " + key.why_not + ")";
    if (got != ex.key) {
      diags.Error(config.data().path, ex.line, ex.col, "K030",
                  fmt::format("example gives key '{}', expected '{}'", got, ex.key),
                  "fix the words or cues in keys.yaml, or the example's 'key'");
    }
  }
  return run;
}

}  // namespace claimtrack::analyze
