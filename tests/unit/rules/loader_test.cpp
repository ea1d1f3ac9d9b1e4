// Rule loading: every problem a rule author can make is reported at file:line:col with a
// code and a hint, all problems of a file at once, and nothing crashes or hangs.

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "claimtrack/rules/rule_set.h"

namespace fs = std::filesystem;
using claimtrack::Diagnostic;
using claimtrack::Diagnostics;
using claimtrack::rules::LoadRuleSet;

namespace {

// A scratch rules folder with the shipped pattern library next to it.
class Scratch {
 public:
  Scratch() {
    dir_ = fs::temp_directory_path() /
           ("claimtrack-rules-" + std::to_string(reinterpret_cast<uintptr_t>(this)) + "-" +
            std::to_string(counter_++));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "patterns");
    fs::copy_file(fs::path(CLAIMTRACK_SOURCE_DIR) / "rules/patterns/numbers.yaml",
                  dir_ / "patterns/numbers.yaml");
  }
  ~Scratch() { fs::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& content) {
    fs::path p = dir_ / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
    return p.string();
  }
  std::string dir() const { return dir_.string(); }

 private:
  static inline int counter_ = 0;
  fs::path dir_;
};

const Diagnostic* Find(const Diagnostics& d, const std::string& code) {
  for (const auto& x : d.items()) {
    if (x.code == code) return &x;
  }
  return nullptr;
}

const char* kGood = R"(rules:
  - id: de.test.soldiers
    lang: de
    claim_type: troops
    pattern: '(?P<value>%{AMOUNT_DE})\s+Soldaten'
    examples:
      match:
        - text: 'Es waren 20.000 Soldaten.'
          value: 20000
)";

}  // namespace

TEST_CASE("a valid rule file loads and compiles", "[rules]") {
  Scratch s;
  s.Write("de/a.yaml", kGood);
  Diagnostics d;
  auto set = LoadRuleSet({s.dir()}, d);
  INFO(d.ToString());
  REQUIRE(set);
  REQUIRE(set->rules().size() == 1);
  CHECK(set->rules()[0].id == "de.test.soldiers");
  CHECK(set->rules()[0].line == 2);
  CHECK(set->rules()[0].expanded_pattern.find("%{") == std::string::npos);
  CHECK(set->patterns().count("AMOUNT_DE") == 1);
  CHECK(set->version().size() == 16);
}

TEST_CASE("unknown keys are errors with a did-you-mean suggestion", "[rules]") {
  Scratch s;
  std::string path = s.Write("a.yaml", R"(rules:
  - id: x.one
    lang: de
    claim_type: troops
    patern: '(?P<value>\d+)'
)");
  Diagnostics d;
  CHECK_FALSE(LoadRuleSet({path}, d));
  const Diagnostic* e = Find(d, "R010");
  REQUIRE(e);
  CHECK(e->path == path);
  CHECK(e->line == 5);
  CHECK(e->col == 5);
  CHECK(e->hint.find("did you mean 'pattern'") != std::string::npos);
  // The missing pattern is reported too: all problems at once.
  CHECK(Find(d, "R011"));
}

TEST_CASE("an invalid regex reports RE2's message at the offending position", "[rules]") {
  Scratch s;
  std::string path = s.Write("a.yaml", R"(rules:
  - id: x.one
    lang: de
    claim_type: troops
    pattern: '(?P<value>\d+'
)");
  Diagnostics d;
  CHECK_FALSE(LoadRuleSet({path}, d));
  const Diagnostic* e = Find(d, "R020");
  REQUIRE(e);
  CHECK(e->line == 5);
  CHECK(e->message.find("missing )") != std::string::npos);
  CHECK(e->hint.find("lookaround") != std::string::npos);
  CHECK(claimtrack::FormatDiagnostic(*e).find(path + ":5:") == 0);
}

TEST_CASE("lookaround and backreferences are explained as RE2 limits", "[rules]") {
  Scratch s;
  std::string path = s.Write("a.yaml", R"(rules:
  - id: x.look
    lang: en
    claim_type: troops
    pattern: '(?<=about )(?P<value>\d+)'
  - id: x.back
    lang: en
    claim_type: troops
    pattern: '(?P<value>\d+) and \1'
)");
  Diagnostics d;
  CHECK_FALSE(LoadRuleSet({path}, d));
  int r021 = 0;
  for (const auto& x : d.items()) {
    if (x.code != "R021") continue;
    ++r021;
    CHECK(x.hint.find("no lookaround or backreferences") != std::string::npos);
    if (x.line == 5) CHECK(x.col == 15);  // the "(?<=" inside the quotes
    if (x.line == 9) CHECK(x.col == 34);  // the "\1"
  }
  CHECK(r021 == 2);
}

TEST_CASE("a rule without a value group is rejected", "[rules]") {
  Scratch s;
  std::string path = s.Write("a.yaml", R"(rules:
  - id: x.novalue
    lang: de
    claim_type: troops
    pattern: '(?P<amount>\d+) Soldaten'
)");
  Diagnostics d;
  CHECK_FALSE(LoadRuleSet({path}, d));
  CHECK(Find(d, "R022"));
  const Diagnostic* g = Find(d, "R023");  // unknown group name
  REQUIRE(g);
  CHECK(g->line == 5);
}

TEST_CASE("duplicate rule ids across files name the first definition", "[rules]") {
  Scratch s;
  s.Write("de/a.yaml", kGood);
  std::string second = s.Write("de/b.yaml", kGood);
  Diagnostics d;
  CHECK_FALSE(LoadRuleSet({s.dir()}, d));
  const Diagnostic* e = Find(d, "R013");
  REQUIRE(e);
  CHECK(e->path == second);
  CHECK(e->line == 2);
  CHECK(e->message.find("a.yaml:2") != std::string::npos);
}

TEST_CASE("duplicate YAML keys are detected", "[rules]") {
  Scratch s;
  std::string path = s.Write("a.yaml", R"(rules:
  - id: x.one
    lang: de
    lang: en
    claim_type: troops
    pattern: '(?P<value>\d+)'
)");
  Diagnostics d;
  CHECK_FALSE(LoadRuleSet({path}, d));
  const Diagnostic* e = Find(d, "R006");
  REQUIRE(e);
  CHECK(e->line == 4);
  CHECK(e->col == 5);
}

TEST_CASE("anchors and aliases are refused before they can explode", "[rules]") {
  Scratch s;
  std::string path = s.Write("a.yaml", R"(a: &a ["x", "x", "x"]
b: &b [*a, *a, *a, *a]
c: &c [*b, *b, *b, *b]
rules: [*c]
)");
  Diagnostics d;
  CHECK_FALSE(LoadRuleSet({path}, d));
  const Diagnostic* e = Find(d, "R005");
  REQUIRE(e);
  CHECK(e->line == 1);
}

TEST_CASE("a regex in double quotes gets a hint to use single quotes", "[rules]") {
  Scratch s;
  std::string path = s.Write("a.yaml", R"y(rules:
  - id: x.one
    lang: de
    claim_type: troops
    pattern: "(?P<value>\d+)"
)y");
  Diagnostics d;
  CHECK_FALSE(LoadRuleSet({path}, d));
  const Diagnostic* e = Find(d, "R003");
  REQUIRE(e);
  CHECK(e->line == 5);
  CHECK(e->hint.find("single quotes") != std::string::npos);
}

TEST_CASE("several documents, empty files, bad bytes and deep nesting are located errors",
          "[rules]") {
  Scratch s;
  SECTION("second document") {
    std::string path = s.Write("a.yaml", std::string(kGood) + "---\nrules: []\n");
    Diagnostics d;
    CHECK_FALSE(LoadRuleSet({path}, d));
    const Diagnostic* e = Find(d, "R004");
    REQUIRE(e);
    CHECK(e->line == 10);
  }
  SECTION("empty file") {
    std::string path = s.Write("a.yaml", "# nothing here\n\n");
    Diagnostics d;
    CHECK_FALSE(LoadRuleSet({path}, d));
    CHECK(Find(d, "R002"));
  }
  SECTION("a lone comma does not hang the loader") {
    std::string path = s.Write("a.yaml", ",");
    Diagnostics d;
    CHECK_FALSE(LoadRuleSet({path}, d));
    CHECK(d.HasErrors());
  }
  SECTION("Windows-1252 bytes") {
    std::string path = s.Write("a.yaml",
                               "rules:\n  - id: x\n    description: 'Gr\xFC\xDF"
                               "e'\n");
    Diagnostics d;
    CHECK_FALSE(LoadRuleSet({path}, d));
    const Diagnostic* e = Find(d, "R008");
    REQUIRE(e);
    CHECK(e->line == 3);
    CHECK(e->col == 21);
  }
  SECTION("deep nesting") {
    std::string deep = "rules: " + std::string(5000, '[') + std::string(5000, ']') + "\n";
    std::string path = s.Write("a.yaml", deep);
    Diagnostics d;
    CHECK_FALSE(LoadRuleSet({path}, d));
    CHECK(d.HasErrors());
  }
}

TEST_CASE("pattern references must exist and must not recurse", "[rules]") {
  Scratch s;
  s.Write("patterns/extra.yaml", R"(patterns:
  LOOP_A: 'a%{LOOP_B}'
  LOOP_B: 'b%{LOOP_A}'
)");
  std::string path = s.Write("a.yaml", R"(rules:
  - id: x.one
    lang: de
    claim_type: troops
    pattern: '(?P<value>%{AMOUNT_DEE})'
)");
  Diagnostics d;
  CHECK_FALSE(LoadRuleSet({s.dir()}, d));
  const Diagnostic* undefined = Find(d, "R024");
  REQUIRE(undefined);
  CHECK(undefined->path == path);
  CHECK(undefined->hint.find("%{AMOUNT_DE}") != std::string::npos);
  CHECK(Find(d, "R025"));
}

TEST_CASE("match finds every figure of a candidate rule with its groups", "[rules]") {
  Scratch s;
  s.Write("de/a.yaml", R"(rules:
  - id: de.x
    lang: de
    claim_type: troops
    pattern: '(?P<value>%{AMOUNT_DE})\s+(?P<unit>Soldaten)(?:\s+(?P<period>%{PERIOD_DE}))?'
)");
  Diagnostics d;
  auto set = LoadRuleSet({s.dir()}, d);
  REQUIRE(set);
  std::string text = "Erst 500 Soldaten, dann 20.000 Soldaten pro Monat.";
  auto m = set->Match(text, claimtrack::normalize::Lang::kDe);
  REQUIRE(m.size() == 2);
  std::sort(m.begin(), m.end(), [](auto& a, auto& b) { return a.value.begin < b.value.begin; });
  CHECK(text.substr(m[0].value.begin, m[0].value.size()) == "500");
  CHECK_FALSE(m[0].period.has_value());
  CHECK(text.substr(m[1].value.begin, m[1].value.size()) == "20.000");
  REQUIRE(m[1].period.has_value());
  CHECK(text.substr(m[1].period->begin, m[1].period->size()) == "pro Monat");
  // English rules do not run on German text.
  CHECK(set->Match(text, claimtrack::normalize::Lang::kEn).empty());
}

TEST_CASE("an unbalanced parenthesis is located in the rule as written, not in the expansion",
          "[rules]") {
  Scratch s;
  s.Write("bad.yaml", R"(rules:
  - id: de.bad
    lang: de
    claim_type: troops
    pattern: '(?P<value>%{AMOUNT_DE}) (Soldaten'
)");
  Diagnostics d;
  CHECK(LoadRuleSet({s.dir()}, d) == nullptr);
  const Diagnostic* e = Find(d, "R020");
  REQUIRE(e);
  CHECK(e->line == 5);
  CHECK(e->col == 39);  // the '(' of "(Soldaten"
  CHECK(e->message.find("missing )") != std::string::npos);
  CHECK(e->message.size() < 120);  // no expansion of the pattern library in the message
  CHECK(d.ErrorCount() == 1);
}

TEST_CASE("a recursive pattern loop is reported once", "[rules]") {
  Scratch s;
  s.Write("patterns/loop.yaml", "patterns:\n  LOOP_A: '%{LOOP_B}x'\n  LOOP_B: '%{LOOP_A}y'\n");
  s.Write("r.yaml", kGood);
  Diagnostics d;
  CHECK(LoadRuleSet({s.dir()}, d) == nullptr);
  size_t n = 0;
  for (const auto& x : d.items()) n += x.code == "R025";
  CHECK(n == 1);
}

TEST_CASE("an exclude rule wins its figure and yields no claim", "[rules]") {
  Scratch s;
  s.Write("r.yaml", R"(rules:
  - id: de.test.generic
    lang: de
    claim_type: other
    priority: -10
    pattern: '(?P<value>\d+)\s+(?P<unit>\pL+)'
  - id: de.test.age
    lang: de
    exclude: true
    priority: 100
    pattern: '(?P<value>\d+)\s+Jahre\s+alt'
)");
  Diagnostics d;
  auto rs = LoadRuleSet({s.dir()}, d);
  REQUIRE(rs);
  CHECK(rs->rules()[1].exclude);
  CHECK(rs->rules()[1].claim_type == "excluded");
}

TEST_CASE("rule files in memory load against a library loaded once, as from disk", "[rules]") {
  using claimtrack::rules::LoadPatternLibrary;
  using claimtrack::rules::RuleFileText;
  Scratch s;
  std::string rule_path = s.Write("a.yaml", kGood);
  std::ifstream in(fs::path(s.dir()) / "patterns/numbers.yaml", std::ios::binary);
  std::string numbers((std::istreambuf_iterator<char>(in)), {});
  Diagnostics d;
  auto library = LoadPatternLibrary({{s.dir() + "/patterns/numbers.yaml", numbers}}, d);
  INFO(d.ToString());
  REQUIRE(library);
  CHECK(library->patterns().count("AMOUNT_DE") == 1);

  auto from_disk = LoadRuleSet({rule_path}, d);
  REQUIRE(from_disk);
  for (int round = 0; round < 2; ++round) {  // the library is reused, not used up
    auto in_memory = LoadRuleSet({{rule_path, kGood}}, *library, d);
    REQUIRE(in_memory);
    REQUIRE(in_memory->rules().size() == 1);
    CHECK(in_memory->rules()[0].expanded_pattern == from_disk->rules()[0].expanded_pattern);
    CHECK(in_memory->version() == from_disk->version());
    CHECK(in_memory->patterns() == from_disk->patterns());
    CHECK(in_memory->Match("Es waren 20.000 Soldaten.", claimtrack::normalize::Lang::kDe).size() ==
          1);
  }

  SECTION("an extra pattern file adds names; a clash with the library is located") {
    std::string extra = "patterns:\n  TROOPS_DE: 'Soldaten'\n  AMOUNT_DE: '\\d+'\n";
    std::string rules = R"(rules:
  - id: de.test.extra
    lang: de
    claim_type: troops
    pattern: '(?P<value>%{AMOUNT_DE})\s+%{TROOPS_DE}'
)";
    Diagnostics d2;
    CHECK_FALSE(
        LoadRuleSet({{"mem/patterns/extra.yaml", extra}, {"mem/r.yaml", rules}}, *library, d2));
    const Diagnostic* clash = Find(d2, "R013");
    REQUIRE(clash);
    CHECK(clash->path == "mem/patterns/extra.yaml");
    CHECK(clash->line == 3);
    extra = "patterns:\n  TROOPS_DE: 'Soldaten'\n";
    Diagnostics d3;
    auto rs =
        LoadRuleSet({{"mem/patterns/extra.yaml", extra}, {"mem/r.yaml", rules}}, *library, d3);
    INFO(d3.ToString());
    REQUIRE(rs);
    CHECK(rs->patterns().count("TROOPS_DE") == 1);
    CHECK(library->patterns().count("TROOPS_DE") == 0);
  }

  SECTION("errors in memory are located like errors on disk") {
    Diagnostics d2;
    CHECK_FALSE(LoadRuleSet({{"mem/r.yaml", "rules:\n  - id: x\n    lang: de\n    patern: 'a'\n"}},
                            *library, d2));
    const Diagnostic* e = Find(d2, "R010");
    REQUIRE(e);
    CHECK(e->path == "mem/r.yaml");
    CHECK(e->line == 4);
  }
}

TEST_CASE("a diagnostic on a long line shows a window around the column, caret aligned",
          "[rules]") {
  std::string line = "rules: [{id: a, " + std::string(2000, 'x') + ", name: ü\x01ZZ, " +
                     std::string(2000, 'y') + "}]";
  const size_t z = line.find("ZZ") - 1;  // columns count code points: "ü" is one
  claimtrack::Diagnostic d{
      "r.yaml", 1,   static_cast<int>(z + 1), claimtrack::Severity::kError, "R006", "duplicate key",
      "",       line};
  const std::string shown = claimtrack::FormatDiagnostic(d);
  CHECK(shown.size() < 400);
  // The caret line sits under the source line; the caret points at "ZZ" as displayed.
  const size_t src = shown.find('\n') + 1;
  const std::string src_line = shown.substr(src, shown.find('\n', src) - src);
  const size_t caret_at = src + src_line.size() + 1;
  const std::string caret_line = shown.substr(caret_at, shown.find('\n', caret_at) - caret_at);
  REQUIRE(caret_line.find('^') != std::string::npos);
  // Count code points of the source line up to the caret's column.
  const size_t width = caret_line.find('^');
  size_t cps = 0, i = 0;
  while (i < src_line.size() && cps < width) {
    ++cps;
    ++i;
    while (i < src_line.size() && (static_cast<unsigned char>(src_line[i]) & 0xC0) == 0x80) ++i;
  }
  CHECK(src_line.substr(i, 2) == "ZZ");
  CHECK(src_line.find("…") != std::string::npos);
}

TEST_CASE("review: true is read per rule and from defaults; other values are R014", "[rules]") {
  const std::string yaml =
      "defaults:\n  lang: de\n  review: true\nrules:\n"
      "  - id: de.t.a\n    claim_type: money\n    pattern: '(?P<value>\\d+) Euro'\n"
      "  - id: de.t.b\n    claim_type: money\n    review: false\n"
      "    pattern: '(?P<value>\\d+) Dollar'\n";
  Scratch s;
  claimtrack::Diagnostics diags;
  auto set = LoadRuleSet({s.Write("r.yaml", yaml)}, diags);
  REQUIRE(set);
  CHECK(set->rules()[0].review);
  CHECK_FALSE(set->rules()[1].review);
  claimtrack::Diagnostics bad;
  const std::string path =
      s.Write("bad.yaml",
              "rules:\n  - id: de.t.c\n    lang: de\n    claim_type: money\n    review: ja\n"
              "    pattern: '(?P<value>\\d+) Euro'\n");
  CHECK_FALSE(LoadRuleSet({path}, bad));
  CHECK(bad.ToString().find(path + ":5:13: error[R014]: review must be true or false") !=
        std::string::npos);
}
