// Stage 4, coreference (coreference.h): pronouns, role nouns and descriptions of bodies
// resolved to what the article named before.

#include "claimtrack/attribute/coreference.h"

#include <catch2/catch.hpp>

#include "claimtrack/attribute/noun_phrases.h"
#include "stage_util.h"
#include "test_util.h"

namespace claimtrack::attribute {
namespace {

Who Person(const std::string& name, Gender g) {
  Who w;
  w.id = "name:" + name;
  w.name = name;
  w.kind = SpeakerKind::kPerson;
  w.gender = g;
  return w;
}

Who Body(const std::string& name) {
  Who w;
  w.id = "name:" + name;
  w.name = name;
  w.kind = SpeakerKind::kOrganisation;
  return w;
}

TEST_CASE("coreference resolves er to the last named male person", "[attribute][coreference]") {
  Coreference c("");
  c.AddMention(Remembered{Person("Olaf Scholz", Gender::kMale), 0, 0});
  c.AddMention(Remembered{Person("Boris Pistorius", Gender::kMale), 20, 0});
  c.AddMention(Remembered{Person("Annalena Baerbock", Gender::kFemale), 40, 0});
  CHECK(c.ResolvePronoun(Referent::kMale, 60).name == "Boris Pistorius");
  CHECK(c.ResolvePronoun(Referent::kFemale, 60).name == "Annalena Baerbock");
  // Only what stands before the pronoun counts.
  CHECK(c.ResolvePronoun(Referent::kMale, 10).name == "Olaf Scholz");
  CHECK_FALSE(c.ResolvePronoun(Referent::kFemale, 30).ok());
  // A speaker of a cue comes before a mere mention.
  c.AddSpeaker(Remembered{Person("Olaf Scholz", Gender::kMale), 5, 0});
  CHECK(c.ResolvePronoun(Referent::kMale, 60).name == "Olaf Scholz");
}

TEST_CASE("a person of unknown gender fits either pronoun, a body fits it",
          "[attribute][coreference]") {
  Coreference c("");
  c.AddMention(Remembered{Person("Kim Lee", Gender::kUnknown), 0, 0});
  c.AddMention(Remembered{Body("Siemens"), 10, 0});
  CHECK(c.ResolvePronoun(Referent::kMale, 20).name == "Kim Lee");
  CHECK(c.ResolvePronoun(Referent::kFemale, 20).name == "Kim Lee");
  CHECK(c.ResolvePronoun(Referent::kBody, 20).name == "Siemens");
  CHECK(c.ResolveBody(20).name == "Siemens");
}

TEST_CASE("a role noun goes to the person last seen with that role", "[attribute][coreference]") {
  Coreference c("");
  Who lavrov = Person("Sergej Lawrow", Gender::kMale);
  c.AddMention(Remembered{lavrov, 0, 0});
  c.NoteRole(lavrov.id, "minister");
  c.AddMention(Remembered{Person("Anna Roth", Gender::kFemale), 30, 0});
  CHECK(c.ResolveRole("minister", Gender::kMale, 50).name == "Sergej Lawrow");
  CHECK(c.ResolveRole("minister", Gender::kUnknown, 50).name == "Sergej Lawrow");
  CHECK_FALSE(c.ResolveRole("minister", Gender::kFemale, 50).ok());
  CHECK_FALSE(c.ResolveRole("präsident", Gender::kUnknown, 50).ok());
}

TEST_CASE("a body referred back to is the last organisation, or a one-word name",
          "[attribute][coreference]") {
  Coreference c("");
  c.AddSpeaker(Remembered{Person("Northwind", Gender::kUnknown), 0, 0});
  CHECK(c.ResolveBody(10).name == "Northwind");
  // Once used like a person's name ("Herr Northwind"), it is no body.
  c.NotePersonEvidence("name:Northwind");
  CHECK_FALSE(c.ResolveBody(10).ok());
}

TEST_CASE("the last person mentioned stays within its paragraph", "[attribute][coreference]") {
  Coreference c("");
  c.AddMention(Remembered{Person("Eva Roth", Gender::kFemale), 0, 0});
  c.AddMention(Remembered{Body("Polizei"), 10, 1});
  c.AddMention(Remembered{Person("Jan Berg", Gender::kMale), 20, 1});
  REQUIRE(c.LastMentionInParagraph(1, 30) != nullptr);
  CHECK(c.LastMentionInParagraph(1, 30)->name == "Jan Berg");
  CHECK(c.LastMentionInParagraph(1, 15) == nullptr);  // a body is no person; Eva is in 0
  CHECK(c.LastMentionInParagraph(0, 5)->name == "Eva Roth");
}

TEST_CASE("a name introduced in full stands for its later surname", "[attribute][coreference]") {
  const std::string text = "Die Ökonomin Petra Hofer und Mark Rutte kamen.";
  auto toks = testing::RoleTokens(text, 0, text.size());
  Coreference c("");
  c.RecordIntroductions(toks, text, testing::TestLexicon());
  REQUIRE(c.Introduced("rutte") != nullptr);
  CHECK(*c.Introduced("rutte") == "Mark Rutte");
  REQUIRE(c.Introduced("hofer") != nullptr);
  CHECK(*c.Introduced("hofer") == "Petra Hofer");
  CHECK(c.Introduced("kamen") == nullptr);
}

TEST_CASE("a pronoun phrase is resolved through the coreference", "[attribute][coreference]") {
  Article a = testing::MakeArticle("Jan Berg kam. Er sagte es.", "de");
  size_t second = a.text.find("Er");
  auto toks = testing::RoleTokens(a.text, second, a.text.size());
  Coreference c("");
  c.AddMention(Remembered{Person("Jan Berg", Gender::kMale), 0, 0});
  NounPhrases nps(testing::TestLexicon(), nullptr, a, toks, c);
  auto np = nps.Parse(0, toks.size());
  REQUIRE(np);
  CHECK(np->kind == NpKind::kPronoun);
  CHECK(np->te == 1);
  CHECK(np->who.name == "Jan Berg");
}

}  // namespace
}  // namespace claimtrack::attribute
