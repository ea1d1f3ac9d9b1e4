// Where a reporting verb's subject stands (subjects.h). Each finder returns the phrase or
// nullopt; VerbCue (cues.cpp) tries them in the order German and English word order asks.

#include "claimtrack/attribute/subjects.h"

#include "claimtrack/attribute/lexicon.h"
#include "claimtrack/base/utf8.h"

namespace claimtrack::attribute {

Subjects::Subjects(const Lexicon& lex, const Article& article, const NounPhrases& nps)
    : lex_(lex),
      text_(article.text),
      english_(article.lang == "en"),
      toks_(nps.toks()),
      nps_(nps) {}

bool Subjects::IsBoundary(size_t k_plus_1) const {
  if (k_plus_1 == 0) return true;
  const Tok& t = toks_[k_plus_1 - 1];
  if (!t.word) return true;
  return lex_.boundary_words.count(t.low) > 0;
}

std::optional<Np> Subjects::BackwardNp(size_t end, bool require_boundary) const {
  size_t lo = end > 8 ? end - 8 : 0;
  for (size_t start = lo; start < end; ++start) {
    if (require_boundary && !IsBoundary(start)) continue;
    auto np = nps_.Parse(start, end);
    if (np && np->te == end && np->tb == start) return np;
  }
  return std::nullopt;
}

std::optional<Np> Subjects::ForwardNp(size_t from) const {
  size_t j = from;
  size_t skipped = 0;
  while (j < toks_.size() && skipped < 3 && toks_[j].word &&
         lex_.skip_after_de.count(toks_[j].low)) {
    ++j;
    ++skipped;
  }
  // A German subject after the verb is nominative: "bezifferte den Schaden" has none.
  if (j < toks_.size() && !english_ && lex_.object_det_de.count(toks_[j].low)) return std::nullopt;
  auto np = nps_.Parse(j, toks_.size());
  if (np && np->kind != NpKind::kUnnamed) return np;
  return std::nullopt;
}

// Appositive subject: "Rutte, der NATO-Generalsekretär, sagte" / "X, the NATO chief, said".
std::optional<Np> Subjects::AppositiveNp(size_t vi) const {
  if (vi < 3 || toks_[vi - 1].low != ",") return std::nullopt;
  for (size_t k = vi - 2; k > 0 && k + 12 > vi; --k) {
    if (!toks_[k].word && toks_[k].low != ",") return std::nullopt;
    if (toks_[k].low != ",") continue;
    // "Russia's foreign minister, Sergei Lavrov, said": the apposition is the name.
    auto inner = nps_.Parse(k + 1, vi - 1);
    if (inner && inner->te == vi - 1 && inner->kind == NpKind::kNamed) return inner;
    // "Rutte, the NATO chief, said": the phrase before the apposition.
    auto np = BackwardNp(k, true);
    if (np && np->kind != NpKind::kUnnamed) return np;
    return std::nullopt;
  }
  return std::nullopt;
}

// "Der Bundesverband der Hersteller von Nährmitteln schätzt", "Moritz Wohlrab von der
// Aktion sagte": a German subject whose head is followed by genitive or prepositional
// phrases up to the verb. The head names the speaker.
std::optional<Np> Subjects::SubjectBeforePostmodifier(size_t end) const {
  size_t lo = end > 14 ? end - 14 : 0;
  for (size_t start = lo; start + 1 < end; ++start) {
    if (!IsBoundary(start)) continue;
    // ", die durch Mitglieder … verübt werden": after a comma "die" is a relative pronoun.
    if (start > 0 && toks_[start - 1].low == "," && lex_.determiners.count(toks_[start].low))
      return std::nullopt;
    // The head ends where a postmodifier opens; a name run may swallow "von der …"
    // ("Lena Vogt von der Initiative"), so each opener is tried as the head's limit.
    for (size_t lim = start + 1; lim < end; ++lim) {
      if (!lex_.postmodifier_openers.count(toks_[lim].low)) continue;
      auto np = nps_.Parse(start, lim);
      // English keeps an unnamed head ("Health officials in Gaza said"): reported, no name.
      if (!np || np->tb != start || np->te != lim || (np->kind == NpKind::kUnnamed && !english_) ||
          np->kind == NpKind::kPronoun || !PostmodifierChain(lim, end))
        continue;
      if (np->kind == NpKind::kDescription && !np->who.ok()) {
        // "Der Verband der Obstbauern …": a body introduced here, not referred back to.
        np->who = nps_.NameWho(np->te - 1, np->te, Gender::kUnknown);
        np->who.kind = SpeakerKind::kOrganisation;
        np->who.gender = Gender::kUnknown;
        np->kind = NpKind::kNamed;
      }
      return np;
    }
    return std::nullopt;  // the first boundary-opened phrase is the only candidate
  }
  return std::nullopt;
}

// Tokens [b, e) are genitive/prepositional phrases: words that are no verbs, auxiliaries
// or conjunctions, quotation marks, brackets.
bool Subjects::PostmodifierChain(size_t b, size_t e) const {
  for (size_t k = b; k < e; ++k) {
    const Tok& t = toks_[k];
    if (t.word) {
      if (lex_.IsVerb(t.low) || lex_.aux_de.count(t.low) || lex_.konjunktiv.count(t.low) ||
          lex_.boundary_words.count(t.low) || lex_.finite_de.count(t.low))
        return false;
      continue;
    }
    size_t len = 1;
    char32_t cp = DecodeUtf8(text_, t.b, &len);
    if (!(IsQuoteChar(cp) || t.low == "(" || t.low == ")" || t.low == "/" || t.low == "-"))
      return false;
  }
  return true;
}

// Subordinate clause with the verb last: "wie Rutte am Mittwoch sagte", "as Rutte said
// on Monday", "während Scholz 2 Prozent versprach".
std::optional<Np> Subjects::ClauseStartNp(size_t vi) const {
  for (size_t k = vi; k > 0 && k + 12 > vi; --k) {
    const Tok& t = toks_[k - 1];
    if (!t.word) return std::nullopt;
    if (lex_.boundary_words.count(t.low) && !lex_.coordinators.count(t.low)) {
      auto np = nps_.Parse(k, vi);
      if (np && np->kind != NpKind::kUnnamed) return np;
      return std::nullopt;
    }
  }
  return std::nullopt;
}

}  // namespace claimtrack::attribute
