#pragma once
// Stage 2 of attribution: the reporting cues of one sentence, each with its resolved
// speaker. A cue is a reporting verb with its subject ("sagte Rutte", "Er behauptete",
// "officials said"), a source phrase ("laut Polizei", "according to the ministry", "nach
// Angaben des Amts", "Experten zufolge", ", so die Forscher"), a subordinate clause ("wie
// das Ministerium mitteilte"), an impersonal report ("heißt es") or the clause after a
// quote ("„…“, stellt er fest"). See docs/speakers.md for the constructions.
// FindCues reads one sentence and records the speakers it names in the Coreference; the
// other functions are pure. Not thread-safe across one article (sentences go in order).

#include <set>
#include <string_view>
#include <vector>

#include "claimtrack/attribute/coreference.h"
#include "claimtrack/attribute/noun_phrases.h"
#include "claimtrack/attribute/quotes.h"
#include "claimtrack/attribute/tokens.h"
#include "claimtrack/attribute/who.h"
#include "claimtrack/model/claim.h"

namespace claimtrack::attribute {

struct Lexicon;

// kVerb: a reporting verb or "wie"-clause; kAccording: a source phrase; kQuoteClause: the
// clause right after a closing quote.
enum class CueType { kVerb, kAccording, kQuoteClause };

struct Cue {
  Span span;  // bytes of the cue with its subject ("sagte der Minister")
  CueType type = CueType::kVerb;
  Who who;                          // the speaker; unresolved when the subject names no one
  NpKind np_kind = NpKind::kNamed;  // how the subject named the speaker
  int sentence = 0;
  int paragraph = 0;
  bool quote_clause = false;  // the clause of a direct quote (does not spread in its paragraph)
  bool resolved() const { return who.ok(); }
};

// The cues of one sentence (its tokens are nps.toks()), ordered and without overlaps (the
// first found wins). Each cue's speaker goes into `coref` as it is found. `quote_ends`:
// byte ends of the article's quotes (a clause after a closing quote is a cue).
std::vector<Cue> FindCues(const Lexicon& lex, const Article& article, const NounPhrases& nps,
                          Coreference& coref, const std::set<size_t>& quote_ends, int sentence,
                          int paragraph);

// A German Konjunktiv I/II form in the sentence ("sei", "hätten"): reported speech goes on.
bool HasKonjunktiv(const std::vector<Tok>& toks, const Lexicon& lex);
// German reportive "sollen" with a perfect infinitive ("Rund 800 Menschen sollen verletzt
// worden sein", "Er soll beteiligt gewesen sein"): hearsay, so reported speech goes on.
bool HasReportiveSollen(const std::vector<Tok>& toks, const Lexicon& lex);
// An English backshifted modal ("would", "could", "might"): reported speech goes on.
bool HasBackshift(const std::vector<Tok>& toks, const Lexicon& lex);
// How many sentences back the sentence's first cue `first` reaches when it opens a back
// reference ("Dies teilte die Polizei mit": 1); 0 when it opens none (german_cues.h).
int BackReference(const std::vector<Tok>& toks, const Cue& first, const Lexicon& lex);

// Gives each quote its reporting clause: the first cue right after it (only punctuation
// between, same paragraph, the quote not closing its sentence), else the last cue before it
// ending in punctuation or a colon. Marks those cues as quote clauses. `cues` of the whole
// article in text order.
void LinkQuotesToCues(std::string_view text, std::vector<Quote>& quotes, std::vector<Cue>& cues);

}  // namespace claimtrack::attribute
