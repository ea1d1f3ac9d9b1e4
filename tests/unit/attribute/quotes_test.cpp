// Stage 1, quotes (quotes.h): the spans of direct quotes in German and English news.

#include "claimtrack/attribute/quotes.h"

#include <catch2/catch.hpp>

#include "claimtrack/text/sentences.h"
#include "stage_util.h"
#include "test_util.h"

namespace claimtrack::attribute {
namespace {

using testing::MakeArticle;
using testing::SpanText;

std::vector<Quote> Quotes(const Article& a) {
  return FindQuotes(a.text, text::SplitSentences(a.text, a.lang));
}

TEST_CASE("the quote finder finds the span of a German „…“ quote", "[attribute][quotes]") {
  Article a =
      MakeArticle("Der Minister sagte: „Wir brauchen 500 Millionen Euro.“ Danach ging er.", "de");
  auto quotes = Quotes(a);
  REQUIRE(quotes.size() == 1);
  CHECK(SpanText(a, quotes[0].span) == "„Wir brauchen 500 Millionen Euro.“");
  CHECK(quotes[0].cue == -1);  // the cue is linked later (LinkQuotesToCues)
}

TEST_CASE("the quote finder finds English \"…\" and »…« quotes", "[attribute][quotes]") {
  Article en = MakeArticle("\"We need 20 ships,\" he said. Then \"more\" came.", "en");
  auto q = Quotes(en);
  REQUIRE(q.size() == 2);
  CHECK(SpanText(en, q[0].span) == "\"We need 20 ships,\"");
  CHECK(SpanText(en, q[1].span) == "\"more\"");
  Article de = MakeArticle("Sie sagte: »Es sind 12 Prozent.« Dann ging sie.", "de");
  auto g = Quotes(de);
  REQUIRE(g.size() == 1);
  CHECK(SpanText(de, g[0].span) == "»Es sind 12 Prozent.«");
}

TEST_CASE("a straight quote after a digit is an inch mark, no quote", "[attribute][quotes]") {
  Article a = MakeArticle("The 12\" screen costs $400. He said it sold well.", "en");
  CHECK(Quotes(a).empty());
}

TEST_CASE("a quote runs on into the next paragraph only when that paragraph re-opens it",
          "[attribute][quotes]") {
  Article on =
      MakeArticle("„Wir sparen 5 Millionen.\n\n„Und 3 weitere Millionen“, sagte er.", "de");
  auto q = Quotes(on);
  REQUIRE(q.size() == 1);
  CHECK(q[0].span.begin == 0);
  CHECK(SpanText(on, q[0].span).ends_with("Millionen“"));
  Article closed = MakeArticle("„Wir sparen 5 Millionen.\n\nDer Rest ist offen.", "de");
  CHECK(Quotes(closed).empty());
}

TEST_CASE("QuoteAt finds the quote around a span, not one that starts at it",
          "[attribute][quotes]") {
  Article a = MakeArticle("Er sagte: „Es sind 40 Panzer.“ Mehr nicht.", "de");
  auto quotes = Quotes(a);
  REQUIRE(quotes.size() == 1);
  size_t fig = a.text.find("40");
  CHECK(QuoteAt(quotes, Span{fig, fig + 2}) == &quotes[0]);
  size_t after = a.text.find("Mehr");
  CHECK(QuoteAt(quotes, Span{after, after + 4}) == nullptr);
  CHECK(QuoteAt(quotes, quotes[0].span) == nullptr);
}

TEST_CASE("a quote closed after a full stop ends its sentence", "[attribute][quotes]") {
  Article a = MakeArticle("\"It took weeks.\" She said more. \"Why?\" he asked.", "en");
  auto q = Quotes(a);
  REQUIRE(q.size() == 2);
  CHECK(QuoteEndsSentence(a.text, q[0], a.text.find("She")));
  CHECK_FALSE(QuoteEndsSentence(a.text, q[1], a.text.find("he asked")));
  CHECK(GapIsPunct(", "));
  CHECK(GapIsPunct(" \xE2\x80\x93 "));  // an en dash
  CHECK_FALSE(GapIsPunct(", und "));
}

}  // namespace
}  // namespace claimtrack::attribute
