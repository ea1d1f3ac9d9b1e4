#pragma once
// Attribution: who stated each claim, how we know (method), and how sure (confidence).
// The speakers table (speaker.h) maps names, spellings, roles (with date periods) and
// organisations to canonical ids. An Attributor is immutable after construction and may be
// shared across threads. Inside, the work goes in stages (docs/architecture.md): quotes.h,
// cues.h, noun_phrases.h, coreference.h, and the decision in attributor.cpp.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "claimtrack/attribute/speaker.h"
#include "claimtrack/model/claim.h"

namespace claimtrack::attribute {

class Attributor {
 public:
  // `table` may be null: then names are kept as written ("name:Rutte").
  explicit Attributor(std::shared_ptr<const SpeakerTable> table);
  ~Attributor();
  // Fills claim.attribution for every claim of `article`. `sentences` are the article's
  // sentences (text::SplitSentences), claims reference them by sentence_index.
  // Thread-safe (const, no shared mutable state).
  void Attribute(const Article& article, const std::vector<Sentence>& sentences,
                 std::vector<Claim>& claims) const;
  // The same, in the language extraction resolved for the article (its metadata, --lang,
  // or the guess), which stands in for article.lang: an article without a language in its
  // metadata is attributed with that language's rules, not German ones.
  void Attribute(const Article& article, std::string_view lang,
                 const std::vector<Sentence>& sentences, std::vector<Claim>& claims) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace claimtrack::attribute
