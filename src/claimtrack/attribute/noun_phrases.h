#pragma once
// Stage 3 of attribution: the noun phrases that name a speaker in one sentence. A phrase is
// a pronoun ("er", "she"), a table alias ("das Pentagon", "Mark Rutte"), a role phrase with
// or without a name ("NATO-Generalsekretär Mark Rutte", "der Minister", "ein Sprecher des
// Kremls"), an unnamed source ("Experten", "officials", "Angaben der Polizei"), a definite
// description of a body ("the company", "der Konzern") or a capitalised name. Pronouns, roles
// and descriptions are resolved at once against the Coreference (what came before).
// A NounPhrases reads one sentence; it is not thread-safe (it memoises alias look-ups).

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "claimtrack/attribute/coreference.h"
#include "claimtrack/attribute/tokens.h"
#include "claimtrack/attribute/who.h"
#include "claimtrack/model/claim.h"

namespace claimtrack::attribute {

struct Lexicon;
class SpeakerTable;

// kDescription: a definite description of a body ("the company", "der Konzern") resolved
// to the last organisation named before it.
enum class NpKind { kPronoun, kNamed, kTitle, kRole, kUnnamed, kDescription };

struct Np {
  size_t tb = 0, te = 0;  // token range [tb, te)
  NpKind kind = NpKind::kNamed;
  Who who;                // resolved speaker (empty when unresolved)
  std::string role_stem;  // role noun seen in the phrase (for carry-over and memory)
};

// The speaker a table entry names.
Who FromEntry(const SpeakerEntry& e);

class NounPhrases {
 public:
  // All references must outlive the NounPhrases; `table` may be null (names kept as
  // written). `coref` is read, never written: the caller records what the sentence adds.
  NounPhrases(const Lexicon& lex, const SpeakerTable* table, const Article& article,
              const std::vector<Tok>& toks, const Coreference& coref);

  // The noun phrase that starts at token i and ends before `limit`; nullopt when none does.
  std::optional<Np> Parse(size_t i, size_t limit) const;
  // Longest table alias starting at token i (at most 6 tokens, within [i, limit)); *end is
  // set to the token after it. Null when none (or no table).
  const SpeakerEntry* MatchAlias(size_t i, size_t limit, size_t* end) const;
  // The speaker a name written at tokens [tb, te) stands for: a table entry, a name
  // introduced in full before, else "name:<as written>" as a person or (by its words) a body.
  Who NameWho(size_t tb, size_t te, Gender hint) const;
  // End of the capitalised name run starting at j: "Mark Rutte", "Ursula von der Leyen".
  size_t NameRun(size_t j, size_t limit) const;
  // A capitalised stop word that is a name as written: an agency ("Reuters") or an
  // acronym in capitals ("WHO").
  bool NameDespiteStop(size_t k) const;
  // A body named as written ("Yemen Observer", "Russian defence ministry"): its table entry,
  // else "name:<name>" as an organisation.
  Who BodyNamed(const std::string& name) const;
  // The body a spokesperson speaks for when no owner phrase follows ("Polizeisprecher").
  std::optional<std::string> SpokespersonBody(size_t j, size_t head) const;
  // "UNO-Angaben", "dpa-Meldung": the body a source compound at `head` names, or nullopt.
  std::optional<Np> CompoundOwner(size_t head) const;
  // The stem of a German adjective of nationality ("ukrainischen" -> "ukrainisch").
  std::optional<std::string> NationalityStem(const std::string& low) const;
  // A source that is no speaker (Lexicon::IsSourceWord); German capitalised nouns by their
  // suffix too, unless the article introduced the word as a surname.
  bool IsSource(size_t j) const;

  // The article text between two byte positions.
  std::string Text(size_t b, size_t e) const { return text_.substr(b, e - b); }
  bool has_table() const { return table_ != nullptr; }
  const std::vector<Tok>& toks() const { return toks_; }

 private:
  static constexpr size_t kMaxAliasTokens = 6;  // longest alias matched in the text, in words
  struct AliasMemo {
    bool done = false;
    std::array<const SpeakerEntry*, kMaxAliasTokens + 1> by_len{};
  };

  bool IsStop(const std::string& low) const;
  const SpeakerEntry* AliasAt(size_t i, size_t len) const;
  std::optional<Np> QuotedTitle(size_t i, size_t j, size_t limit) const;
  std::optional<Np> Description(size_t i, size_t j, size_t limit, const std::string& det) const;
  bool NameFollows(size_t k, size_t limit) const;
  bool IsDescriptionWord(const std::string& low) const;
  std::optional<Np> NameNp(size_t i, size_t j, size_t run, size_t limit, const std::string& stem,
                           Gender gender) const;
  std::optional<Np> RolePhrase(size_t i, size_t j, size_t limit, const std::string& det) const;
  size_t RoleEnd(size_t head, size_t limit, std::string* stem) const;

  const Lexicon& lex_;
  const SpeakerTable* table_;
  const Article& article_;
  const std::string& text_;
  const std::vector<Tok>& toks_;
  const Coreference& coref_;
  mutable std::vector<AliasMemo> alias_memo_;  // indexed by token
};

// People and bodies named in the sentence (table aliases; role + name appositions such as
// "Bildungsministerin Petra Hofer"), added to `coref` as mentions for pronoun and role
// carry-over. `coref` is the one `nps` reads: a mention counts for the phrases after it.
void RecordMentions(const NounPhrases& nps, Coreference& coref, int paragraph);

}  // namespace claimtrack::attribute
