#pragma once
// Extraction: sentences in, claims out. For each sentence with a figure a literal prefilter
// (inside RuleSet::Match) picks the candidate rules; only those run with submatches; the figure a
// rule's `value` group lands on is normalized (normalize/) and becomes one claim. When
// several rules claim the same figure, the highest priority wins (then the earlier rule).
// An Extractor is immutable and may be shared across threads.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "claimtrack/model/claim.h"
#include "claimtrack/normalize/numbers.h"
#include "claimtrack/rules/rule_set.h"

namespace claimtrack::extract {

class Extractor {
 public:
  explicit Extractor(std::shared_ptr<const rules::RuleSet> rules);

  // Claims of one article, without attribution. `lang` overrides the article's language
  // (kUnknown: use article.lang, else guess from the text). Spans are into article.text.
  // Figures a rule matched but whose value is out of range (normalize::kOutOfRange) yield
  // no claim; their spans are appended to `out_of_range` when given (for a warning).
  std::vector<Claim> Extract(const Article& article, const std::vector<Sentence>& sentences,
                             normalize::Lang lang = normalize::Lang::kUnknown,
                             std::vector<Span>* out_of_range = nullptr) const;

  // Claims in one text treated as a single sentence. With `only_rule`, just that rule runs
  // and no priority resolution happens (how rule examples are tested).
  std::vector<Claim> ExtractText(std::string_view text, normalize::Lang lang,
                                 std::optional<size_t> only_rule = std::nullopt) const;

  const rules::RuleSet& rules() const { return *rules_; }

 private:
  void ExtractSentence(std::string_view sentence, size_t offset, normalize::Lang lang,
                       std::optional<size_t> only_rule, std::vector<Claim>& out,
                       std::vector<Span>* out_of_range = nullptr) const;
  std::shared_ptr<const rules::RuleSet> rules_;
};

// The language to extract an article in: its metadata, else a guess from its text.
normalize::Lang ArticleLang(const Article& article);

// The result of one rule example.
struct ExampleResult {
  size_t rule = 0;  // index into RuleSet::rules()
  bool must_match = true;
  std::string text;
  int line = 0;  // of the example in the rule file
  bool passed = false;
  std::string detail;  // why it failed, or what it produced
};

// Runs every rule's examples: `match` texts must yield a claim from that rule with the
// expected fields; `no_match` texts must yield none.
std::vector<ExampleResult> RunExamples(const Extractor& extractor);

}  // namespace claimtrack::extract
