// Fuzzes the rule loader (rules/rule_set.h) the way `claimtrack rules lint` runs it: the
// input becomes a rule file in a temporary folder beside a copy of the shipped pattern
// library (rules/patterns/*.yaml), and LoadRuleSet() loads it. If the input contains the
// line "#%patterns", the part after it is written as one more pattern file in the library,
// so pattern definitions (names, %{NAME} expansion, recursion) are fuzzed too.
// A rule set that loads is then run: every rule on its own examples, and all rules on a
// fixed German/English text. Checks: null exactly when there are errors; matches point
// into the text and name a loaded rule.
//
// The shipped library is found through $CLAIMTRACK_FUZZ_PATTERNS, else
// CLAIMTRACK_SOURCE_DIR/rules/patterns (set by run.sh at compile time). The temporary
// folder is made under $TMPDIR (run.sh points it into the build folder).

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
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

fs::path g_dir;
std::string g_rule_file;
std::string g_extra_patterns;

void RemoveTempDir() {
  std::error_code ec;
  if (!g_dir.empty()) fs::remove_all(g_dir, ec);
}

void WriteFile(const std::string& path, std::string_view content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  FUZZ_CHECK(out.good(), "writing the temporary rule file (environment, not a finding)");
}

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
  std::string tmpl = (fs::temp_directory_path(ec) / "claimtrack-rule-set-XXXXXX").string();
  if (mkdtemp(tmpl.data()) == nullptr) {
    std::perror("rule_set_fuzzer: mkdtemp");
    std::exit(2);
  }
  g_dir = tmpl;
  std::atexit(RemoveTempDir);
  fs::create_directories(g_dir / "rules" / "patterns");
  for (const auto& e : fs::directory_iterator(library)) {
    if (e.is_regular_file() && (e.path().extension() == ".yaml" || e.path().extension() == ".yml"))
      fs::copy_file(e.path(), g_dir / "rules" / "patterns" / e.path().filename());
  }
  g_rule_file = (g_dir / "rules" / "fuzz.yaml").string();
  g_extra_patterns = (g_dir / "rules" / "patterns" / "zz_fuzz.yaml").string();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  size_t sep = input.find(kSeparator);
  WriteFile(g_rule_file, input.substr(0, sep));
  std::error_code ec;
  if (sep != std::string_view::npos) {
    WriteFile(g_extra_patterns, input.substr(sep + kSeparator.size()));
  } else {
    fs::remove(g_extra_patterns, ec);
  }

  claimtrack::Diagnostics diags;
  auto rs = claimtrack::rules::LoadRuleSet({g_rule_file}, diags);
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
