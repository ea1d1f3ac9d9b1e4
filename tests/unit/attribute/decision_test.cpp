// Stage 5, the decision (attributor.cpp): which of the found quotes and cues owns a figure,
// in the order quote > same-sentence cue > Konjunktiv continuation > back reference >
// paragraph rule > narrator.

#include <catch2/catch.hpp>

#include "stage_util.h"
#include "test_util.h"

namespace claimtrack::attribute {
namespace {

// The attribution of `figure` in a German article of the outlet "Testblatt" (no table).
Attribution Decide(const std::string& text, const std::string& figure) {
  static const Attributor attributor(nullptr);
  return testing::AttributeFigure(attributor, testing::German(text), figure);
}

TEST_CASE("a figure without any cue is the narrator's", "[attribute][decision]") {
  Attribution r = Decide("Die Stadt spart 5 Millionen Euro.", "5 Millionen Euro");
  CHECK(r.method == AttributionMethod::kNarrator);
  CHECK(r.speaker_id == "narrator:Testblatt");
  CHECK(r.speaker_kind == "organisation");
}

TEST_CASE("a figure in a quote belongs to the quote's clause", "[attribute][decision]") {
  Attribution r = Decide("„Wir sparen 5 Millionen Euro“, sagte Eva Roth.", "5 Millionen Euro");
  CHECK(r.method == AttributionMethod::kQuote);
  CHECK(r.speaker_id == "name:Eva Roth");
  CHECK(r.speaker_kind == "person");
  CHECK(r.evidence == "sagte Eva Roth");
}

TEST_CASE("the nearest cue of the sentence wins over the narrator", "[attribute][decision]") {
  Attribution r =
      Decide("Laut Eva Roth fehlen 20 Lehrer, während Jan Berg 30 nannte.", "20 Lehrer");
  CHECK(r.speaker_id == "name:Eva Roth");
  CHECK(r.method == AttributionMethod::kReported);
}

TEST_CASE("Konjunktiv carries the speaker on: the next sentence and (German) paragraph",
          "[attribute][decision]") {
  struct Case {
    const char* text;
    bool carried;
  };
  const Case cases[] = {
      {"Eva Roth sagte, die Lage sei ernst. Es gebe 20 Lehrer zu wenig.", true},
      {"Eva Roth sagte, die Lage sei ernst. Im Jahr 2020 gab es 20 Lehrer an den Schulen.", false},
      {"Eva Roth sagte, die Lage sei ernst.\n\nEs gebe 20 Lehrer zu wenig.", true},
      {"Eva Roth sagte, die Lage sei ernst.\n\nIm Jahr 2020 gab es 20 Lehrer.", false},
      {"Eva Roth sagte, die Lage sei ernst.\n\nDas Amt schweigt.\n\nEs gebe 20 Lehrer zu wenig.",
       false},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    Attribution r = Decide(c.text, "20 Lehrer");
    if (c.carried) {
      CHECK(r.speaker_id == "name:Eva Roth");
      CHECK(r.method == AttributionMethod::kReported);
    } else {
      CHECK(r.method != AttributionMethod::kReported);
    }
  }
}

TEST_CASE("reportive sollen carries the speaker on like Konjunktiv", "[attribute][decision]") {
  Attribution r =
      Decide("Laut Polizei gab es einen Anschlag. Rund 800 Menschen sollen verletzt worden sein.",
             "Rund 800");
  CHECK(r.speaker_id == "name:Polizei");
  CHECK(r.method == AttributionMethod::kReported);
  Attribution plan = Decide(
      "Laut Polizei gab es einen Anschlag. Bis 2020 sollen 90 neue Stellen entstehen.", "90");
  CHECK(plan.method == AttributionMethod::kNarrator);
}

TEST_CASE("a wie clause with a present-tense verb names its speaker", "[attribute][decision]") {
  Attribution r = Decide(
      "Wie die Feuerwehr mitteilt, wurde die Leiche in 204 Metern Tiefe gefunden.", "204 Metern");
  CHECK(r.method == AttributionMethod::kReported);
  CHECK(r.speaker_name == "Feuerwehr");
}

TEST_CASE("a back reference names the speaker of the sentence before", "[attribute][decision]") {
  Attribution r = Decide("Bei dem Unfall gab es 14 Tote. Dies teilte die Polizei mit.", "14 Tote");
  CHECK(r.speaker_id == "name:Polizei");
  CHECK(r.speaker_kind == "organisation");
}

}  // namespace
}  // namespace claimtrack::attribute
