// German subjects that are more than a name: a head with genitive or prepositional phrases
// before the verb ("Der Verband der Obstbauern aus Tirol schätzt …") and names in quotation
// marks ("die Zeitung „Nordkurier“ berichtet"). Invented sentences.

#include <catch2/catch.hpp>

#include "test_util.h"

namespace claimtrack::attribute {
namespace {

using testing::German;

Attribution Attr(const std::string& text, const std::string& figure) {
  Attributor attributor(testing::ShippedTable());
  Article a = German(text);
  return testing::AttributeFigure(attributor, a, figure);
}

TEST_CASE("a subject head with genitive and prepositional phrases is the speaker", "[attribute]") {
  Attribution r = Attr(
      "Der Verband der Obstbauern aus Tirol und Vorarlberg schätzt den Schaden auf "
      "rund 40 Millionen Euro.",
      "rund 40 Millionen Euro");
  CHECK(r.speaker_id == "name:Verband");
  CHECK(r.method == AttributionMethod::kReported);
  r = Attr("Lena Vogt von der Initiative Grüne Höfe sagte, es seien 300 Betriebe betroffen.",
           "300 Betriebe");
  CHECK(r.speaker_id == "name:Lena Vogt");
  CHECK(r.method == AttributionMethod::kReported);
}

TEST_CASE("a relative clause or a passive is no subject with postmodifiers", "[attribute]") {
  // "die" after a comma opens a relative clause; "gefordert" there is no report.
  Attribution r = Attr(
      "Es ist die jüngste Tat einer Serie, die durch Mitglieder von Banden verübt wird und "
      "schon 17 Opfer gefordert hat.",
      "17 Opfer");
  CHECK(r.method == AttributionMethod::kNarrator);
}

TEST_CASE("a name in quotation marks is a body that can speak", "[attribute]") {
  Attribution r = Attr("Die Zeitung „Nordkurier“ berichtet, dass 12 Schulen geschlossen bleiben.",
                       "12 Schulen");
  CHECK(r.speaker_id == "name:Nordkurier");
  CHECK(r.speaker_kind == "organisation");
  r = Attr("„Radio Tauernwelle“ hatte am Montag berichtet, 80 Hütten seien ohne Strom.",
           "80 Hütten");
  CHECK(r.speaker_id == "name:Radio Tauernwelle");
  CHECK(r.method == AttributionMethod::kReported);
  // A direct quote after the verb is no name: the speaker is the subject.
  r = Attr("Der Bürgermeister sagte: „Wir brauchen 50 neue Wohnungen.“", "50 neue Wohnungen");
  CHECK(r.speaker_id != "name:Wir brauchen");
}

}  // namespace
}  // namespace claimtrack::attribute
