// Reference facts: every loader error code at its place, YAML and CSV meaning the same, and
// the matching and arithmetic of `review suggest` (facts/suggest.h).

#include <fmt/format.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "../analyze/test_util.h"
#include "claimtrack/facts/reference_facts.h"
#include "claimtrack/facts/suggest.h"

namespace claimtrack::facts {
namespace {

using analyze::testing::Make;
using analyze::testing::Rec;
using analyze::testing::ShippedKeys;

// A fact file whose one fact has these lines (indented under "- ").
std::string OneFact(const std::string& lines) {
  return "version: 1\nfacts:\n  - id: nato-losses\n    source: https://example.org/nato\n"
         "    date: 2025-02-28\n" +
         lines;
}

const char* kGoodKey =
    "    key: {family: troops, concept: soldier, period: month, tags: {loss: losses, side: "
    "russian}}\n";

std::vector<ReferenceFact> ParseYaml(const std::string& text, Diagnostics& d) {
  return ParseFactsYaml(text, "facts.yaml", ShippedKeys(), d);
}

struct ErrorCase {
  const char* name;
  std::string text;
  const char* code;
  int line;  // 0: not checked
  int col;
};

TEST_CASE("the fact loader reports each problem with its code at its place", "[facts]") {
  const std::string key = kGoodKey;
  const std::vector<ErrorCase> cases = {
      {"syntax", "version: 1\nfacts: [\n", "F003", 0, 0},
      {"two documents", "version: 1\nfacts: []\n---\nversion: 1\n", "F004", 3, 1},
      {"anchor", "version: 1\nfacts:\n  - &a {id: x}\n", "F005", 0, 0},
      {"too deep", "version: 1\nfacts: " + std::string(40, '[') + std::string(40, ']') + "\n",
       "F006", 2, 39},
      {"duplicate key", OneFact(key + "    value: 1\n    value: 2\n    tolerance: 0\n"), "F007", 8,
       5},
      {"not a map", "- id: x\n", "F008", 1, 1},
      {"fact not a map", "version: 1\nfacts:\n  - just text\n", "F008", 3, 5},
      {"key not a map", OneFact("    key: troops\n    value: 1\n    tolerance: 0\n"), "F008", 6,
       10},
      {"unknown key", OneFact(key + "    valeu: 12000\n    tolerance: 0\n"), "F009", 7, 5},
      {"unknown key in the key",
       OneFact("    key: {family: troops, concpt: soldier}\n    value: 1\n    tolerance: 0\n"),
       "F009", 6, 27},
      {"missing tolerance", OneFact(key + "    value: 12000\n"), "F010", 3, 5},
      {"missing value", OneFact(key + "    tolerance: 0\n"), "F010", 3, 5},
      {"missing concept", OneFact("    key: {family: troops}\n    value: 1\n    tolerance: 0\n"),
       "F010", 3, 5},
      {"bad id",
       "version: 1\nfacts:\n  - id: nato losses!\n    source: https://example.org/nato\n    "
       "date: 2025-02-28\n" +
           key + "    value: 1\n    tolerance: 0\n",
       "F011", 3, 9},
      {"impossible date",
       "version: 1\nfacts:\n  - id: x\n    source: https://example.org/nato\n    date: "
       "2025-02-30\n" +
           key + "    value: 1\n    tolerance: 0\n",
       "F013", 5, 11},
      {"bad number", OneFact(key + "    value: 12.000,5\n    tolerance: 0\n"), "F014", 7, 12},
      {"value and range", OneFact(key + "    value: 1\n    low: 1\n    tolerance: 0\n"), "F015", 8,
       10},
      {"low above high", OneFact(key + "    low: 5\n    high: 1\n    tolerance: 0\n"), "F015", 7,
       10},
      {"half a range", OneFact(key + "    low: 5\n    tolerance: 0\n"), "F015", 7, 10},
      {"tolerance of 150%", OneFact(key + "    value: 1\n    tolerance: 150%\n"), "F016", 8, 16},
      {"source not a URL",
       "version: 1\nfacts:\n  - id: x\n    source: nato.int\n    date: 2025-02-28\n" + key +
           "    value: 1\n    tolerance: 0\n",
       "F017", 4, 13},
      // A control character: `review verdict` would refuse the source of the printed command.
      {"source with a control character",
       "version: 1\nfacts:\n  - id: x\n    source: \"https://example.org/a\\x01\"\n    date: "
       "2025-02-28\n" +
           key + "    value: 1\n    tolerance: 0\n",
       "F017", 4, 13},
      {"unknown family",
       OneFact("    key: {family: trops, concept: soldier}\n    value: 1\n    tolerance: 0\n"),
       "F018", 6, 19},
      {"claim type as family",
       OneFact("    key: {family: pledge, concept: aid}\n    value: 1\n    tolerance: 0\n"), "F018",
       6, 19},
      {"unknown tag value",
       OneFact("    key: {family: troops, concept: soldier, tags: {side: russan}}\n    value: "
               "1\n    tolerance: 0\n"),
       "F019", 6, 58},
      {"unknown event",
       OneFact("    key: {family: troops, concept: soldier, events: [narnia]}\n    value: 1\n    "
               "tolerance: 0\n"),
       "F019", 6, 54},
      {"bad unit",
       OneFact("    key: {family: money, concept: aid, unit: euro}\n    value: 1\n    tolerance: "
               "0\n"),
       "F020", 6, 46},
      {"bad period",
       OneFact("    key: {family: troops, concept: soldier, period: monthly}\n    value: 1\n    "
               "tolerance: 0\n"),
       "F020", 6, 53},
      {"bad year",
       OneFact("    key: {family: troops, concept: soldier, years: [25]}\n    value: 1\n    "
               "tolerance: 0\n"),
       "F020", 6, 53},
      {"valid_until before valid_from",
       OneFact(key + "    value: 1\n    tolerance: 0\n    valid_from: 2025-03-01\n    valid_until: "
                     "2025-02-01\n"),
       "F023", 10, 18},
      {"unknown version", "version: 2\nfacts: []\n", "F025", 1, 10},
  };
  for (const ErrorCase& c : cases) {
    SECTION(c.name) {
      Diagnostics d;
      auto facts = ParseYaml(c.text, d);
      INFO(d.ToString());
      CHECK(facts.empty());
      REQUIRE(d.HasErrors());
      bool found = false;
      for (const Diagnostic& x : d.items()) {
        if (x.code != c.code) continue;
        found = true;
        if (c.line > 0) {
          CHECK(x.line == c.line);
          CHECK(x.col == c.col);
        }
        CHECK_FALSE(x.hint.empty());
      }
      CHECK(found);
    }
  }
}

TEST_CASE("the fact loader suggests the key meant and warns about an unknown concept", "[facts]") {
  Diagnostics d;
  ParseYaml(OneFact(kGoodKey + std::string("    valeu: 1\n    tolerance: 0\n")), d);
  REQUIRE(d.HasErrors());
  CHECK_THAT(d.ToString(), Catch::Contains("did you mean 'value'"));

  Diagnostics w;
  auto facts = ParseYaml(
      OneFact("    key: {family: troops, concept: soldiers}\n    value: 1\n    tolerance: 0\n"), w);
  CHECK(facts.size() == 1);  // a warning keeps the fact
  CHECK_FALSE(w.HasErrors());
  REQUIRE(w.WarningCount() == 1);
  CHECK(w.items()[0].code == "F021");
  CHECK_THAT(w.ToString(), Catch::Contains("did you mean 'soldier'"));
}

TEST_CASE("a fact file in YAML reads into the key check uses", "[facts]") {
  Diagnostics d;
  auto facts = ParseYaml(OneFact(kGoodKey + std::string("    value: 12000\n    tolerance: 5%\n"
                                                        "    note: NATO estimate\n")),
                         d);
  INFO(d.ToString());
  REQUIRE(facts.size() == 1);
  const ReferenceFact& f = facts[0];
  CHECK(f.id == "nato-losses");
  CHECK(f.key.ToString() == "troops/soldier/month loss=losses side=russian");
  CHECK(f.tolerance == Approx(0.05));
  CHECK(f.Allowed().low == Approx(11400));
  CHECK(f.Allowed().high == Approx(12600));
  CHECK(f.line == 3);

  // A claim type stands for its family and brings its implied tags (pledge: stage=pledge).
  Diagnostics d2;
  auto pledge = ParseYaml(
      OneFact("    key: {claim_type: pledge, concept: aid, unit: EUR}\n    low: 1e9\n    high: "
              "2e9\n    tolerance: 0\n"),
      d2);
  INFO(d2.ToString());
  REQUIRE(pledge.size() == 1);
  CHECK(pledge[0].key.ToString() == "money/aid/EUR stage=pledge");
  CHECK(pledge[0].Central() == Approx(1.5e9));
}

TEST_CASE("a CSV fact table means the same as YAML and locates its errors", "[facts]") {
  const std::string csv =
      "id,source,date,family,concept,period,tags,value,tolerance,note\n"
      "nato-losses,https://example.org/nato,2025-02-28,troops,soldier,month,loss=losses "
      "side=russian,12000,5%,\"NATO, February\"\n";
  Diagnostics d;
  auto facts = ParseFactsCsv(csv, "facts.csv", ShippedKeys(), d);
  INFO(d.ToString());
  REQUIRE(facts.size() == 1);
  CHECK(facts[0].key.ToString() == "troops/soldier/month loss=losses side=russian");
  CHECK(facts[0].note == "NATO, February");
  CHECK(facts[0].line == 2);

  Diagnostics bad;
  ParseFactsCsv("id,source,dat\nx,https://example.org/a,2025-01-01\n", "f.csv", ShippedKeys(), bad);
  REQUIRE(bad.HasErrors());
  CHECK(bad.items()[0].code == "F022");
  CHECK(bad.items()[0].line == 1);
  CHECK(bad.items()[0].col == 11);
  CHECK_THAT(bad.ToString(), Catch::Contains("did you mean 'date'"));

  Diagnostics fields;
  ParseFactsCsv("id,source,date,family,concept,value,tolerance\nx,https://example.org/a\n", "f.csv",
                ShippedKeys(), fields);
  REQUIRE(fields.HasErrors());
  CHECK(fields.items()[0].code == "F022");
  CHECK(fields.items()[0].line == 2);

  Diagnostics date;
  ParseFactsCsv(
      "id,source,date,family,concept,value,tolerance\nx,https://example.org/a,2025-13-01,troops,"
      "soldier,1,0\n",
      "f.csv", ShippedKeys(), date);
  REQUIRE(date.HasErrors());
  CHECK(date.items()[0].code == "F013");
  CHECK(date.items()[0].line == 2);
  CHECK(date.items()[0].col == 25);
}

TEST_CASE("a CSV table with old Mac line ends (lone CR) reads row by row", "[facts]") {
  // Found by the facts fuzzer: rows were split at a lone CR, but positions counted LF only.
  const std::string csv =
      "id,source,date,family,concept,value,tolerance\rx,https://example.org/a,2025-01-01,troops,"
      "soldier,1,0\ry,https://example.org/b,2025-13-01,troops,soldier,1,0\r";
  Diagnostics d;
  auto facts = ParseFactsCsv(csv, "f.csv", ShippedKeys(), d);
  REQUIRE(facts.size() == 1);
  CHECK(facts[0].line == 2);
  REQUIRE(d.ErrorCount() == 1);
  CHECK(d.items()[0].line == 3);
  CHECK(d.items()[0].source_line.find("2025-13-01") != std::string::npos);
}

struct TempDir {
  std::filesystem::path path;
  TempDir() {
    path = std::filesystem::temp_directory_path() /
           ("ct-facts-" + std::to_string(reinterpret_cast<uintptr_t>(this)) + "-" +
            std::to_string(::getpid()));
    std::filesystem::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  void Write(const std::string& name, const std::string& text) const {
    std::ofstream(path / name, std::ios::binary) << text;
  }
};

TEST_CASE("a facts folder: ids unique across files, file problems located", "[facts]") {
  TempDir dir;
  const std::string fact = OneFact(kGoodKey + std::string("    value: 1\n    tolerance: 0\n"));
  dir.Write("a.yaml", fact);
  dir.Write("b.yaml", fact);  // the same id again
  dir.Write("notes.txt", "not a fact file");
  std::filesystem::create_directories(dir.path / ".hidden");
  dir.Write(".hidden/c.yaml", "this is: [not read");
  Diagnostics d;
  auto facts = LoadFacts(dir.path.string(), ShippedKeys(), d);
  CHECK(facts.size() == 1);
  REQUIRE(d.ErrorCount() == 1);
  CHECK(d.items()[0].code == "F012");
  CHECK(d.items()[0].path == (dir.path / "b.yaml").string());
  CHECK(d.items()[0].line == 3);
  CHECK_THAT(d.items()[0].hint, Catch::Contains("a.yaml:3"));

  Diagnostics missing;
  LoadFacts((dir.path / "nope").string(), ShippedKeys(), missing);
  REQUIRE(missing.HasErrors());
  CHECK(missing.items()[0].code == "F001");

  TempDir empty;
  Diagnostics none;
  CHECK(LoadFacts(empty.path.string(), ShippedKeys(), none).empty());
  CHECK_FALSE(none.HasErrors());
  REQUIRE(none.WarningCount() == 1);
  CHECK(none.items()[0].code == "F024");

  TempDir binary;
  binary.Write("x.csv", std::string("id,source\n\xff\xfe,x\n"));
  Diagnostics enc;
  LoadFacts(binary.path.string(), ShippedKeys(), enc);
  REQUIRE(enc.HasErrors());
  CHECK(enc.items()[0].code == "F002");
}

// The seed sentence: "Die Verluste auf russischer Seite – laut ihm 20.000 Soldaten pro Monat".
Rec Rutte(const std::string& figure, double value, Qualifier q = Qualifier::kNone) {
  Rec r;
  r.id = "c1";
  r.sentence = "Die Verluste auf russischer Seite – laut ihm " + figure +
               " Soldaten pro Monat – wirkten für manchen inzwischen beinahe surreal.";
  r.figure = figure;
  r.value = value;
  r.qualifier = q;
  r.period = Period::kMonth;
  r.date = "2025-03-01";
  return r;
}

ReferenceFact Nato(double value, double tolerance) {
  Diagnostics d;
  auto f = ParseYaml(
      OneFact(kGoodKey + fmt::format("    value: {}\n    tolerance: {}\n", value, tolerance)), d);
  REQUIRE(f.size() == 1);
  return f[0];
}

Suggestion One(const Rec& r, const ReferenceFact& f) {
  auto out = Suggest({Make(r)}, {f}, ShippedKeys());
  REQUIRE(out.size() == 1);
  return out[0];
}

TEST_CASE("suggest: the brief's example, 20,000 against 12,000 ±5%, is false", "[facts]") {
  Suggestion s = One(Rutte("20.000", 20000), Nato(12000, 0.05));
  CHECK(s.rating == "false");
  CHECK(s.key == "troops/soldier/month loss=losses side=russian");
  CHECK(s.claimed.low == Approx(19500));
  CHECK(s.claimed.high == Approx(20500));
  CHECK(s.deviation == Approx(8000.0 / 12000));
  CHECK(s.gap == Approx((19500.0 - 12600) / 12000));
  CHECK_THAT(s.arithmetic,
             Catch::Contains("claimed \"20.000\" = 20,000, asserts 19,500–20,500; reference "
                             "12,000 ±5% = 11,400–12,600 (nato-losses, 2025-02-28) → off by "
                             "+67%, 57% outside the reference (more than 25%): suggest false"));
}

TEST_CASE("suggest: thresholds on the gap between the intervals", "[facts]") {
  // The hedge is honoured: "rund 20.000" asserts 18,000-22,000, which meets 19,000 ±2%.
  CHECK(One(Rutte("rund 20.000", 20000, Qualifier::kApprox), Nato(19000, 0.02)).rating == "true");
  // 20,000 asserts 19,500-20,500; 18,000 ±5% allows up to 18,900: 600/18,000 = 3.3%.
  CHECK(One(Rutte("20.000", 20000), Nato(18000, 0.05)).rating == "mostly-true");
  // 16,000 ±0: gap 3,500/16,000 = 22%.
  CHECK(One(Rutte("20.000", 20000), Nato(16000, 0)).rating == "misleading");
  // Below the reference: 10,000 vs 12,000 ±0: gap (12,000 - 10,500)/12,000 = 12.5%, negative.
  Suggestion low = One(Rutte("10.000", 10000), Nato(12000, 0));
  CHECK(low.rating == "misleading");
  CHECK(low.gap < 0);
  CHECK(low.deviation == Approx(-2000.0 / 12000));
  // A floor that holds but lies far below: true as a bound, mostly-true as a statement.
  Suggestion floor = One(Rutte("mehr als 3.000", 3000, Qualifier::kMoreThan), Nato(12000, 0.05));
  CHECK(floor.one_sided);
  CHECK(floor.rating == "mostly-true");
  CHECK(One(Rutte("mehr als 11.000", 11000, Qualifier::kMoreThan), Nato(12000, 0.05)).rating ==
        "true");
  // A thousand-fold slip is false, and said so.
  Suggestion slip = One(Rutte("20", 20), Nato(20000, 0.05));
  CHECK(slip.rating == "false");
  CHECK(slip.scale == 1000);
  CHECK_THAT(slip.arithmetic, Catch::Contains("factor of about 1,000"));
}

TEST_CASE("suggest: a fact meets only claims of its key, context and validity", "[facts]") {
  const ReferenceFact f = Nato(12000, 0.05);
  // Another side (soft tag with a different value): not about the same thing.
  Rec ukr = Rutte("20.000", 20000);
  ukr.sentence = "Die Verluste auf ukrainischer Seite – laut ihm 20.000 Soldaten pro Monat.";
  CHECK(Suggest({Make(ukr)}, {f}, ShippedKeys()).empty());
  // No side named: a soft tag absent on one side does not keep them apart (as in check).
  Rec none = Rutte("20.000", 20000);
  none.sentence = "Die Verluste liegen laut ihm bei 20.000 Soldaten pro Monat.";
  CHECK(Suggest({Make(none)}, {f}, ShippedKeys()).size() == 1);
  // Another period: another group.
  Rec week = Rutte("20.000", 20000);
  week.sentence = "Die Verluste auf russischer Seite – laut ihm 20.000 Soldaten pro Woche.";
  week.period = Period::kWeek;
  CHECK(Suggest({Make(week)}, {f}, ShippedKeys()).empty());
  // Without "Verluste" the hard tag loss=losses is missing: troop strength, not losses.
  Rec strength = Rutte("20.000", 20000);
  strength.sentence = "Russland hat laut ihm 20.000 Soldaten pro Monat an die Front geschickt.";
  CHECK(Suggest({Make(strength)}, {f}, ShippedKeys()).empty());

  // Validity: only claims dated within it; an undated claim meets only an open fact.
  ReferenceFact dated = f;
  dated.valid_from = "2025-02-01";
  dated.valid_until = "2025-02-28";
  CHECK(Suggest({Make(Rutte("20.000", 20000))}, {dated}, ShippedKeys()).empty());
  dated.valid_until = "2025-03-31";
  CHECK(Suggest({Make(Rutte("20.000", 20000))}, {dated}, ShippedKeys()).size() == 1);
  Rec undated = Rutte("20.000", 20000);
  undated.date = "";
  CHECK(Suggest({Make(undated)}, {dated}, ShippedKeys()).empty());
  CHECK(Suggest({Make(undated)}, {f}, ShippedKeys()).size() == 1);
}

TEST_CASE("suggest: of several facts, the one dated closest to the claim is used", "[facts]") {
  ReferenceFact feb = Nato(12000, 0.05);
  feb.id = "nato-feb";
  feb.date = "2025-02-28";
  ReferenceFact old = Nato(20000, 0.05);
  old.id = "nato-2024";
  old.date = "2024-06-30";
  Suggestion s = One(Rutte("20.000", 20000), old);
  CHECK(s.rating == "true");
  auto both = Suggest({Make(Rutte("20.000", 20000))}, {old, feb}, ShippedKeys());
  REQUIRE(both.size() == 1);
  CHECK(both[0].fact->id == "nato-feb");
  CHECK(both[0].other_facts == std::vector<std::string>{"nato-2024"});
}

TEST_CASE("the shipped example facts lint cleanly", "[facts]") {
  Diagnostics d;
  auto facts = LoadFacts(std::string(CLAIMTRACK_SOURCE_DIR) + "/claims_db/facts", ShippedKeys(), d);
  INFO(d.ToString());
  CHECK(d.empty());
  CHECK(facts.size() >= 3);
}

}  // namespace
}  // namespace claimtrack::facts
