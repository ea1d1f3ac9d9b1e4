// Fuzzes the rule loader (rules/rule_set.h) the way `claimtrack rules lint` runs it: the
// input is a rule file, loaded against the shipped pattern library (rules/patterns/*.yaml),
// which is loaded and compiled once at start-up (LoadPatternLibrary) and shared by every
// input, as a long-running process would. If the input contains the line "#%patterns", the
// part after it is one more pattern file beside the library, so pattern definitions (names,
// %{NAME} expansion, recursion, clashes with the library) are fuzzed too.
// A rule set that loads is then run: every rule on its own examples, and all rules on a
// fixed German/English text. Checks: null exactly when there are errors; matches point
// into the text and name a loaded rule.
//
// The shipped library is found through $CLAIMTRACK_FUZZ_PATTERNS, else
// CLAIMTRACK_SOURCE_DIR/rules/patterns (set by run.sh at compile time). Nothing is written
// to disk.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "claimtrack/base/diagnostic.h"
#include "claimtrack/normalize/numbers.h"
#include "claimtrack/rules/rule_set.h"
#include "fuzz_check.h"

#ifndef CLAIMTRACK_SOURCE_DIR
#define CLAIMTRACK_SOURCE_DIR "."
#endif

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kSeparator = "\n#%patterns\n";
constexpr std::string_view kSampleText =
    "Laut Rutte verliert Russland rund 20.000 Soldaten pro Monat; zwei Drittel aller "
    "Mitglieder zahlen 3,5 Prozent. The ministry said more than 3,000 people died and "
    "spending rose to $5 billion a year, about 2.5% of GDP.";

std::shared_ptr<const claimtrack::rules::PatternLibrary> g_library;

void CheckMatches(const claimtrack::rules::RuleSet& rs, std::string_view text,
                  claimtrack::normalize::Lang lang) {
  for (const auto& m : rs.Match(text, lang)) {
    FUZZ_CHECK(m.rule < rs.rules().size(), "a match names a loaded rule");
    FUZZ_CHECK(m.whole.begin <= m.whole.end && m.whole.end <= text.size(),
               "match span lies inside the text");
    FUZZ_CHECK(m.whole.Contains(m.value) && !m.value.empty(),
               "the value group is non-empty and inside the match");
    for (const auto& g : {m.unit, m.period, m.base, m.subject, m.speaker}) {
      FUZZ_CHECK(!g || g->end <= text.size(), "group spans lie inside the text");
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fs::path library = CLAIMTRACK_SOURCE_DIR "/rules/patterns";
  if (const char* env = std::getenv("CLAIMTRACK_FUZZ_PATTERNS")) library = env;
  std::error_code ec;
  if (!fs::is_directory(library, ec)) {
    std::fprintf(stderr, "rule_set_fuzzer: pattern library %s not found\n", library.c_str());
    std::exit(2);
  }
  std::vector<std::string> paths;
  for (const auto& e : fs::directory_iterator(library)) {
    if (e.is_regular_file() && (e.path().extension() == ".yaml" || e.path().extension() == ".yml"))
      paths.push_back(e.path().string());
  }
  std::sort(paths.begin(), paths.end());
  std::vector<claimtrack::rules::RuleFileText> files;
  for (const auto& p : paths) {
    std::ifstream in(p, std::ios::binary);
    files.push_back({"rules/patterns/" + fs::path(p).filename().string(),
                     std::string((std::istreambuf_iterator<char>(in)), {})});
  }
  claimtrack::Diagnostics diags;
  g_library = claimtrack::rules::LoadPatternLibrary(files, diags);
  if (!g_library) {
    std::fprintf(stderr, "rule_set_fuzzer: the shipped pattern library does not load:\n%s",
                 diags.ToString().c_str());
    std::exit(2);
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  size_t sep = input.find(kSeparator);
  std::vector<claimtrack::rules::RuleFileText> files;
  files.push_back({"rules/fuzz.yaml", std::string(input.substr(0, sep))});
  if (sep != std::string_view::npos) {
    files.push_back(
        {"rules/patterns/zz_fuzz.yaml", std::string(input.substr(sep + kSeparator.size()))});
  }

  claimtrack::Diagnostics diags;
  auto rs = claimtrack::rules::LoadRuleSet(files, *g_library, diags);
  FUZZ_CHECK((rs == nullptr) == diags.HasErrors(), "null exactly when an error was found");
  (void)diags.ToString();
  if (!rs) return 0;

  FUZZ_CHECK(!rs->version().empty(), "a loaded rule set has a version");
  for (const auto& rule : rs->rules()) {
    FUZZ_CHECK(!rule.id.empty() && !rule.expanded_pattern.empty(),
               "a loaded rule has an id and a pattern");
    for (const auto& ex : rule.match_examples) CheckMatches(*rs, ex.text, rule.lang);
    for (const auto& ex : rule.no_match_examples) CheckMatches(*rs, ex.text, rule.lang);
  }
  CheckMatches(*rs, kSampleText, claimtrack::normalize::Lang::kUnknown);
  return 0;
}
