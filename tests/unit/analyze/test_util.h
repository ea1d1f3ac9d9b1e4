#pragma once
// Helpers for the analysis tests: the shipped keys.yaml and hand-made claim records.

#include <catch2/catch.hpp>
#include <optional>
#include <string>
#include <vector>

#include "claimtrack/analyze/analyzer.h"
#include "claimtrack/analyze/claim_record.h"
#include "claimtrack/analyze/key_config.h"

namespace claimtrack::analyze::testing {

// rules/keys.yaml of the source tree, loaded once; fails the test when it has errors.
inline const KeyConfig& ShippedKeys() {
  static const std::optional<KeyConfig> config = [] {
    Diagnostics diags;
    auto c = LoadKeyConfig(std::string(CLAIMTRACK_SOURCE_DIR) + "/rules/keys.yaml", diags);
    if (!c) FAIL(diags.ToString());
    return c;
  }();
  return *config;
}

// A claim as the pipeline would store it. The figure is located in the sentence by search;
// the spans are set accordingly (sentence at offset 0 of the article text).
struct Rec {
  std::string id;
  std::string article;
  std::string sentence;
  std::string figure;  // as written; must occur in the sentence
  double value = 0;
  std::string type = "troops";
  std::string unit = "Soldat";
  QuantityKind kind = QuantityKind::kCount;
  Qualifier qualifier = Qualifier::kNone;
  Period period = Period::kNone;
  std::string speaker = "mark-rutte";
  std::string speaker_name = "Mark Rutte";
  AttributionMethod method = AttributionMethod::kReported;
  double confidence = 0.9;
  std::string outlet = "Alpha Zeitung";
  std::string date = "2025-12-03";
  std::optional<double> low, high;  // a range instead of a value
  std::string base;
  std::string subject;
};

inline ClaimRecord Make(const Rec& r) {
  ClaimRecord out;
  out.claim_id = r.id;
  out.article_id = r.article.empty() ? "art-" + r.id : r.article;
  out.outlet = r.outlet;
  out.url = "https://example.org/" + out.article_id;
  out.title = "Title " + out.article_id;
  out.date = r.date;
  Claim& c = out.claim;
  c.article_id = out.article_id;
  c.sentence = r.sentence;
  c.sentence_span = {0, r.sentence.size()};
  c.claim_type = r.type;
  c.rule_id = "test." + r.type;
  c.subject = r.subject;
  Quantity& q = c.quantity;
  q.kind = r.low || r.high ? QuantityKind::kRange : r.kind;
  if (!r.low && !r.high) q.value = r.value;
  q.low = r.low;
  q.high = r.high;
  q.qualifier = r.qualifier;
  q.unit = r.unit;
  q.period = r.period;
  q.base = r.base;
  q.text = r.figure;
  size_t at = r.sentence.find(r.figure);
  REQUIRE(at != std::string::npos);
  q.span = {at, at + r.figure.size()};
  Attribution& a = c.attribution;
  a.speaker_id = r.speaker;
  a.speaker_name = r.speaker_name;
  a.speaker_kind = r.speaker.rfind("narrator:", 0) == 0 ? "" : "person";
  a.method = r.method;
  a.confidence = r.confidence;
  return out;
}

inline std::vector<Finding> Run(const std::vector<Rec>& recs, AnalyzeOptions options = {}) {
  std::vector<ClaimRecord> records;
  for (const Rec& r : recs) records.push_back(Make(r));
  return Analyze(records, ShippedKeys(), options);
}

inline size_t CountType(const std::vector<Finding>& f, FindingType t) {
  size_t n = 0;
  for (const auto& x : f) n += x.type == t;
  return n;
}

}  // namespace claimtrack::analyze::testing
