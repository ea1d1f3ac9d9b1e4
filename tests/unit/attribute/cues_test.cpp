// Stage 2, cues (cues.h): reporting cues of one sentence with their resolved speakers.

#include "claimtrack/attribute/cues.h"

#include <catch2/catch.hpp>

#include "claimtrack/text/sentences.h"
#include "stage_util.h"
#include "test_util.h"

namespace claimtrack::attribute {
namespace {

// Runs the stages up to the cues over every sentence of `text`, as Attributor does.
struct Found {
  Article article;
  std::vector<Quote> quotes;
  std::vector<Cue> cues;
  std::vector<std::vector<Tok>> toks;  // per sentence
};

Found Cues(const std::string& text, const std::string& lang, bool table = false) {
  Found f;
  f.article = testing::MakeArticle(text, lang, "2025-03-01");
  auto sentences = text::SplitSentences(f.article.text, lang);
  f.quotes = FindQuotes(f.article.text, sentences);
  std::set<size_t> quote_ends;
  for (const auto& q : f.quotes) quote_ends.insert(q.span.end);
  const Lexicon& lex = testing::TestLexicon();
  Coreference coref(f.article.date);
  for (size_t si = 0; si < sentences.size(); ++si) {
    const Sentence& s = sentences[si];
    f.toks.push_back(testing::RoleTokens(f.article.text, s.span.begin, s.span.end));
    coref.RecordIntroductions(f.toks.back(), f.article.text, lex);
    NounPhrases nps(lex, table ? testing::ShippedTable().get() : nullptr, f.article, f.toks.back(),
                    coref);
    RecordMentions(nps, coref, s.paragraph);
    auto cues = FindCues(lex, f.article, nps, coref, quote_ends, static_cast<int>(si), s.paragraph);
    f.cues.insert(f.cues.end(), cues.begin(), cues.end());
  }
  LinkQuotesToCues(f.article.text, f.quotes, f.cues);
  return f;
}

TEST_CASE("the cue finder finds sagte er and resolves er to the man named before",
          "[attribute][cues]") {
  Found f = Cues("Bürgermeister Jan Berg kam. Die Stadt spart 5 Millionen, sagte er.", "de");
  REQUIRE(f.cues.size() == 1);
  const Cue& c = f.cues[0];
  CHECK(testing::SpanText(f.article, c.span) == "sagte er");
  CHECK(c.type == CueType::kVerb);
  CHECK(c.np_kind == NpKind::kPronoun);
  CHECK(c.who.name == "Jan Berg");
  CHECK(c.sentence == 1);
}

TEST_CASE("a pronoun cue resolves to a person named in full without a role or table entry",
          "[attribute][cues]") {
  Found f = Cues("Jan Berg ist Mitglied. Die Stadt spart 5 Millionen, sagte er.", "de");
  REQUIRE(f.cues.size() == 1);
  CHECK(f.cues[0].np_kind == NpKind::kPronoun);
  CHECK(f.cues[0].who.name == "Jan Berg");
  // A body named in two words is no person: "er" stays unresolved.
  Found body = Cues("Deutsche Bahn kam. Die Stadt spart 5 Millionen, sagte er.", "de");
  REQUIRE(body.cues.size() == 1);
  CHECK_FALSE(body.cues[0].resolved());
}

TEST_CASE("source phrases are cues: laut, according to, zufolge, nach Angaben",
          "[attribute][cues]") {
  Found laut = Cues("Laut Polizei starben 4 Menschen.", "de");
  REQUIRE(laut.cues.size() == 1);
  CHECK(laut.cues[0].type == CueType::kAccording);
  CHECK(testing::SpanText(laut.article, laut.cues[0].span) == "Laut Polizei");
  CHECK(laut.cues[0].who.kind == SpeakerKind::kOrganisation);

  Found according = Cues("According to the Pentagon, 300 troops left.", "en", true);
  REQUIRE(according.cues.size() == 1);
  CHECK(according.cues[0].who.id == "pentagon");

  Found zufolge = Cues("Experten zufolge fehlen 20 Lehrer.", "de");
  REQUIRE(zufolge.cues.size() == 1);
  CHECK(zufolge.cues[0].np_kind == NpKind::kUnnamed);
  CHECK_FALSE(zufolge.cues[0].resolved());

  Found nach = Cues("Nach Angaben des Statistikamts stieg die Zahl um 3 Prozent.", "de");
  REQUIRE(nach.cues.size() == 1);
  CHECK(nach.cues[0].who.kind == SpeakerKind::kOrganisation);
}

TEST_CASE("a sentence without a reporting construction has no cue", "[attribute][cues]") {
  CHECK(Cues("Die Stadt spart 5 Millionen Euro.", "de").cues.empty());
  CHECK(Cues("The council saved 5 million pounds.", "en").cues.empty());
  // "den Schaden": a German object after the verb is no subject.
  CHECK(Cues("Man bezifferte den Schaden auf 3 Millionen.", "de").cues.empty());
}

TEST_CASE("a quote is linked to the clause right after it", "[attribute][cues]") {
  Found f = Cues("Ministerin Eva Roth kam. „Es sind 40 Panzer“, sagte sie. Mehr nicht.", "de");
  REQUIRE(f.quotes.size() == 1);
  REQUIRE(f.quotes[0].cue >= 0);
  const Cue& c = f.cues[f.quotes[0].cue];
  CHECK(testing::SpanText(f.article, c.span) == "sagte sie");
  CHECK(c.quote_clause);
  CHECK(c.who.name == "Eva Roth");
}

TEST_CASE("Konjunktiv, backshift and back references are seen", "[attribute][cues]") {
  const Lexicon& lex = testing::TestLexicon();
  auto toks = [](const std::string& t) { return testing::RoleTokens(t, 0, t.size()); };
  CHECK(HasKonjunktiv(toks("Das Geld sei knapp."), lex));
  CHECK_FALSE(HasKonjunktiv(toks("Das Geld ist knapp."), lex));
  CHECK(HasReportiveSollen(toks("Rund 800 Menschen sollen verletzt worden sein."), lex));
  CHECK(HasReportiveSollen(toks("Er soll daran beteiligt gewesen sein, sagte sie."), lex));
  CHECK_FALSE(HasReportiveSollen(toks("Bis 2020 sollen 90 Stellen wegfallen."), lex));
  CHECK_FALSE(HasReportiveSollen(toks("Das soll ein Ende haben."), lex));  // no participle
  CHECK(HasBackshift(toks("Councils would keep a share."), lex));
  CHECK_FALSE(HasBackshift(toks("Councils keep a share."), lex));
  Found f = Cues("Es gab 14 Tote. Dies teilte die Polizei mit.", "de");
  REQUIRE(f.cues.size() == 1);
  CHECK(BackReference(f.toks[1], f.cues[0], lex) == 1);
}

}  // namespace
}  // namespace claimtrack::attribute
