// keys.yaml loading: every mistake is reported at path:line:col with a K code (and a hint),
// all mistakes of a file at once; a loaded file is usable.

#include <catch2/catch.hpp>
#include <string>

#include "claimtrack/analyze/claim_key.h"
#include "claimtrack/analyze/key_config.h"

using namespace claimtrack;
using namespace claimtrack::analyze;

namespace {

const Diagnostic* Find(const Diagnostics& d, const std::string& code) {
  for (const auto& x : d.items()) {
    if (x.code == code) return &x;
  }
  return nullptr;
}

const char* kMinimal = R"(version: 1
concepts:
  soldier: [Soldaten, troops]
)";

}  // namespace

TEST_CASE("a minimal keys file loads and maps German and English to one concept", "[analyze]") {
  Diagnostics diags;
  auto config = ParseKeyConfig(kMinimal, "keys.yaml", diags);
  REQUIRE(config);
  CHECK(diags.empty());
  ClaimRecord de, en;
  de.claim.claim_type = en.claim.claim_type = "troops";
  de.claim.quantity.value = en.claim.quantity.value = 20000;
  de.claim.quantity.unit = "Soldaten";
  en.claim.quantity.unit = "troops";
  de.claim.sentence = "Es waren 20.000 Soldaten.";
  en.claim.sentence = "There were 20,000 troops.";
  CHECK(BuildClaimKey(de, *config).group == "troops/soldier");
  CHECK(BuildClaimKey(en, *config).group == "troops/soldier");
}

TEST_CASE("keys loader reports unknown keys with a did-you-mean hint", "[analyze]") {
  Diagnostics diags;
  auto config = ParseKeyConfig("version: 1\nconcepts:\n  soldier:\n    wrods: [Soldaten]\n",
                               "keys.yaml", diags);
  CHECK_FALSE(config);
  const Diagnostic* d = Find(diags, "K010");
  REQUIRE(d);
  CHECK(d->line == 4);
  CHECK(d->col == 5);
  CHECK(d->hint.find("did you mean 'words'") != std::string::npos);
  CHECK(FormatDiagnostic(*d).rfind("keys.yaml:4:5: error[K010]: unknown key 'wrods'", 0) == 0);
}

TEST_CASE("keys loader reports YAML problems as K00x at their position", "[analyze]") {
  SECTION("syntax") {
    Diagnostics diags;
    CHECK_FALSE(ParseKeyConfig("version: 1\nconcepts: [a\n", "k.yaml", diags));
    REQUIRE(Find(diags, "K003"));
    CHECK(Find(diags, "K003")->line >= 2);
  }
  SECTION("duplicate key") {
    Diagnostics diags;
    CHECK_FALSE(ParseKeyConfig("version: 1\nversion: 1\n", "k.yaml", diags));
    REQUIRE(Find(diags, "K006"));
    CHECK(Find(diags, "K006")->line == 2);
  }
  SECTION("anchors") {
    Diagnostics diags;
    CHECK_FALSE(
        ParseKeyConfig("version: 1\nstopwords: &a [der]\nevents:\n  x: *a\n", "k.yaml", diags));
    CHECK(Find(diags, "K005"));
  }
  SECTION("empty file") {
    Diagnostics diags;
    CHECK_FALSE(ParseKeyConfig("", "k.yaml", diags));
    CHECK(Find(diags, "K002"));
  }
  SECTION("missing file") {
    Diagnostics diags;
    CHECK_FALSE(LoadKeyConfig("/nonexistent/keys.yaml", diags));
    CHECK(Find(diags, "K001"));
  }
}

TEST_CASE("keys loader reports wrong shapes, bad values and missing parts", "[analyze]") {
  Diagnostics diags;
  auto config = ParseKeyConfig(R"(version: 2
defaults:
  tolerance: lots
  window_days: -3
claim_types:
  Troops: {family: troops}
  money: {analyse: maybe}
concepts:
  soldier: {cumulative: true}
  death: {words: {a: b}}
context:
  side:
    match: sometimes
    values:
      russian: [Russland]
)",
                               "keys.yaml", diags);
  CHECK_FALSE(config);
  auto at = [&](const std::string& code, int line) {
    for (const auto& d : diags.items()) {
      if (d.code == code && d.line == line) return true;
    }
    return false;
  };
  CHECK(at("K014", 1));   // version must be 1
  CHECK(at("K014", 3));   // tolerance not a number
  CHECK(at("K014", 4));   // window_days negative
  CHECK(at("K014", 6));   // claim type id not lower case
  CHECK(at("K014", 7));   // analyse not a boolean
  CHECK(at("K011", 9));   // concept without words
  CHECK(at("K012", 10));  // concept neither list nor map
  CHECK(at("K014", 13));  // match neither hard nor soft
}

TEST_CASE("keys loader rejects a word that stands for two things", "[analyze]") {
  Diagnostics diags;
  auto config = ParseKeyConfig(R"(version: 1
concepts:
  soldier: [Soldaten, troops]
  people: [Menschen, Troops]
)",
                               "keys.yaml", diags);
  CHECK_FALSE(config);
  const Diagnostic* d = Find(diags, "K013");
  REQUIRE(d);
  CHECK(d->line == 4);
  CHECK(d->message.find("'soldier' (line 3)") != std::string::npos);
}

TEST_CASE("keys loader checks cue syntax and references to context values", "[analyze]") {
  Diagnostics diags;
  auto config = ParseKeyConfig(R"(version: 1
claim_types:
  troop_losses: {tags: {los: losses}}
  pledge: {tags: {stage: pledged}}
context:
  stage:
    match: hard
    values:
      pledge: ['zugesagt*', '... bereit', '*hilfe*', 'um {n} {n}']
)",
                               "keys.yaml", diags);
  CHECK_FALSE(config);
  size_t bad_cues = 0;
  for (const auto& d : diags.items()) bad_cues += d.code == "K016";
  CHECK(bad_cues == 3);
  bool dim = false, value = false;
  for (const auto& d : diags.items()) {
    if (d.code == "K015" && d.line == 3)
      dim = d.hint.find("did you mean 'loss'") == std::string::npos;
    if (d.code == "K015" && d.line == 4)
      value = d.hint.find("did you mean 'pledge'") != std::string::npos;
  }
  CHECK(dim);
  CHECK(value);
}

TEST_CASE("a key example that no longer holds fails at its line", "[analyze]") {
  Diagnostics diags;
  auto config = ParseKeyConfig(R"(version: 1
concepts:
  soldier: [Soldaten]
examples:
  - sentence: 'Es waren 20.000 Soldaten.'
    figure: '20.000'
    claim_type: troops
    unit: Soldaten
    key: 'troops/soldier'
  - sentence: 'Es waren 20.000 Soldaten.'
    figure: '20.000'
    claim_type: troops
    unit: Soldaten
    key: 'troops/troop'
  - sentence: 'Es waren 20.000 Soldaten.'
    figure: '30.000'
    claim_type: troops
    period: fortnight
    key: 'x'
)",
                               "keys.yaml", diags);
  CHECK_FALSE(config);  // the third example has bad fields
  CHECK(Find(diags, "K031"));

  Diagnostics ok_diags;
  auto config2 = ParseKeyConfig(R"(version: 1
concepts:
  soldier: [Soldaten]
examples:
  - sentence: 'Es waren 20.000 Soldaten.'
    figure: '20.000'
    claim_type: troops
    unit: Soldaten
    key: 'troops/soldier'
  - sentence: 'Es waren 20.000 Soldaten.'
    figure: '20.000'
    claim_type: troops
    unit: Soldaten
    key: 'troops/troop'
)",
                                "keys.yaml", ok_diags);
  REQUIRE(config2);
  Diagnostics run;
  CHECK(RunKeyExamples(*config2, run) == 2);
  REQUIRE(run.ErrorCount() == 1);
  CHECK(run.items()[0].code == "K030");
  CHECK(run.items()[0].line == 10);
  CHECK(run.items()[0].message.find("expected 'troops/troop'") != std::string::npos);
}
