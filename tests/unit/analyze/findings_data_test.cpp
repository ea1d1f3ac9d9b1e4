// The finding rules on hand-made claim vectors (tests/data/analyze/findings.jsonl): one case
// per finding type and per trap that must stay silent.

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "test_util.h"

using namespace claimtrack;
using namespace claimtrack::analyze;
using namespace claimtrack::analyze::testing;

namespace {

const std::set<std::string> kClaimFields = {
    "id",      "article",      "sentence",     "figure",    "value",      "low",    "high",
    "type",    "unit",         "kind",         "qualifier", "period",     "base",   "subject",
    "speaker", "speaker_name", "speaker_kind", "method",    "confidence", "outlet", "date"};
const std::set<std::string> kCaseFields = {"name", "claims", "expect", "severity", "weak"};

ClaimRecord FromJson(const nlohmann::json& j, const std::string& where) {
  for (const auto& [k, v] : j.items()) {
    INFO(where);
    if (!kClaimFields.count(k)) FAIL("unknown claim field '" + k + "'");
  }
  Rec r;
  r.id = j.at("id");
  r.sentence = j.at("sentence");
  r.figure = j.at("figure");
  r.article = j.value("article", "");
  r.value = j.value("value", 0.0);
  if (j.contains("low")) r.low = j["low"].get<double>();
  if (j.contains("high")) r.high = j["high"].get<double>();
  r.type = j.value("type", r.type);
  r.unit = j.value("unit", r.unit);
  r.base = j.value("base", "");
  r.subject = j.value("subject", "");
  r.speaker = j.value("speaker", r.speaker);
  r.speaker_name = j.value("speaker_name", r.speaker_name);
  r.confidence = j.value("confidence", r.confidence);
  r.outlet = j.value("outlet", r.outlet);
  r.date = j.value("date", r.date);
  if (j.contains("kind")) REQUIRE(ParseQuantityKind(j["kind"].get<std::string>(), &r.kind));
  if (j.contains("qualifier"))
    REQUIRE(ParseQualifier(j["qualifier"].get<std::string>(), &r.qualifier));
  if (j.contains("period")) REQUIRE(ParsePeriod(j["period"].get<std::string>(), &r.period));
  if (j.contains("method"))
    REQUIRE(ParseAttributionMethod(j["method"].get<std::string>(), &r.method));
  ClaimRecord rec = Make(r);
  if (j.contains("speaker_kind")) rec.claim.attribution.speaker_kind = j["speaker_kind"];
  return rec;
}

}  // namespace

TEST_CASE("every case of findings.jsonl gives exactly the findings it expects", "[analyze]") {
  std::ifstream in(std::string(CLAIMTRACK_SOURCE_DIR) + "/tests/data/analyze/findings.jsonl");
  REQUIRE(in);
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    ++n;
    auto c = nlohmann::json::parse(line);
    const std::string name = c.at("name");
    INFO("case " << n << ": " << name);
    for (const auto& [k, v] : c.items()) {
      if (!kCaseFields.count(k)) FAIL("unknown case field '" + k + "'");
    }
    std::vector<ClaimRecord> records;
    for (const auto& cl : c.at("claims")) records.push_back(FromJson(cl, name));
    auto findings = Analyze(records, ShippedKeys());

    std::multiset<std::string> want, got;
    for (const auto& t : c.at("expect")) want.insert(t.get<std::string>());
    std::string explanations;
    for (const auto& f : findings) {
      got.insert(std::string(ToString(f.type)));
      explanations += "\n  " + std::string(ToString(f.type)) + ": " + f.explanation;
    }
    INFO("findings:" << explanations);
    CHECK(got == want);
    if (c.contains("severity") && !findings.empty()) {
      CHECK(ToString(findings[0].severity) == c["severity"].get<std::string>());
    }
    if (c.contains("weak") && !findings.empty()) {
      CHECK(findings[0].weak_attribution == c["weak"].get<bool>());
    }
    for (const auto& f : findings) {
      CHECK(f.claims.size() == 2);
      CHECK(!f.id.empty());
      CHECK(!f.explanation.empty());
      CHECK(!f.key.empty());
    }
  }
  CHECK(n >= 25);
}
