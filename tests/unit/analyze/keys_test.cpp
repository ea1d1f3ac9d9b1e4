// keys.yaml: the shipped file loads cleanly and its examples produce the keys they state;
// German and English claims meet in one key.

#include <catch2/catch.hpp>

#include "claimtrack/analyze/claim_key.h"
#include "test_util.h"

using namespace claimtrack;
using namespace claimtrack::analyze;
using namespace claimtrack::analyze::testing;

TEST_CASE("the shipped keys.yaml loads and every example gives its key", "[analyze]") {
  const KeyConfig& config = ShippedKeys();
  Diagnostics diags;
  size_t run = RunKeyExamples(config, diags);
  CHECK(run >= 15);
  CHECK(diags.ToString() == "");
}

TEST_CASE("German and English claims about the same thing meet in one key", "[analyze]") {
  Rec de{
      "de", "",
      "Die Verluste auf russischer Seite – laut ihm 20.000 Soldaten pro Monat – wirkten surreal.",
      "20.000", 20000};
  de.period = Period::kMonth;
  Rec en{"en", "", "Russian losses are 20,000 troops a month, Rutte said.", "20,000", 20000};
  en.type = "troop_losses";
  en.unit = "soldier";
  en.period = Period::kMonth;
  ClaimKey kd = BuildClaimKey(Make(de), ShippedKeys());
  ClaimKey ke = BuildClaimKey(Make(en), ShippedKeys());
  CHECK(kd.group == ke.group);
  CHECK(kd.group == "troops/soldier/month loss=losses");
  CHECK(kd.soft_tags == ke.soft_tags);
  CHECK(kd.Label() == "troops: soldier per month (loss: losses; side: russian)");

  Rec tote{"t", "", "Bei dem Erdbeben starben 71 Menschen.", "71", 71};
  tote.type = "casualties";
  tote.unit = "Tote";
  Rec dead{"d", "", "The earthquake left 71 dead.", "71", 71};
  dead.type = "casualties";
  dead.unit = "dead";
  CHECK(BuildClaimKey(Make(tote), ShippedKeys()).group ==
        BuildClaimKey(Make(dead), ShippedKeys()).group);
}

TEST_CASE("context and events keep apart what looks alike", "[analyze]") {
  auto key = [](const std::string& sentence, const std::string& figure, const std::string& type,
                const std::string& unit, QuantityKind kind = QuantityKind::kCount) {
    Rec r{"x", "", sentence, figure, 3};
    r.type = type;
    r.unit = unit;
    r.kind = kind;
    return BuildClaimKey(Make(r), ShippedKeys());
  };
  CHECK(
      key("Seit Kriegsbeginn sind 500.000 Soldaten gefallen.", "500.000", "troop_losses", "Soldat")
          .soft_tags == std::vector<std::string>{"measure=cumulative"});
  CHECK(key("Die Preise stiegen um 3 Prozent.", "3 Prozent", "percentage", "%",
            QuantityKind::kPercent)
            .hard_tags == std::vector<std::string>{"role=change"});
  CHECK(key("Die Preise lagen um 16 Uhr bei 3 Prozent.", "3 Prozent", "percentage", "%",
            QuantityKind::kPercent)
            .hard_tags.empty());
  CHECK(key("Das Beben in der Türkei forderte 71 Tote.", "71", "casualties", "Tote").events ==
        std::vector<std::string>{"turkey"});
  CHECK(key("Der Haushalt 2024 sieht 5 Milliarden Euro vor.", "5 Milliarden Euro", "money", "EUR",
            QuantityKind::kMoney)
            .years == std::vector<int>{2024});
  ClaimKey earlier = key("Am Montag hatte sie noch mindestens 14 Tote genannt.", "mindestens 14",
                         "casualties", "Tote");
  CHECK(earlier.reported_earlier);
  ClaimKey other = key("Der Pegel lag bei 5,8 Metern.", "5,8", "other", "Metern");
  CHECK_FALSE(other.usable);
  CHECK(other.why_not.find("not analysed") != std::string::npos);
}
