// The shipped sample articles (tests/data/articles) read cleanly: the README's main job
// starts from them, and later stages compare figures across them.

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "claimtrack/text/article_reader.h"
#include "claimtrack/text/sentences.h"

using claimtrack::Article;
using claimtrack::Diagnostics;
using claimtrack::text::ExpandInputs;
using claimtrack::text::ReadArticles;
using claimtrack::text::SplitSentences;

namespace {

std::map<std::string, Article> ReadSamples(Diagnostics& diags) {
  std::string root = std::string(CLAIMTRACK_SOURCE_DIR) + "/tests/data/articles";
  std::map<std::string, Article> out;
  for (const auto& file : ExpandInputs({root}, diags)) {
    ReadArticles(file, diags, [&](Article&& a) {
      std::string id = a.id;
      CHECK(out.count(id) == 0);
      out.emplace(id, std::move(a));
    });
  }
  return out;
}

}  // namespace

TEST_CASE("sample articles read without diagnostics and with full metadata", "[text]") {
  Diagnostics diags;
  auto articles = ReadSamples(diags);
  INFO(diags.ToString());
  CHECK(diags.empty());
  REQUIRE(articles.size() >= 9);  // the nine shipped here; others may add more
  for (const auto& [id, a] : articles) {
    INFO(id);
    CHECK(!a.title.empty());
    CHECK(!a.date.empty());
    CHECK((a.lang == "de" || a.lang == "en"));
    CHECK(a.content_hash.size() == 64);
    CHECK(SplitSentences(a.text, a.lang).size() >= 5);
  }
  CHECK(articles.at("https://morgenkurier.example/politik/brigade-litauen").date ==
        "2025-05-22T08:30:00+02:00");
  CHECK(articles.at("northwind-results-2025-02-20").date == "2025-02-20T16:45:00Z");
  CHECK(articles.at("bahnstreik-2025-03-06").lang == "de");
  CHECK(articles.at("inflation-april-2025").date == "2025-04-30");
  CHECK(articles.at("wildfire-evia-2025-08-12").date == "2025-08-12");
}

TEST_CASE("the same speaker gives different figures on two dates in the samples", "[text]") {
  Diagnostics diags;
  auto articles = ReadSamples(diags);
  const Article& before = articles.at("hochwasser-steiermark-2025-09-15");
  const Article& after = articles.at("hochwasser-steiermark-2025-09-18");
  CHECK(before.date < after.date);
  CHECK(before.text.find("Innenministerin Claudia Reiter") != std::string::npos);
  CHECK(after.text.find("Innenministerin Claudia Reiter") != std::string::npos);
  CHECK(before.text.find("mindestens 14 Menschen") != std::string::npos);
  CHECK(after.text.find("von 27 Toten") != std::string::npos);
}

TEST_CASE("the Rutte sample keeps the seed body byte for byte", "[text]") {
  std::string dir = std::string(CLAIMTRACK_SOURCE_DIR);
  std::ifstream seed_in(dir + "/tests/data/articles/de/rutte-nato-2025.md", std::ios::binary);
  REQUIRE(seed_in);
  Diagnostics diags;
  std::vector<Article> got;
  ReadArticles(dir + "/tests/data/articles/de/rutte-nato-2025.md", diags,
               [&](Article&& a) { got.push_back(a); });
  REQUIRE(got.size() == 1);
  const Article& a = got[0];
  CHECK(a.id == "rutte-nato-2025");
  CHECK(a.date == "2025-12-03");
  CHECK(a.outlet == "unknown");
  CHECK(a.body_line_offset == 7);
  CHECK(a.title ==
        "Rutte setzt nach Gesprächen über Ukraine weiterhin auf Druck gegenüber "
        "Russland");
  std::vector<std::string> sentences;
  for (const auto& s : SplitSentences(a.text, "de")) {
    sentences.push_back(a.text.substr(s.span.begin, s.span.size()));
  }
  auto has = [&](const std::string& s) {
    return std::find(sentences.begin(), sentences.end(), s) != sentences.end();
  };
  CHECK(
      has("Mit klaren Worten: „Die NATO bleibt am Ball“, stellt er fest, „die Ukraine erhält "
          "weiterhin alles, was sie benötigt.“"));
  CHECK(has("Und: Der Druck auf Russland müsse unbedingt bestehen bleiben."));
  CHECK(
      has("\"Nur so\", argumentiert Rutte beinahe eindringlich, \"kann man verhindern, dass "
          "Russland den längeren Atem beweist.\""));
  CHECK(
      has("Die Verluste auf russischer Seite – laut ihm 20.000 Soldaten pro Monat – wirkten "
          "für manchen inzwischen beinahe surreal."));
  CHECK(has("heute 16:36 Uhr | 12 mal gelesen"));
}
