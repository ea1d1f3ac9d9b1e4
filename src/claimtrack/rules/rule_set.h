#pragma once
// Rule files (YAML) -> a validated, compiled, immutable RuleSet.
//
//   rules:
//     - id: de.troops.losses-rate
//       lang: de
//       claim_type: troops
//       pattern: '(?P<value>%{AMOUNT_DE})\s+(?P<unit>Soldaten)\s+(?P<period>%{PERIOD_DE})'
//       unit: Soldat
//       examples:
//         match:
//           - text: 'laut ihm 20.000 Soldaten pro Monat'
//             value: 20000
//             period: month
//         no_match:
//           - 'nicht mal einen einzelnen Meter'
//
// Loading validates everything (docs/rules.md, docs/error-codes.md) and compiles each pattern
// once with RE2, into a literal prefilter per language (FilteredRE2 atoms in one RE2::Set)
// that picks a sentence's candidate rules.
// A RuleSet is logically immutable after LoadRuleSet() and safe to share across threads.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "claimtrack/base/diagnostic.h"
#include "claimtrack/model/quantity.h"
#include "claimtrack/normalize/numbers.h"

namespace claimtrack::rules {

// What an example expects of the claim the rule produces (unset fields are not checked).
struct ExampleExpectation {
  std::string text;
  int line = 0;  // where the example is written (for `rules test`)
  std::optional<std::string> kind, unit, qualifier, period, base, subject;
  std::optional<std::optional<double>> value, low, high;  // outer: checked?; inner: null?
};

struct Rule {
  std::string id;
  std::string file;
  int line = 0;  // line of the rule's `id`
  normalize::Lang lang = normalize::Lang::kUnknown;
  std::string claim_type;
  std::string description;
  std::string pattern;           // as written
  std::string expanded_pattern;  // after %{NAME} expansion (what RE2 compiles)
  std::string context;           // expanded; must also match the sentence (optional)
  std::string negative;          // expanded; if it matches the sentence, no claim (optional)
  int priority = 0;              // higher wins when several rules claim one figure
  std::string unit;              // fixed unit lemma ("Soldat"): the figure becomes a count
  std::string subject;           // fixed subject ("Russland"), else the `subject` group
  bool case_sensitive = false;
  // An exclude rule claims figures that are not claims (a date, an age, a number in a name):
  // when it wins a figure (by priority), the figure yields nothing. claim_type: "excluded".
  bool exclude = false;
  // Every claim of the rule goes to the fact-checkers' review queue (docs/review.md), also
  // when no finding names it: figures a desk checks as a matter of policy (death tolls).
  bool review = false;
  std::vector<ExampleExpectation> match_examples;
  std::vector<ExampleExpectation> no_match_examples;
};

// One regex match of one rule in a text. Spans are byte offsets into that text; a group
// that did not take part is an empty optional.
struct RuleMatch {
  size_t rule = 0;  // index into RuleSet::rules()
  Span whole;
  Span value;
  std::optional<Span> unit, period, base, subject, speaker;
};

class RuleSet {
 public:
  ~RuleSet();
  const std::vector<Rule>& rules() const;
  // Named sub-patterns of the pattern library (name -> expanded regex).
  const std::map<std::string, std::string>& patterns() const;
  // A hash of every loaded file's content: which rule set produced a claim.
  const std::string& version() const;
  // All matches of all rules of `lang` (kUnknown: all rules) in `text`, in no particular
  // order. The literal prefilter picks the candidate rules; only those run with submatches.
  // Thread-safe.
  std::vector<RuleMatch> Match(std::string_view text, normalize::Lang lang) const;

  // Implementation detail: only LoadRuleSet() can build an Impl.
  struct Impl;
  explicit RuleSet(std::unique_ptr<Impl> impl);

 private:
  std::unique_ptr<Impl> impl_;
};

// A rule or pattern file already in memory. `path` is what messages name; a file whose
// path lies in a folder named `patterns` is a pattern library file.
struct RuleFileText {
  std::string path;
  std::string text;
};

// The pattern library (rules/patterns/*.yaml) loaded, expanded and checked once, to load
// many rule sets against without reading and compiling it again each time (a long-running
// process reloading its rules, `rules lint` of many files, the fuzzer). Logically
// immutable and safe to share across threads.
class PatternLibrary {
 public:
  ~PatternLibrary();
  // Pattern name -> expanded regex.
  const std::map<std::string, std::string>& patterns() const;

  // Implementation detail: only LoadPatternLibrary() can build an Impl.
  struct Impl;
  explicit PatternLibrary(std::unique_ptr<Impl> impl);
  const Impl& impl() const { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

// Loads pattern files given as text (validated and compiled as LoadRuleSet() does). Returns
// null when any error was found; every problem is in `diags`.
std::shared_ptr<const PatternLibrary> LoadPatternLibrary(const std::vector<RuleFileText>& files,
                                                         Diagnostics& diags);

// Loads rule files given as text against an already loaded `library`. Files in `files`
// whose path lies in a `patterns` folder add to the library for this rule set only (their
// names must not clash with the library's). The result equals LoadRuleSet() on the same
// files, the version included. Returns null when any error was found.
std::shared_ptr<const RuleSet> LoadRuleSet(const std::vector<RuleFileText>& files,
                                           const PatternLibrary& library, Diagnostics& diags);

// Loads rule files and the pattern library. `paths` are files or folders (walked
// recursively, *.yaml / *.yml, sorted); files under a folder named `patterns` are pattern
// libraries, `speakers.yaml` is skipped (it is the attribution table). Returns null when any
// error was found; every problem of every file is in `diags`.
std::shared_ptr<const RuleSet> LoadRuleSet(const std::vector<std::string>& paths,
                                           Diagnostics& diags);

}  // namespace claimtrack::rules
