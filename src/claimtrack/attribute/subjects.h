#pragma once
// Part of stage 2 (cues): where the subject of a reporting verb stands in one sentence.
// Before the verb ("Rutte sagte"), after it ("sagte er", "so die Polizei"), in apposition
// ("Rutte, der NATO-Generalsekretär, sagte"), at the start of a subordinate clause ("wie
// Rutte am Mittwoch sagte"), or as a head before genitive phrases ("Der Bundesverband der
// Hersteller schätzt"). Reads one sentence through its NounPhrases; not thread-safe (the
// NounPhrases memoises).

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "claimtrack/attribute/noun_phrases.h"

namespace claimtrack::attribute {

class Subjects {
 public:
  // All references must outlive the Subjects.
  Subjects(const Lexicon& lex, const Article& article, const NounPhrases& nps);

  // Is the token before index k_plus_1 a phrase boundary (sentence start, punctuation,
  // a conjunction such as "wie", "dass", "that")?
  bool IsBoundary(size_t k_plus_1) const;
  // A phrase ending right before token `end` ([start, end) with start at most 8 back).
  std::optional<Np> BackwardNp(size_t end, bool require_boundary) const;
  // A named phrase from token `from` ("sagte er", "erklärte zudem die Polizei"); German
  // object articles (den, dem, einen, einem) open none.
  std::optional<Np> ForwardNp(size_t from) const;
  // Appositive subject: "Rutte, der NATO-Generalsekretär, sagte" / "X, the NATO chief, said".
  std::optional<Np> AppositiveNp(size_t vi) const;
  // "Der Bundesverband der Hersteller von Nährmitteln schätzt": a German subject whose head
  // is followed by genitive or prepositional phrases up to token `end`.
  std::optional<Np> SubjectBeforePostmodifier(size_t end) const;
  // Subordinate clause with the verb last: "wie Rutte am Mittwoch sagte".
  std::optional<Np> ClauseStartNp(size_t vi) const;

 private:
  bool PostmodifierChain(size_t b, size_t e) const;

  const Lexicon& lex_;
  const std::string& text_;
  bool english_;
  const std::vector<Tok>& toks_;
  const NounPhrases& nps_;
};

}  // namespace claimtrack::attribute
