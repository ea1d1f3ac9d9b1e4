#pragma once
// German reporting constructions that are no "verb + subject" pair and so live apart from
// the verb cues of attributor.cpp (docs/speakers.md, "German sources and back references"):
//  - "nach + source noun": "nach Polizeiangaben", "nach einer Studie der Universität",
//    "nach dem vorläufigen Endergebnis", "nach Aussagen des Bundesamts";
//  - impersonal "heißt es" / "hieß es" ("Im Bericht heißt es, …", "wie es hieß");
//  - "geht aus X hervor" (the source is the phrase after "aus") and "geht davon aus";
//  - back references: "Dies teilte die Polizei mit." names the speaker of the sentence
//    before it.
// Pure functions over one sentence's tokens; thread-safe.

#include <cstddef>
#include <string>
#include <vector>

#include "claimtrack/attribute/tokens.h"

namespace claimtrack::attribute {

struct Lexicon;

// A noun that, after "nach", names where a figure comes from: "Angaben", "Schätzung",
// "Studie", "Bericht", "Aussagen", "Endergebnis", and compounds ending in one of them
// ("Polizeiangaben", "Pressemitteilung"). `low` is lower-cased.
bool IsNachSourceNoun(const std::string& low, const Lexicon& lex);

// A form of "gehen" (geht, gehen, ging, gingen), the verb of "geht davon aus" and
// "geht aus X hervor".
bool IsGehenForm(const std::string& low, const Lexicon& lex);

// Index of the token "es" that makes toks[i] ("heißt", "hieß") impersonal ("heißt es",
// "wie es auf der Konferenz hieß", "hieß es in einer Mitteilung"); npos when none.
size_t ImpersonalEs(const std::vector<Tok>& toks, size_t i);

// How many sentences before this one a back reference at its start reaches: 1 for "Dies" /
// "Das" + verb ("Dies teilte die Polizei mit"), 3 for "Diese Zahlen" / "Diese Ergebnisse" +
// verb (a summary of what came before), 0 when the sentence does not open with one.
// `verb_tok` is the token index of the sentence's first cue verb.
int BackReferenceReach(const std::vector<Tok>& toks, size_t verb_tok, const Lexicon& lex);

// At the comma toks[comma] while looking for a separable particle ("gab der Leiter,
// Andreas Huber, bekannt"): true when the comma only sets off an apposition or the particle
// itself follows, false when a new clause begins ("…, dass", "…, der").
bool CommaKeepsClause(const std::vector<Tok>& toks, size_t comma,
                      const std::vector<std::string>& particles);

}  // namespace claimtrack::attribute
