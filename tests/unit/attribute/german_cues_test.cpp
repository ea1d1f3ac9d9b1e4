// German reporting constructions without a plain "verb + subject" (german_cues.h): the
// tokenizer keeping numbers whole, separable verbs across appositions, "nach" + source
// noun, "heißt es", "geht aus … hervor", "geht davon aus" and back references ("Dies teilte
// … mit"). Invented sentences; each case states the speaker a reader would name.

#include <catch2/catch.hpp>

#include "claimtrack/attribute/tokens.h"
#include "test_util.h"

namespace claimtrack::attribute {
namespace {

using testing::German;

struct Case {
  const char* text;
  const char* figure;
  const char* speaker_id;  // "unknown" for a reported figure without a named source
  AttributionMethod method;
};

void Check(const Case& c) {
  Attributor attributor(testing::ShippedTable());
  Article a = German(c.text);
  Attribution got = testing::AttributeFigure(attributor, a, c.figure);
  INFO(c.text);
  CHECK(got.speaker_id == c.speaker_id);
  CHECK(got.method == c.method);
}

TEST_CASE("numbers with separators are one token", "[attribute]") {
  std::string text = "Es waren 77,7 Prozent und 10.000 Gäste, dann 3 Busse.";
  auto toks = Tokenize(text, 0, text.size());
  std::vector<std::string> words;
  for (const auto& t : toks) words.push_back(t.low);
  CHECK(words == std::vector<std::string>{"es", "waren", "77,7", "prozent", "und", "10.000",
                                          "gäste", ",", "dann", "3", "busse", "."});
}

TEST_CASE("a separable verb finds its particle past a decimal comma and an apposition",
          "[attribute]") {
  Check({"Am Abend gab die Wahlleiterin Petra Kolb eine Beteiligung von 61,4 Prozent bekannt.",
         "61,4 Prozent", "name:Petra Kolb", AttributionMethod::kReported});
  Check(
      {"Am Freitag gab der Leiter des Bauamts, Jens Albrecht, bekannt, dass 17 Brücken "
       "gesperrt seien.",
       "17 Brücken", "name:Jens Albrecht", AttributionMethod::kReported});
  // A comma that opens a new clause still ends the search: "gab" here is no report.
  Check({"Der Verein gab 40 Decken aus, die Spender bekannt gemacht hatten.", "40 Decken",
         "narrator:Testblatt", AttributionMethod::kNarrator});
}

TEST_CASE("nach + source noun is a source, with its owner as speaker", "[attribute]") {
  Check({"Nach Schätzung der Feuerwehr sind rund 300 Keller überflutet.", "rund 300 Keller",
         "name:Feuerwehr", AttributionMethod::kReported});
  Check({"Nach einer Mitteilung des Landesamts kamen 12 Menschen ums Leben.", "12 Menschen",
         "name:Landesamt", AttributionMethod::kReported});
  // Unnamed sources keep no speaker, but are no narrator either.
  Check({"Nach Polizeiangaben wurden 45 Fahrzeuge beschädigt.", "45 Fahrzeuge", "unknown",
         AttributionMethod::kNone});
  Check({"Nach dem vorläufigen amtlichen Endergebnis erhielt die Liste 38 Prozent.", "38 Prozent",
         "unknown", AttributionMethod::kNone});
  // "nach" in time or place is no source.
  Check({"Nach dem Spiel feierten 5.000 Fans in der Altstadt.", "5.000 Fans", "narrator:Testblatt",
         AttributionMethod::kNarrator});
}

TEST_CASE("impersonal 'heißt es' reports without naming unless the source is a body",
          "[attribute]") {
  Check({"Im Jahresbericht heißt es, dass 14 Projekte gestoppt wurden.", "14 Projekte", "unknown",
         AttributionMethod::kNone});
  Check({"In einer Erklärung der Stadtverwaltung hieß es, 230 Wohnungen stünden leer.",
         "230 Wohnungen", "name:Stadtverwaltung", AttributionMethod::kReported});
}

TEST_CASE("'geht davon aus' reports, 'geht aus X hervor' names X", "[attribute]") {
  Check({"Die Feuerwehr geht davon aus, dass 60 Häuser unbewohnbar sind.", "60 Häuser",
         "name:Feuerwehr", AttributionMethod::kReported});
  Check({"Aus dem Saal gingen 60 Gäste nach Hause.", "60 Gäste", "narrator:Testblatt",
         AttributionMethod::kNarrator});
  Check(
      {"Im Winter starben 26 Wildtiere. Dies geht aus einem Bericht der Forstverwaltung "
       "hervor.",
       "26 Wildtiere", "name:Forstverwaltung", AttributionMethod::kReported});
}

TEST_CASE("a back reference gives the sentences before it their speaker", "[attribute]") {
  Check({"Der Umsatz stieg auf 48 Millionen Euro. Dies teilte Karin Lenz am Montag mit.",
         "48 Millionen Euro", "name:Karin Lenz", AttributionMethod::kReported});
  Check(
      {"Im Kreis gibt es 1.200 Arbeitslose. Im Nachbarkreis sind es 900. Diese Zahlen nannte "
       "die Arbeitsagentur am Dienstag.",
       "1.200 Arbeitslose", "name:Arbeitsagentur", AttributionMethod::kReported});
  // "Dies" reaches one sentence only; a paragraph break ends it too.
  Check({"Im Kreis gibt es 1.200 Arbeitslose. Im Nachbarkreis sind es 900. Dies sagte Karin Lenz.",
         "1.200 Arbeitslose", "narrator:Testblatt", AttributionMethod::kNarrator});
  Check({"Der Umsatz stieg auf 48 Millionen Euro.\n\nDies teilte Karin Lenz mit.",
         "48 Millionen Euro", "narrator:Testblatt", AttributionMethod::kNarrator});
}

}  // namespace
}  // namespace claimtrack::attribute

namespace claimtrack::attribute {
namespace {

TEST_CASE("'laut' always reports: agencies, acronyms, distant source nouns, unnamed",
          "[attribute]") {
  Check({"Laut dpa wurden 30 Wohnungen geräumt.", "30 Wohnungen", "dpa",
         AttributionMethod::kReported});
  Check({"Laut WHO erkranken jährlich 50 Millionen Menschen.", "50 Millionen Menschen", "name:WHO",
         AttributionMethod::kReported});
  Check({"Laut einer am Montag veröffentlichten Mitteilung des Landesamts fehlen 400 Lehrer.",
         "400 Lehrer", "name:Landesamt", AttributionMethod::kReported});
  Check({"Laut aktueller Statistik kamen 2.300 Besucher.", "2.300 Besucher", "unknown",
         AttributionMethod::kNone});
  Check({"Afghanischen Behörden zufolge starben 17 Menschen.", "17 Menschen", "unknown",
         AttributionMethod::kNone});
}

TEST_CASE("a 'wie' clause reaches its verb past an apposition and a separable particle",
          "[attribute]") {
  Check({"Wie Eva Roth, Sprecherin des Amts, am Montag mitteilte, sind 90 Stellen frei.",
         "90 Stellen", "name:Eva Roth", AttributionMethod::kReported});
  Check({"Wie die Firma Kessler am Morgen bekannt gab, fallen 120 Stellen weg.", "120 Stellen",
         "name:Firma Kessler",  // kept whole, like "Digitalverband Bitkom"
         AttributionMethod::kReported});
  Check({"Das Werk erhalte, wie es auf einer Versammlung am Montag hieß, 3 Millionen Euro.",
         "3 Millionen Euro", "unknown", AttributionMethod::kNone});
}

TEST_CASE("an infinitive with 'zu' is no reporting verb", "[attribute]") {
  Check({"Bei 400 Fällen ist von einer Welle zu sprechen.", "400 Fällen", "narrator:Testblatt",
         AttributionMethod::kNarrator});
}

TEST_CASE("a separable particle is found after a closed apposition", "[attribute]") {
  Check({"Die Zahl von 75 Schulen stellte die Leiterin, Hanna Pohl, am Dienstag vor.", "75 Schulen",
         "name:Hanna Pohl", AttributionMethod::kReported});
}

}  // namespace
}  // namespace claimtrack::attribute

namespace claimtrack::attribute {
namespace {

TEST_CASE("papers and boards ending in -zeitung or -direktion are bodies, not sources",
          "[attribute]") {
  Check({"Gemäß der Netzzeitung kamen 40 Menschen ums Leben.", "40 Menschen", "name:Netzzeitung",
         AttributionMethod::kReported});
  Check({"Laut Schuldirektion fallen 12 Stunden aus.", "12 Stunden", "name:Schuldirektion",
         AttributionMethod::kReported});
}

TEST_CASE("a source noun owned by a place and 'bei X hieß es' name the body", "[attribute]") {
  Check({"Nach Angaben aus Kiew wurden 22 Soldaten getötet.", "22 Soldaten", "name:Kiew",
         AttributionMethod::kReported});
  Check({"Bei der Agentur Nordpress hieß es, dass 14 Häuser brannten.", "14 Häuser",
         "name:Agentur Nordpress", AttributionMethod::kReported});
}

}  // namespace
}  // namespace claimtrack::attribute

namespace claimtrack::attribute {
namespace {

TEST_CASE("a capitalised adjective before a source noun keeps the source unnamed", "[attribute]") {
  Check({"Andere Quellen berichten von rund 25 Verletzten.", "rund 25 Verletzten", "unknown",
         AttributionMethod::kNone});
  Check({"Offizielle Angaben nannten 300 Vermisste.", "300 Vermisste", "unknown",
         AttributionMethod::kNone});
  // A demonstrative is no adjective: "Diese Zahlen nannte …" still names the speaker.
  Check({"Es gibt 1.200 Arbeitslose. Diese Zahlen nannte die Arbeitsagentur.", "1.200 Arbeitslose",
         "name:Arbeitsagentur", AttributionMethod::kReported});
}

TEST_CASE("a wie clause allows eight words after a long apposition", "[attribute]") {
  Check(
      {"Wie Eva Roth, Sprecherin des Amts für Wasser in Kassel, am Montag in Fulda "
       "mitteilte, sind 90 Brunnen trocken.",
       "90 Brunnen", "name:Eva Roth", AttributionMethod::kReported});
}

}  // namespace
}  // namespace claimtrack::attribute

namespace claimtrack::attribute {
namespace {

TEST_CASE("a source noun's owner is a genitive or follows von/aus, never the clause's subject",
          "[attribute]") {
  Check({"Nach vorläufigen Berechnungen erreichte die Höhe der Spenden 53.000 Euro.", "53.000 Euro",
         "unknown", AttributionMethod::kNone});
  Check({"Nach Angaben Petrovs wurden 45 Menschen festgenommen.", "45 Menschen", "name:Petrovs",
         AttributionMethod::kReported});
}

}  // namespace
}  // namespace claimtrack::attribute

namespace claimtrack::attribute {
namespace {

TEST_CASE("an unnamed source after the verb makes the figure reported without a speaker",
          "[attribute]") {
  Check({"In etwa zehn Jahren, so schätzen die Forscher, sei die Arbeit getan.", "etwa zehn Jahren",
         "unknown", AttributionMethod::kNone});
  Check({"Am Abend berichteten Augenzeugen von 30 Verletzten.", "30 Verletzten", "unknown",
         AttributionMethod::kNone});
}

}  // namespace
}  // namespace claimtrack::attribute

namespace claimtrack::attribute {
namespace {

TEST_CASE("a sentence-initial 'Das' before a reporting verb is a pronoun, not an article",
          "[attribute]") {
  Check({"Die Tournee brachte 80 Millionen Euro ein. Das berichtete die Zeitschrift „Bühne“.",
         "80 Millionen Euro", "name:Bühne", AttributionMethod::kReported});
  // With a noun after the form it stays a participle: no report.
  Check({"Das versicherte Haus kostete 300.000 Euro.", "300.000 Euro", "narrator:Testblatt",
         AttributionMethod::kNarrator});
}

}  // namespace
}  // namespace claimtrack::attribute
