// Analysis throughput, run by hand (hidden from the default run and from ctest):
//   build/test_analyze "[bench]"     (CLAIMTRACK_BENCH_CLAIMS overrides 1000000)
// Builds claims the way tests/bench/make_corpus.py builds articles: a few hundred sentences
// reused over and over with their digits re-drawn, dates spread over six years, two outlets,
// mostly the outlets' own text and some named speakers. That is the hard case for the
// analysis: many near-copies of one sentence with different figures. Prints the time and
// the counts; the figures are quoted in docs/findings.md.

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <random>

#include "test_util.h"

using namespace claimtrack;
using namespace claimtrack::analyze;
using namespace claimtrack::analyze::testing;

namespace {

struct Template {
  const char* text;  // "{n}" is the figure
  const char* type;
  const char* unit;
  QuantityKind kind;
  Period period;
};

const Template kTemplates[] = {
    {"Die Verluste auf russischer Seite – laut ihm {n} Soldaten pro Monat – wirkten surreal.",
     "troops", "Soldat", QuantityKind::kCount, Period::kMonth},
    {"Russia is losing {n} soldiers a month, he said.", "troop_losses", "soldier",
     QuantityKind::kCount, Period::kMonth},
    {"Bei dem Hochwasser im Murtal kamen {n} Menschen ums Leben.", "casualties", "Tote",
     QuantityKind::kCount, Period::kNone},
    {"The fire on the island has killed {n} people so far.", "casualties", "dead",
     QuantityKind::kCount, Period::kNone},
    {"Der Schaden beläuft sich auf {n} Millionen Euro.", "money", "EUR", QuantityKind::kMoney,
     Period::kNone},
    {"The company expects operating profit of {n} million pounds this year.", "money", "GBP",
     QuantityKind::kMoney, Period::kNone},
    {"Die Inflation sank im April auf {n} Prozent.", "percentage", "%", QuantityKind::kPercent,
     Period::kNone},
    {"Unemployment rose to {n}% in the third quarter.", "percentage", "%", QuantityKind::kPercent,
     Period::kNone},
    {"Rund {n} Flüchtlinge warteten an der Grenze zu Österreich.", "refugees", "Flüchtlinge",
     QuantityKind::kCount, Period::kNone},
    {"The government pledged {n} million dollars in aid for Ukraine.", "pledge", "USD",
     QuantityKind::kMoney, Period::kNone},
};

}  // namespace

TEST_CASE("analysis of a million claims", "[.][bench][analyze]") {
  size_t n = 1000000;
  if (const char* e = std::getenv("CLAIMTRACK_BENCH_CLAIMS")) n = std::strtoul(e, nullptr, 10);
  std::mt19937_64 rng(20250521);
  const char* speakers[][2] = {{"mark-rutte", "Mark Rutte"},
                               {"claudia-reiter", "Claudia Reiter"},
                               {"name:Gordon Brown", "Gordon Brown"}};
  std::vector<ClaimRecord> records;
  records.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    // 300 sentence variants: a template plus a variant word.
    size_t variant = rng() % 300;
    const Template& t = kTemplates[variant % std::size(kTemplates)];
    std::string figure = std::to_string(1 + rng() % 9) + std::to_string(rng() % 1000);
    std::string sentence = t.text;
    sentence.replace(sentence.find("{n}"), 3, figure);
    sentence += " (" + std::to_string(variant) + ")";
    Rec r{"c" + std::to_string(i), "a" + std::to_string(i / 3), sentence, figure,
          std::stod(figure)};
    r.type = t.type;
    r.unit = t.unit;
    r.kind = t.kind;
    r.period = t.period;
    bool de = sentence.find(" die ") != std::string::npos || sentence[0] == 'D' ||
              sentence[0] == 'B' || sentence[0] == 'R';
    r.outlet = de ? "Bench-Zeitung" : "Bench News";
    if (rng() % 4 == 0) {
      auto& s = speakers[rng() % 3];
      r.speaker = s[0];
      r.speaker_name = s[1];
    } else {
      r.speaker = "narrator:" + r.outlet;
      r.speaker_name = r.outlet;
      r.method = AttributionMethod::kNarrator;
      r.confidence = 0.6;
    }
    int day = static_cast<int>(rng() % (6 * 365));
    char date[16];
    std::snprintf(date, sizeof date, "%04d-%02d-%02d", 2020 + day / 365, 1 + (day % 365) / 31 % 12,
                  1 + day % 28);
    r.date = date;
    records.push_back(Make(r));
  }
  AnalyzeStats stats;
  auto start = std::chrono::steady_clock::now();
  auto findings = Analyze(records, ShippedKeys(), {}, &stats);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << "claims " << stats.claims << ", compared " << stats.compared << ", groups "
            << stats.groups << ", pairs " << stats.pairs << ", findings " << stats.findings << " ("
            << stats.capped_groups << " groups capped)\n"
            << "keys " << stats.key_seconds << " s, comparison " << stats.compare_seconds
            << " s, total " << seconds << " s\n";
  CHECK(stats.compared == n);
}
