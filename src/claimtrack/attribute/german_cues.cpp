#include "claimtrack/attribute/german_cues.h"

#include <string_view>

#include "claimtrack/attribute/lexicon.h"

namespace claimtrack::attribute {

namespace {

bool EndsWith(const std::string& s, std::string_view suf) {
  return s.size() >= suf.size() && s.compare(s.size() - suf.size(), suf.size(), suf) == 0;
}

}  // namespace

bool IsNachSourceNoun(const std::string& low, const Lexicon& lex) {
  for (std::string_view h : lex.nach_heads_de) {
    if (low == h) return true;
    // Compounds: "polizeiangaben", "pressemitteilung", "regierungsangaben".
    if (h.size() >= 6 && low.size() >= h.size() + 3 && EndsWith(low, h)) return true;
  }
  return lex.IsSourceWord(low, false);
}

bool IsGehenForm(const std::string& low, const Lexicon& lex) {
  return lex.gehen_forms.count(low) > 0;
}

size_t ImpersonalEs(const std::vector<Tok>& toks, size_t i) {
  if (i + 1 < toks.size() && toks[i + 1].low == "es") return i + 1;
  if (i > 0 && toks[i - 1].low == "es") return i - 1;
  // "wie es auf einer Pressekonferenz am Montag hieß": the clause opens with "wie es".
  for (size_t k = i; k > 1 && k + 12 > i; --k) {
    // The dot of a date ("am 13. Januar") stays inside the clause.
    const bool date_dot = toks[k - 1].low == "." && toks[k - 2].word && !toks[k - 2].low.empty() &&
                          toks[k - 2].low[0] >= '0' && toks[k - 2].low[0] <= '9';
    if (!toks[k - 1].word && !date_dot) break;
    if (toks[k - 1].low == "es" && toks[k - 2].low == "wie") return k - 1;
  }
  return static_cast<size_t>(-1);
}

int BackReferenceReach(const std::vector<Tok>& toks, size_t verb_tok, const Lexicon& lex) {
  if (toks.empty() || !toks[0].word) return 0;
  const std::string& w0 = toks[0].low;
  if ((w0 == "dies" || w0 == "das") && verb_tok == 1) return 1;
  if ((w0 == "diese" || w0 == "dieses") && verb_tok == 2 && toks[1].word && toks[1].cap) {
    if (lex.summary_nouns_de.count(toks[1].low)) return 3;
  }
  return 0;
}

bool CommaKeepsClause(const std::vector<Tok>& toks, size_t comma,
                      const std::vector<std::string>& particles) {
  if (comma + 1 >= toks.size()) return false;
  const Tok& next = toks[comma + 1];
  if (!next.word) return false;
  for (const auto& p : particles) {
    if (next.low == p) return true;
  }
  // An apposition starts with a capitalised word ("Andreas Huber", "Sprecher des Amts");
  // a new clause with a conjunction or a relative pronoun, written in lower case.
  return next.cap;
}

}  // namespace claimtrack::attribute
