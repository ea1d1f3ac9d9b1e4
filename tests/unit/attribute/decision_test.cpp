// Stage 5, the decision (attributor.cpp): which of the found quotes and cues owns a figure,
// in the order quote > same-sentence cue > Konjunktiv continuation > back reference >
// paragraph rule > narrator.

#include <catch2/catch.hpp>

#include "stage_util.h"
#include "test_util.h"

namespace claimtrack::attribute {
namespace {

using testing::AttributeFigure;

TEST_CASE("a figure without any cue is the narrator's", "[attribute][decision]") {
  Attributor attributor(nullptr);
  Article a = testing::German("Die Stadt spart 5 Millionen Euro.");
  Attribution r = AttributeFigure(attributor, a, "5 Millionen Euro");
  CHECK(r.method == AttributionMethod::kNarrator);
  CHECK(r.speaker_id == "narrator:Testblatt");
  CHECK(r.speaker_kind == "organisation");
}

TEST_CASE("a figure in a quote belongs to the quote's clause", "[attribute][decision]") {
  Attributor attributor(nullptr);
  Article a = testing::German("„Wir sparen 5 Millionen Euro“, sagte Eva Roth.");
  Attribution r = AttributeFigure(attributor, a, "5 Millionen Euro");
  CHECK(r.method == AttributionMethod::kQuote);
  CHECK(r.speaker_id == "name:Eva Roth");
  CHECK(r.speaker_kind == "person");
  CHECK(r.evidence == "sagte Eva Roth");
}

TEST_CASE("the nearest cue of the sentence wins over the narrator", "[attribute][decision]") {
  Attributor attributor(nullptr);
  Article a = testing::German("Laut Eva Roth fehlen 20 Lehrer, während Jan Berg 30 nannte.");
  CHECK(AttributeFigure(attributor, a, "20 Lehrer").speaker_id == "name:Eva Roth");
}

TEST_CASE("Konjunktiv carries the speaker into the next sentence, the indicative does not",
          "[attribute][decision]") {
  Attributor attributor(nullptr);
  Article konj = testing::German("Eva Roth sagte, die Lage sei ernst. Es gebe 20 Lehrer zu wenig.");
  Attribution r = AttributeFigure(attributor, konj, "20 Lehrer");
  CHECK(r.speaker_id == "name:Eva Roth");
  CHECK(r.method == AttributionMethod::kReported);
  Article ind = testing::German(
      "Eva Roth sagte, die Lage sei ernst. Im Jahr 2020 gab es 20 Lehrer an den Schulen.");
  CHECK(AttributeFigure(attributor, ind, "20 Lehrer").method == AttributionMethod::kNarrator);
}

TEST_CASE("a back reference names the speaker of the sentence before", "[attribute][decision]") {
  Attributor attributor(nullptr);
  Article a = testing::German("Bei dem Unfall gab es 14 Tote. Dies teilte die Polizei mit.");
  Attribution r = AttributeFigure(attributor, a, "14 Tote");
  CHECK(r.speaker_id == "name:Polizei");
  CHECK(r.speaker_kind == "organisation");
}

}  // namespace
}  // namespace claimtrack::attribute
