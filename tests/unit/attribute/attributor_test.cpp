// Attributor behaviour beyond the data files: pronoun gender, evidence spans, names
// without a table, robustness against odd claims and input, thread-safety and linear cost.

#include <catch2/catch.hpp>
#include <random>
#include <thread>

#include "test_util.h"

namespace claimtrack::attribute {
namespace {

using testing::MakeArticle;

TEST_CASE("pronouns follow the gender in the speakers table", "[attribute]") {
  Attributor attributor(testing::ShippedTable());
  const std::string text =
      "Annalena Baerbock und Boris Pistorius reisten nach Kiew. Baerbock sagte, man helfe. "
      "Pistorius erklärte, man liefere. Sie betonte, es gehe um 500 Millionen Euro. "
      "Er fügte hinzu, 30 Panzer seien unterwegs.";
  Article a = MakeArticle(text, "de", "2023-05-01");
  Attribution she = testing::AttributeFigure(attributor, a, "500 Millionen Euro");
  CHECK(she.speaker_id == "annalena-baerbock");
  CHECK(she.evidence == "Sie betonte");
  Attribution he = testing::AttributeFigure(attributor, a, "30 Panzer");
  CHECK(he.speaker_id == "boris-pistorius");
  CHECK(he.evidence == "Er fügte");
}

TEST_CASE("English she/he skip speakers of the other gender", "[attribute]") {
  Attributor attributor(testing::ShippedTable());
  Article a = MakeArticle(
      "Kaja Kallas met Sergei Lavrov's deputy. Lavrov said talks were useless. "
      "She said 19 packages were ready.",
      "en");
  Attribution r = testing::AttributeFigure(attributor, a, "19 packages");
  CHECK(r.speaker_id == "kaja-kallas");
  CHECK(r.method == AttributionMethod::kReported);
  CHECK(r.confidence == Approx(0.75));
}

TEST_CASE("the cue span points at the evidence in the article text", "[attribute]") {
  Attributor attributor(testing::ShippedTable());
  Article a = MakeArticle("Die Verluste liegen laut Selenskyj bei 1.000 Soldaten täglich.");
  Attribution r = testing::AttributeFigure(attributor, a, "1.000 Soldaten");
  CHECK(r.evidence == "laut Selenskyj");
  CHECK(a.text.substr(r.cue.begin, r.cue.size()) == r.evidence);
  CHECK(r.speaker_name == "Wolodymyr Selenskyj");
  CHECK(r.speaker_kind == "person");
}

TEST_CASE("without a table names are kept as written and surnames normalised", "[attribute]") {
  Attributor attributor(nullptr);
  Article a =
      MakeArticle("NATO-Generalsekretär Mark Rutte war in Brüssel. Laut Rutte fehlen 49 Brigaden.");
  Attribution r = testing::AttributeFigure(attributor, a, "49 Brigaden");
  CHECK(r.speaker_id == "name:Mark Rutte");
  CHECK(r.speaker_name == "Mark Rutte");
  CHECK(r.speaker_kind == "person");
  Article org =
      MakeArticle("Das Verteidigungsministerium teilte mit, 20 Drohnen seien abgeschossen.");
  Attribution o = testing::AttributeFigure(attributor, org, "20 Drohnen");
  CHECK(o.speaker_id == "name:Verteidigungsministerium");
  CHECK(o.speaker_kind == "organisation");
}

TEST_CASE("narrator ids name the outlet, else the author", "[attribute]") {
  Attributor attributor(testing::ShippedTable());
  Article a = MakeArticle("Die Ukraine hat 38 Millionen Einwohner.");
  a.outlet = "Der Standard";
  a.author = "Anna Huber";
  Attribution r = testing::AttributeFigure(attributor, a, "38 Millionen");
  CHECK(r.speaker_id == "narrator:Der Standard");
  CHECK(r.speaker_kind == "organisation");
  CHECK(r.method == AttributionMethod::kNarrator);
  a.outlet.clear();
  r = testing::AttributeFigure(attributor, a, "38 Millionen");
  CHECK(r.speaker_id == "narrator:Anna Huber");
  CHECK(r.speaker_kind == "person");
}

TEST_CASE("claims with bad sentence indices or spans are still handled", "[attribute]") {
  Attributor attributor(testing::ShippedTable());
  Article a = MakeArticle("Laut Selenskyj sind 10.000 Zivilisten getötet worden. Mehr nicht.");
  auto sentences = text::SplitSentences(a.text, a.lang);
  std::vector<Claim> claims(4);
  size_t pos = a.text.find("10.000");
  claims[0].quantity.span = Span{pos, pos + 6};
  claims[0].sentence_index = 99;  // wrong index: found by span
  claims[1].quantity.span = Span{a.text.size() + 10, a.text.size() + 20};  // beyond the text
  claims[1].sentence_index = -5;
  claims[2].quantity.span = Span{pos, pos + 6};
  claims[2].sentence_index = 1;  // points at another sentence: corrected by span
  claims[3].quantity.span = Span{0, 0};
  attributor.Attribute(a, sentences, claims);
  CHECK(claims[0].attribution.speaker_id == "volodymyr-zelensky");
  CHECK(claims[2].attribution.speaker_id == "volodymyr-zelensky");
  for (const auto& c : claims) {
    CHECK(c.attribution.confidence >= 0.0);
    CHECK(c.attribution.confidence <= 1.0);
  }
  // No sentences at all.
  std::vector<Claim> lone(1);
  lone[0].quantity.span = Span{pos, pos + 6};
  attributor.Attribute(a, {}, lone);
  CHECK(lone[0].attribution.speaker_id == "unknown");
}

TEST_CASE("random text never crashes and always yields a valid attribution", "[attribute]") {
  Attributor attributor(testing::ShippedTable());
  const std::vector<std::string> pieces = {"„",
                                           "“",
                                           "”",
                                           "»",
                                           "«",
                                           "\"",
                                           ", ",
                                           ". ",
                                           ": ",
                                           " – ",
                                           "\n\n",
                                           "sagte",
                                           "er",
                                           "sie",
                                           "laut",
                                           "ihm",
                                           "zufolge",
                                           "nach",
                                           "Angaben",
                                           "des",
                                           "Kremls",
                                           "Rutte",
                                           "said",
                                           "he",
                                           "according",
                                           "to",
                                           "the",
                                           "Pentagon",
                                           "wie",
                                           "mitteilte",
                                           "so",
                                           "hätten",
                                           "100",
                                           "Mr",
                                           "Ministerin",
                                           "Der",
                                           "Generalsekretär",
                                           "'s",
                                           "office",
                                           "ein",
                                           "Sprecher",
                                           "teilte",
                                           "mit",
                                           "ü",
                                           "ß",
                                           "Zelensky",
                                           "Präsident",
                                           "of",
                                           "secretary",
                                           "general",
                                           "hat",
                                           "betont",
                                           "–"};
  std::mt19937 rng(12345);
  for (int round = 0; round < 300; ++round) {
    std::string text;
    int n = 1 + static_cast<int>(rng() % 60);
    for (int i = 0; i < n; ++i) {
      text += pieces[rng() % pieces.size()];
      if (rng() % 3) text += ' ';
    }
    Article a = MakeArticle(text, round % 2 ? "de" : "en");
    auto sentences = text::SplitSentences(a.text, a.lang);
    std::vector<Claim> claims;
    for (size_t p = a.text.find("100"); p != std::string::npos; p = a.text.find("100", p + 1))
      claims.push_back(testing::MakeClaim(a, sentences, p, 3));
    attributor.Attribute(a, sentences, claims);
    for (const auto& c : claims) {
      INFO(text);
      CHECK(!c.attribution.speaker_id.empty());
      CHECK(c.attribution.confidence >= 0.0);
      CHECK(c.attribution.confidence <= 1.0);
      CHECK(c.attribution.cue.end <= a.text.size());
      if (c.attribution.method == AttributionMethod::kNone)
        CHECK(c.attribution.speaker_id == "unknown");
    }
  }
}

TEST_CASE("one attributor can be shared by threads", "[attribute]") {
  Attributor attributor(testing::ShippedTable());
  Article a =
      MakeArticle(testing::ReadFile(testing::SourcePath("tests/data/seed/rutte-nato-2025.txt")));
  std::vector<std::thread> threads;
  std::vector<std::string> ids(4);
  for (size_t t = 0; t < ids.size(); ++t) {
    threads.emplace_back(
        [&, t] { ids[t] = testing::AttributeFigure(attributor, a, "20.000 Soldaten").speaker_id; });
  }
  for (auto& th : threads) th.join();
  for (const auto& id : ids) CHECK(id == "mark-rutte");
}

// A long article (10,000 sentences) is attributed completely; its speed is measured by the
// benchmark (tests/bench), not here.
TEST_CASE("a 10,000-sentence article is attributed claim by claim", "[attribute]") {
  Attributor attributor(testing::ShippedTable());
  std::string text;
  for (int p = 0; p < 2000; ++p) {
    text += "Mark Rutte sprach am Mittwoch in Brüssel. „Wir brauchen " + std::to_string(p) +
            " Brigaden“, sagte er. Laut ihm fehlen 20.000 Soldaten. Die NATO hat 32 Mitglieder. "
            "Zwei Drittel hätten zugestimmt.\n\n";
  }
  Article a = MakeArticle(text);
  auto sentences = text::SplitSentences(a.text, a.lang);
  REQUIRE(sentences.size() >= 10000);
  std::vector<Claim> claims;
  for (const auto& s : sentences) {
    Claim c;
    c.sentence_index = s.index;
    c.sentence_span = s.span;
    c.quantity.span = Span{s.span.begin, s.span.begin + 1};
    claims.push_back(c);
  }
  attributor.Attribute(a, sentences, claims);
  // "Laut ihm fehlen 20.000 Soldaten." in the last paragraph is Rutte's.
  const Claim& laut = claims[claims.size() - 3];
  CHECK(laut.attribution.speaker_id == "mark-rutte");
  for (const auto& c : claims) CHECK_FALSE(c.attribution.speaker_id.empty());
}

}  // namespace
}  // namespace claimtrack::attribute
