// Sentence splitting: data-driven cases (tests/data/sentences/cases.jsonl) plus spans,
// paragraphs and running time.

#include "claimtrack/text/sentences.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

using claimtrack::Sentence;
using claimtrack::text::SplitSentences;

namespace {

std::vector<std::string> Texts(std::string_view text, std::string_view lang) {
  std::vector<std::string> out;
  for (const Sentence& s : SplitSentences(text, lang)) {
    out.emplace_back(text.substr(s.span.begin, s.span.size()));
  }
  return out;
}

}  // namespace

TEST_CASE("sentences split as the case file says", "[text]") {
  std::ifstream in(std::string(CLAIMTRACK_SOURCE_DIR) + "/tests/data/sentences/cases.jsonl");
  REQUIRE(in);
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    auto c = nlohmann::json::parse(line);
    std::string text = c["text"];
    std::string lang = c["lang"];
    std::vector<std::string> expected = c["sentences"];
    INFO("case " << n + 1 << " (" << c["note"].get<std::string>() << "): " << text);
    CHECK(Texts(text, lang) == expected);
    ++n;
  }
  CHECK(n >= 40);
}

TEST_CASE("sentence spans are trimmed byte spans with paragraph and index", "[text]") {
  std::string text = "  Erster Satz.  Zweiter Satz.\n\n\tDritter Satz im zweiten Absatz.  \n";
  auto s = SplitSentences(text, "de");
  REQUIRE(s.size() == 3);
  CHECK(s[0].span == claimtrack::Span{2, 14});
  CHECK(s[1].span.begin == 16);
  CHECK(text.substr(s[1].span.begin, s[1].span.size()) == "Zweiter Satz.");
  CHECK(text.substr(s[2].span.begin, s[2].span.size()) == "Dritter Satz im zweiten Absatz.");
  CHECK(s[0].paragraph == 0);
  CHECK(s[1].paragraph == 0);
  CHECK(s[2].paragraph == 1);
  for (int i = 0; i < 3; ++i) CHECK(s[static_cast<size_t>(i)].index == i);
}

TEST_CASE("blank lines separate paragraphs; single newlines only without blank lines", "[text]") {
  // With blank lines: a single newline is just a line wrap inside a paragraph.
  auto wrapped = SplitSentences("Ein Satz, der\numbricht.\n\nNeuer Absatz", "de");
  REQUIRE(wrapped.size() == 2);
  CHECK(wrapped[0].paragraph == 0);
  CHECK(wrapped[1].paragraph == 1);

  // Without blank lines every line is a paragraph, even without a full stop.
  std::string lines = "Titelzeile ohne Punkt\nErster Absatz.\nZweiter Absatz.";
  auto s = SplitSentences(lines, "de");
  REQUIRE(s.size() == 3);
  CHECK(lines.substr(s[0].span.begin, s[0].span.size()) == "Titelzeile ohne Punkt");
  CHECK(s[2].paragraph == 2);

  // Several blank lines and whitespace-only lines count as one break.
  auto gaps = SplitSentences("A.\n\n \n\t\nB.", "de");
  REQUIRE(gaps.size() == 2);
  CHECK(gaps[1].paragraph == 1);
}

TEST_CASE("sentences split text with multi-byte whitespace and quotes", "[text]") {
  // Narrow no-break space inside "z. B." and a no-break space before the next sentence.
  std::string text = "Es kostet z.\u202FB. viel.\u00A0Dann endet es.";
  auto t = Texts(text, "de");
  REQUIRE(t.size() == 2);
  CHECK(t[0] == "Es kostet z.\u202FB. viel.");
  CHECK(t[1] == "Dann endet es.");
}

TEST_CASE("sentence splitting is linear on huge inputs", "[text]") {
  std::string no_punct(10 * 1024 * 1024, 'a');
  for (size_t i = 0; i < no_punct.size(); i += 7) no_punct[i] = ' ';
  auto one = SplitSentences(no_punct, "de");
  REQUIRE(one.size() == 1);
  CHECK(one[0].span.size() == no_punct.size() - 1);  // leading space trimmed

  std::string dots(1024 * 1024, '.');
  CHECK(SplitSentences(dots, "de").size() == 1);

  std::string abbrevs;
  while (abbrevs.size() < 1024 * 1024) abbrevs += "z. B. u. a. Nr. 5. ";
  CHECK(SplitSentences(abbrevs, "").size() >= 1);

  std::string many;
  while (many.size() < 1024 * 1024) many += "Das ist ein Satz. ";
  CHECK(SplitSentences(many, "de").size() == many.size() / 18);

  std::string newlines(1024 * 1024, '\n');
  CHECK(SplitSentences(newlines, "de").empty());
}
