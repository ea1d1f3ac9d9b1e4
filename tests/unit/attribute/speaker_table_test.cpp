// The speakers file: linting (located S0xx diagnostics), alias and role look-ups.

#include <catch2/catch.hpp>

#include "test_util.h"

namespace claimtrack::attribute {
namespace {

std::shared_ptr<const SpeakerTable> Parse(const std::string& yaml, Diagnostics& d) {
  return SpeakerTable::Parse(yaml, "speakers.yaml", d);
}

const Diagnostic* FindCode(const Diagnostics& d, const std::string& code) {
  for (const auto& item : d.items())
    if (item.code == code) return &item;
  return nullptr;
}

const char* kGood = R"(version: 1
speakers:
  - id: mark-rutte
    name: Mark Rutte
    kind: person
    gender: m
    aliases: [Mark Rutte, Rutte]
    roles:
      - title: [NATO-Generalsekretär, NATO secretary general]
        org: NATO
        from: 2024-10-01
        to: null
  - id: jens-stoltenberg
    name: Jens Stoltenberg
    kind: person
    gender: m
    aliases: [Stoltenberg]
    roles:
      - title: [NATO-Generalsekretär, NATO secretary general]
        org: NATO
        from: 2014-10-01
        to: 2024-10-01
  - id: pentagon
    name: Pentagon
    kind: organisation
    aliases: [Pentagon, US Department of Defense]
)";

TEST_CASE("the shipped speakers file loads without errors or warnings", "[attribute][speakers]") {
  Diagnostics d;
  auto t = LoadSpeakerTable(testing::SourcePath("rules/speakers.yaml"), d);
  INFO(d.ToString());
  REQUIRE(t != nullptr);
  CHECK(d.empty());
  CHECK(ListSpeakers(*t).size() >= 40);
  for (const char* id : {"mark-rutte", "donald-trump", "vladimir-putin"}) {
    CHECK(t->FindById(id) != nullptr);
  }
}

TEST_CASE("alias look-up ignores case and a leading article", "[attribute][speakers]") {
  Diagnostics d;
  auto t = Parse(kGood, d);
  REQUIRE(t);
  const Speaker* s = FindSpeaker(*t, "RUTTE");
  REQUIRE(s != nullptr);
  CHECK(s->id == "mark-rutte");
  CHECK(FindSpeaker(*t, "mark rutte")->id == "mark-rutte");
  CHECK(FindSpeaker(*t, "das Pentagon")->id == "pentagon");
  CHECK(FindSpeaker(*t, "The Pentagon")->id == "pentagon");
  CHECK(FindSpeaker(*t, "des Pentagons")->id == "pentagon");  // German genitive
  CHECK(FindSpeaker(*t, "us department of defense")->id == "pentagon");
  CHECK(FindSpeaker(*t, "Ruttex") == nullptr);
  CHECK(FindSpeaker(*t, "") == nullptr);
}

TEST_CASE("a role title resolves to whoever held it on the article's date",
          "[attribute][speakers]") {
  Diagnostics d;
  auto t = Parse(kGood, d);
  REQUIRE(t);
  CHECK(FindSpeaker(*t, "NATO-Generalsekretär", "2020-05-01")->id == "jens-stoltenberg");
  CHECK(FindSpeaker(*t, "NATO-Generalsekretär", "2024-09-30")->id == "jens-stoltenberg");
  // `to` is exclusive: the hand-over day belongs to the successor.
  CHECK(FindSpeaker(*t, "nato-generalsekretär", "2024-10-01")->id == "mark-rutte");
  CHECK(FindSpeaker(*t, "NATO secretary general", "2025-03-05T10:00:00Z")->id == "mark-rutte");
  // No date: the current holder (open role).
  CHECK(FindSpeaker(*t, "NATO secretary general")->id == "mark-rutte");
  // Before anyone held it.
  CHECK(FindSpeaker(*t, "NATO-Generalsekretär", "2010-01-01") == nullptr);
}

TEST_CASE("the shipped table knows role periods of US presidents", "[attribute][speakers]") {
  auto t = testing::ShippedTable();
  CHECK(FindSpeaker(*t, "US-Präsident", "2019-06-01")->id == "donald-trump");
  CHECK(FindSpeaker(*t, "US President", "2023-06-01")->id == "joe-biden");
  CHECK(FindSpeaker(*t, "US-Präsident", "2025-06-01")->id == "donald-trump");
  CHECK(FindSpeaker(*t, "der Kremlchef")->id == "vladimir-putin");
  CHECK(FindSpeaker(*t, "Bundeskanzler", "2024-01-01")->id == "olaf-scholz");
  CHECK(FindSpeaker(*t, "Bundeskanzler", "2025-06-01")->id == "friedrich-merz");
}

TEST_CASE("kind and gender are read as typed values", "[attribute][speakers]") {
  Diagnostics d;
  auto t = Parse(
      "speakers:\n  - {id: a, name: Anna Alt, kind: person, gender: f}\n"
      "  - {id: b, name: Bund, kind: organisation}\n",
      d);
  REQUIRE(t != nullptr);
  REQUIRE(t->entries().size() == 2);
  const Speaker& anna = t->entries()[0].speaker;
  CHECK(anna.kind == SpeakerKind::kPerson);
  CHECK(anna.gender == Gender::kFemale);
  const Speaker& bund = t->entries()[1].speaker;
  CHECK(bund.kind == SpeakerKind::kOrganisation);
  CHECK(bund.gender == Gender::kUnknown);
  CHECK(ToString(anna.kind) == "person");
  CHECK(ToString(bund.kind) == "organisation");
  CHECK(ToString(SpeakerKind::kUnknown).empty());
  CHECK(ToString(anna.gender) == "f");
  CHECK(ToString(Gender::kMale) == "m");
}

TEST_CASE("unknown keys are errors with a did-you-mean and a position", "[attribute][speakers]") {
  Diagnostics d;
  auto t = Parse("speakers:\n  - id: a\n    name: A\n    kind: person\n    alias: [B]\n", d);
  CHECK(t == nullptr);
  const Diagnostic* e = FindCode(d, "S004");
  REQUIRE(e != nullptr);
  CHECK(e->line == 5);
  CHECK(e->col == 5);
  CHECK(e->hint.find("aliases") != std::string::npos);
  CHECK(e->path == "speakers.yaml");
  CHECK(FormatDiagnostic(*e).find("speakers.yaml:5:5: error[S004]") == 0);
}

TEST_CASE("duplicate ids and aliases are located errors", "[attribute][speakers]") {
  Diagnostics d;
  auto t = Parse(
      "speakers:\n"
      "  - id: a\n    name: Anna Alt\n    kind: person\n    aliases: [Alt]\n"
      "  - id: a\n    name: Bert Alt\n    kind: person\n"
      "  - id: c\n    name: Carl Alt\n    kind: person\n    aliases: [ALT]\n",
      d);
  CHECK(t == nullptr);
  const Diagnostic* dup = FindCode(d, "S009");
  REQUIRE(dup != nullptr);
  CHECK(dup->line == 6);
  CHECK(dup->col == 9);
  const Diagnostic* alias = FindCode(d, "S010");
  REQUIRE(alias != nullptr);
  CHECK(alias->line == 12);
  CHECK(alias->col == 15);
  CHECK(alias->message.find("'a'") != std::string::npos);
}

TEST_CASE("duplicate keys in a mapping are detected (YAML would keep one)",
          "[attribute][speakers]") {
  Diagnostics d;
  auto t = Parse("speakers:\n  - id: a\n    name: A\n    kind: person\n    name: B\n", d);
  CHECK(t == nullptr);
  const Diagnostic* e = FindCode(d, "S013");
  REQUIRE(e != nullptr);
  CHECK(e->line == 5);
  CHECK(e->col == 5);
}

TEST_CASE("bad dates and inverted periods are located errors", "[attribute][speakers]") {
  Diagnostics d;
  auto t = Parse(
      "speakers:\n  - id: a\n    name: A\n    kind: person\n    roles:\n"
      "      - title: [Chef]\n        from: 2024-02-30\n"
      "      - title: [Boss]\n        from: 2024-05-01\n        to: 2023-01-01\n"
      "      - title: [Head]\n        from: '2024'\n",
      d);
  CHECK(t == nullptr);
  std::vector<std::pair<int, int>> bad_dates;
  for (const auto& item : d.items())
    if (item.code == "S011") bad_dates.emplace_back(item.line, item.col);
  CHECK(bad_dates == std::vector<std::pair<int, int>>{{7, 15}, {12, 15}});
  const Diagnostic* inv = FindCode(d, "S012");
  REQUIRE(inv != nullptr);
  CHECK(inv->line == 10);
  CHECK(inv->col == 13);
}

TEST_CASE("columns count characters, not bytes", "[attribute][speakers]") {
  Diagnostics d;
  auto t = Parse("speakers:\n  - {id: ä-b, name: Ärger, kind: persön}\n", d);
  CHECK(t == nullptr);
  const Diagnostic* kind = FindCode(d, "S007");
  REQUIRE(kind != nullptr);
  CHECK(kind->line == 2);
  CHECK(kind->col == 34);  // 33 characters (35 bytes) precede the value
  CHECK(kind->hint.find("person") != std::string::npos);
  CHECK(FindCode(d, "S008") != nullptr);  // id with a non-ASCII letter
}

TEST_CASE("anchors, aliases, deep nesting and second documents are rejected",
          "[attribute][speakers]") {
  {
    Diagnostics d;
    CHECK(Parse("speakers:\n  - &x {id: a, name: A, kind: person}\n  - *x\n", d) == nullptr);
    REQUIRE(FindCode(d, "S014") != nullptr);
    CHECK(FindCode(d, "S014")->line == 2);
  }
  {
    Diagnostics d;
    std::string deep = "speakers: " + std::string(40, '[') + std::string(40, ']') + "\n";
    CHECK(Parse(deep, d) == nullptr);
    CHECK(FindCode(d, "S015") != nullptr);
  }
  {
    Diagnostics d;
    CHECK(Parse("speakers: []\n---\nspeakers: []\n", d) == nullptr);
    REQUIRE(FindCode(d, "S016") != nullptr);
    CHECK(FindCode(d, "S016")->line == 2);
  }
}

TEST_CASE("syntax errors and wrong shapes never crash and are located", "[attribute][speakers]") {
  for (const char* bad : {",", "speakers: [", "- a\n- b\n", "speakers: 5\n", "\"\\d\": 1\n",
                          "speakers:\n  - 1\n  - [x]\n", "speakers:\n  - id: [a]\n", "", "\t\n",
                          "speakers:\n  - {id: a, name: A}\n", "version: 2\nspeakers: []\n"}) {
    Diagnostics d;
    auto t = Parse(bad, d);
    INFO(bad);
    CHECK(t == nullptr);
    CHECK(d.HasErrors());
    for (const auto& item : d.items()) {
      CHECK(item.code.size() == 4);
      CHECK(item.code[0] == 'S');
    }
  }
}

TEST_CASE("overlapping holders of one title are warned about", "[attribute][speakers]") {
  Diagnostics d;
  auto t = Parse(
      "speakers:\n"
      "  - {id: a, name: A, kind: person, roles: [{title: Chef, from: 2020-01-01}]}\n"
      "  - {id: b, name: B, kind: person, roles: [{title: Chef, from: 2022-01-01}]}\n",
      d);
  REQUIRE(t != nullptr);
  const Diagnostic* w = FindCode(d, "S017");
  REQUIRE(w != nullptr);
  CHECK(w->severity == Severity::kWarning);
  // The later start wins while both are open.
  CHECK(FindSpeaker(*t, "Chef", "2023-01-01")->id == "b");
}

TEST_CASE("a missing speakers file is an S001 error", "[attribute][speakers]") {
  Diagnostics d;
  CHECK(LoadSpeakerTable("/nonexistent/speakers.yaml", d) == nullptr);
  REQUIRE(FindCode(d, "S001") != nullptr);
}

}  // namespace
}  // namespace claimtrack::attribute
