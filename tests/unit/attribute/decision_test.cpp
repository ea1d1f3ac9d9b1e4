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

TEST_CASE("Konjunktiv carries the speaker into the next sentence, the indicative does not",
          "[attribute][decision]") {
  Attribution r =
      Decide("Eva Roth sagte, die Lage sei ernst. Es gebe 20 Lehrer zu wenig.", "20 Lehrer");
  CHECK(r.speaker_id == "name:Eva Roth");
  CHECK(r.method == AttributionMethod::kReported);
  Attribution ind =
      Decide("Eva Roth sagte, die Lage sei ernst. Im Jahr 2020 gab es 20 Lehrer an den Schulen.",
             "20 Lehrer");
  CHECK(ind.method == AttributionMethod::kNarrator);
}

TEST_CASE("German indirect speech runs on into the next paragraph, not further",
          "[attribute][decision]") {
  Attribution next =
      Decide("Eva Roth sagte, die Lage sei ernst.\n\nEs gebe 20 Lehrer zu wenig.", "20 Lehrer");
  CHECK(next.speaker_id == "name:Eva Roth");
  CHECK(next.method == AttributionMethod::kReported);
  Attribution indicative =
      Decide("Eva Roth sagte, die Lage sei ernst.\n\nIm Jahr 2020 gab es 20 Lehrer.", "20 Lehrer");
  CHECK(indicative.method == AttributionMethod::kNarrator);
  Attribution further = Decide(
      "Eva Roth sagte, die Lage sei ernst.\n\nDas Amt schweigt.\n\nEs gebe 20 Lehrer zu wenig.",
      "20 Lehrer");
  CHECK(further.method != AttributionMethod::kReported);
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

TEST_CASE("a back reference names the speaker of the sentence before", "[attribute][decision]") {
  Attribution r = Decide("Bei dem Unfall gab es 14 Tote. Dies teilte die Polizei mit.", "14 Tote");
  CHECK(r.speaker_id == "name:Polizei");
  CHECK(r.speaker_kind == "organisation");
}

}  // namespace
}  // namespace claimtrack::attribute
