#pragma once
// Helpers for the tests of single attribution stages: one sentence's tokens with their role
// stems, as Attributor's orchestration prepares them before the noun phrases and cues.

#include <string>
#include <string_view>
#include <vector>

#include "claimtrack/attribute/lexicon.h"
#include "claimtrack/attribute/tokens.h"
#include "claimtrack/model/claim.h"

namespace claimtrack::attribute::testing {

// The attribution vocabulary, built once.
inline const Lexicon& TestLexicon() {
  static const Lexicon lex;
  return lex;
}

// Tokens of text[begin, end) with role stems set.
inline std::vector<Tok> RoleTokens(std::string_view text, size_t begin, size_t end) {
  std::vector<Tok> toks = Tokenize(text, begin, end);
  for (auto& t : toks) {
    if (t.word) t.role = TestLexicon().RoleStem(t.low, &t.role_female);
  }
  return toks;
}

// Index of the first token whose lower-cased text is `low`; toks.size() when none.
inline size_t TokenIndex(const std::vector<Tok>& toks, std::string_view low) {
  for (size_t i = 0; i < toks.size(); ++i) {
    if (toks[i].low == low) return i;
  }
  return toks.size();
}

// The article text a span covers.
inline std::string SpanText(const Article& a, Span s) {
  return a.text.substr(s.begin, s.end - s.begin);
}

}  // namespace claimtrack::attribute::testing
