// Extraction end to end (rules + normalizer + sentences) on the seed article and on
// constructed texts; the shipped rules' own examples run as a test too.

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "claimtrack/extract/extractor.h"
#include "claimtrack/text/sentences.h"

using namespace claimtrack;

namespace {

std::shared_ptr<const rules::RuleSet> ShippedRules() {
  static std::shared_ptr<const rules::RuleSet> set = [] {
    Diagnostics d;
    auto s = rules::LoadRuleSet({std::string(CLAIMTRACK_SOURCE_DIR) + "/rules"}, d);
    if (!s) FAIL(d.ToString());
    return s;
  }();
  return set;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

std::vector<Claim> ExtractArticle(const std::string& text, std::string lang) {
  Article a;
  a.id = "t";
  a.lang = std::move(lang);
  a.text = text;
  extract::Extractor ex(ShippedRules());
  return ex.Extract(a, text::SplitSentences(a.text, a.lang));
}

}  // namespace

TEST_CASE("the seed article yields its checkable figures and not the single metre",
          "[extract][seed]") {
  std::string text =
      ReadFile(std::string(CLAIMTRACK_SOURCE_DIR) + "/tests/data/seed/rutte-nato-2025.txt");
  REQUIRE(!text.empty());
  auto claims = ExtractArticle(text, "de");
  int soldiers = 0, dollars = 0, shares = 0;
  for (const auto& c : claims) {
    const Quantity& q = c.quantity;
    // Spans point into the article text.
    CHECK(text.substr(q.span.begin, q.span.size()) == q.text);
    CHECK(c.sentence.find(q.text) != std::string::npos);
    CHECK(q.text.find("Meter") == std::string::npos);
    if (q.kind == QuantityKind::kCount && q.value == 20000) {
      ++soldiers;
      CHECK(q.period == Period::kMonth);
      CHECK(q.unit == "Soldat");
      CHECK(c.claim_type == "troops");
    }
    if (q.kind == QuantityKind::kMoney && q.unit == "USD" && q.value == 5e9) ++dollars;
    if (q.kind == QuantityKind::kFraction && q.value && std::abs(*q.value - 2.0 / 3) < 1e-9) {
      ++shares;
      CHECK((q.base == "Mitglieder" || q.base == "NATO-Staaten"));
      CHECK(c.claim_type == "share");
    }
  }
  CHECK(soldiers == 1);
  CHECK(dollars == 2);
  CHECK(shares == 2);
  for (const auto& c : claims) {
    INFO(c.quantity.text);
    CHECK(c.sentence.find("einzelnen Meter") == std::string::npos);
  }
}

TEST_CASE("one figure claimed by several rules becomes one claim, the higher priority wins",
          "[extract]") {
  auto claims =
      ExtractArticle("Die zugesagten fünf Milliarden Dollar für die Ukraine müssen stehen.", "de");
  REQUIRE(claims.size() == 1);
  CHECK(claims[0].rule_id == "de.money.pledge");  // priority 20 beats de.money.amount (0)
  CHECK(claims[0].claim_type == "pledge");
}

TEST_CASE("claims carry sentence index and spans into the article", "[extract]") {
  std::string text = "Erster Satz ohne Zahl. Dann kamen rund 500 Soldaten hinzu.\n\nNeuer Absatz.";
  auto claims = ExtractArticle(text, "de");
  REQUIRE(claims.size() == 1);
  const Claim& c = claims[0];
  CHECK(c.sentence_index == 1);
  CHECK(c.quantity.text == "rund 500");
  CHECK(c.quantity.qualifier == Qualifier::kApprox);
  CHECK(text.substr(c.sentence_span.begin, c.sentence_span.size()) ==
        "Dann kamen rund 500 Soldaten hinzu.");
}

TEST_CASE("empty and figure-free texts yield no claims", "[extract]") {
  CHECK(ExtractArticle("", "de").empty());
  CHECK(ExtractArticle("Wir dürfen nicht mal einen einzelnen Meter preisgeben.", "de").empty());
}

TEST_CASE("every example of every shipped rule passes", "[extract][rules]") {
  extract::Extractor ex(ShippedRules());
  auto results = extract::RunExamples(ex);
  CHECK(results.size() >= 20);
  for (const auto& r : results) {
    INFO(ShippedRules()->rules()[r.rule].id << " line " << r.line << ": " << r.text << " -> "
                                            << r.detail);
    CHECK(r.passed);
  }
}
