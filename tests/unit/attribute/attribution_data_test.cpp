// Data-driven attribution tests: tests/data/attribution/{de,en}.jsonl, one passage per line:
//   {"text": "...", "figure": "20.000", "occurrence": 1, "speaker": "mark-rutte",
//    "method": "reported", "min_conf": 0.7, "max_conf": 1.0,
//    "date": "2025-03-01", "outlet": "...", "author": "..."}
// Every line is checked; all mismatches are reported together.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "test_util.h"

namespace claimtrack::attribute {
namespace {

using testing::AttributeFigure;

size_t RunCases(const std::string& lang, std::string* failures) {
  std::ifstream in(testing::SourcePath("tests/data/attribution/" + lang + ".jsonl"));
  REQUIRE(in.good());
  Attributor attributor(testing::ShippedTable());
  std::string line;
  int line_no = 0;
  size_t count = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    auto j = nlohmann::json::parse(line);
    Article a;
    a.id = lang + ":" + std::to_string(line_no);
    a.lang = lang;
    a.text = j.at("text").get<std::string>();
    a.date = j.value("date", "");
    a.outlet = j.value("outlet", "");
    a.author = j.value("author", "");
    std::string figure = j.at("figure").get<std::string>();
    Attribution got = AttributeFigure(attributor, a, figure, j.value("occurrence", 1));
    std::string want_speaker = j.at("speaker").get<std::string>();
    std::string want_method = j.at("method").get<std::string>();
    double min_conf = j.value("min_conf", want_method == "none" ? 0.0 : 0.01);
    double max_conf = j.value("max_conf", want_method == "none" ? 0.0 : 1.0);
    ++count;
    bool ok = got.speaker_id == want_speaker && std::string(ToString(got.method)) == want_method &&
              got.confidence >= min_conf - 1e-9 && got.confidence <= max_conf + 1e-9;
    if (!ok) {
      *failures += lang + ".jsonl:" + std::to_string(line_no) + ": figure '" + figure + "': want " +
                   want_speaker + "/" + want_method + ", got " + got.speaker_id + "/" +
                   std::string(ToString(got.method)) + " conf " + std::to_string(got.confidence) +
                   " cue '" + got.evidence + "'\n    " + a.text.substr(0, 160) + "\n";
    }
  }
  return count;
}

TEST_CASE("German attribution cases match their expected speaker and method", "[attribute][data]") {
  std::string failures;
  size_t n = RunCases("de", &failures);
  CHECK(n >= 75);
  INFO(failures);
  CHECK(failures.empty());
}

TEST_CASE("English attribution cases match their expected speaker and method",
          "[attribute][data]") {
  std::string failures;
  size_t n = RunCases("en", &failures);
  CHECK(n >= 75);
  INFO(failures);
  CHECK(failures.empty());
}

}  // namespace
}  // namespace claimtrack::attribute
