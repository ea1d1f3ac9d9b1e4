// Stage 3, noun phrases (noun_phrases.h): what kind of phrase names a speaker, and whom.

#include "claimtrack/attribute/noun_phrases.h"

#include <catch2/catch.hpp>

#include "stage_util.h"
#include "test_util.h"

namespace claimtrack::attribute {
namespace {

// Parses the phrase at the start of `text` (one sentence) with or without the shipped table.
struct Parsed {
  Article article;
  std::vector<Tok> toks;
  Coreference coref{""};
  std::optional<Np> np;
};

std::unique_ptr<Parsed> ParseAt(const std::string& text, const std::string& lang, bool table,
                                const std::string& date = "2025-03-01") {
  auto p = std::make_unique<Parsed>();
  p->article = testing::MakeArticle(text, lang, date);
  p->toks = testing::RoleTokens(p->article.text, 0, p->article.text.size());
  NounPhrases nps(testing::TestLexicon(), table ? testing::ShippedTable().get() : nullptr,
                  p->article, p->toks, p->coref);
  p->np = nps.Parse(0, p->toks.size());
  return p;
}

TEST_CASE("a role phrase followed by a table name is that person", "[attribute][noun_phrases]") {
  auto p = ParseAt("NATO-Generalsekretär Mark Rutte sagte", "de", true);
  REQUIRE(p->np);
  CHECK(p->np->kind == NpKind::kNamed);
  CHECK(p->np->who.id == "mark-rutte");
  CHECK(p->np->who.kind == SpeakerKind::kPerson);
  CHECK(p->np->te == 3);  // the phrase ends before "sagte"
}

TEST_CASE("a role title alone is its holder on the article's date", "[attribute][noun_phrases]") {
  auto p = ParseAt("Der Kremlchef sagte", "de", true);
  REQUIRE(p->np);
  CHECK(p->np->kind == NpKind::kTitle);
  CHECK(p->np->who.id == "vladimir-putin");
}

TEST_CASE("unnamed sources are recognised and name no one", "[attribute][noun_phrases]") {
  for (const char* text : {"Experten sagen", "officials said", "Ein Sprecher sagte"}) {
    auto p = ParseAt(text, std::string(text).starts_with("officials") ? "en" : "de", false);
    INFO(text);
    REQUIRE(p->np);
    CHECK(p->np->kind == NpKind::kUnnamed);
    CHECK_FALSE(p->np->who.ok());
  }
}

TEST_CASE("a name without a table is kept as written, typed by its words",
          "[attribute][noun_phrases]") {
  auto person = ParseAt("Frau Eva Roth sagte", "de", false);
  REQUIRE(person->np);
  CHECK(person->np->who.id == "name:Eva Roth");
  CHECK(person->np->who.kind == SpeakerKind::kPerson);
  CHECK(person->np->who.gender == Gender::kFemale);
  auto body = ParseAt("Das Statistikamt meldete", "de", false);
  REQUIRE(body->np);
  CHECK(body->np->who.kind == SpeakerKind::kOrganisation);
  CHECK(body->np->who.gender == Gender::kUnknown);
}

TEST_CASE("a description of a body is the last organisation named", "[attribute][noun_phrases]") {
  Article a = testing::MakeArticle("Siemens wuchs. Der Konzern meldete Gewinne.", "de");
  size_t second = a.text.find("Der");
  auto toks = testing::RoleTokens(a.text, second, a.text.size());
  Coreference coref("");
  Who siemens;
  siemens.id = "name:Siemens";
  siemens.name = "Siemens";
  siemens.kind = SpeakerKind::kOrganisation;
  coref.AddSpeaker(Remembered{siemens, 0, 0});
  NounPhrases nps(testing::TestLexicon(), nullptr, a, toks, coref);
  auto np = nps.Parse(0, toks.size());
  REQUIRE(np);
  CHECK(np->kind == NpKind::kDescription);
  CHECK(np->who.id == "name:Siemens");
}

TEST_CASE("mentions record role appositions for later carry-over", "[attribute][noun_phrases]") {
  Article a = testing::MakeArticle("Bildungsministerin Petra Hofer kam nach Linz.", "de");
  auto toks = testing::RoleTokens(a.text, 0, a.text.size());
  Coreference coref("");
  NounPhrases nps(testing::TestLexicon(), nullptr, a, toks, coref);
  RecordMentions(nps, coref, 0);
  Who w = coref.ResolveRole("minister", Gender::kFemale, a.text.size());
  CHECK(w.id == "name:Petra Hofer");
  CHECK(w.gender == Gender::kFemale);
}

}  // namespace
}  // namespace claimtrack::attribute
