#pragma once
// Stage 4 of attribution: what the article has said so far about who is who. Remembers the
// speakers of cues and the people and bodies mentioned, in text order, with the role nouns
// seen with them and the names introduced in full ("Mark Rutte" -> a later "Rutte"), and
// resolves a pronoun, a role noun or a description of a body to the last fitting one.
// One Coreference per Attribute() call, filled sentence by sentence (the order matters:
// "er" means the last man named before it); not shared between threads.

#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "claimtrack/attribute/tokens.h"
#include "claimtrack/attribute/who.h"

namespace claimtrack::attribute {

struct Lexicon;

// What a pronoun refers to: a man ("er", "he"), a woman ("sie", "she"), a body ("it").
enum class Referent { kMale, kFemale, kBody };

class Coreference {
 public:
  // `date`: the article's date, for the offices of table speakers (SpeakerTable::HasRoleWord).
  explicit Coreference(std::string_view date) : date_(date) {}

  // "Mark Rutte", "Donald Trump" in one sentence's tokens: remember first name + surname so
  // that a later bare "Rutte" (not in the table) is the same person.
  void RecordIntroductions(const std::vector<Tok>& toks, std::string_view text, const Lexicon& lex);
  // The full name a surname (lower-cased) was introduced with; null when none.
  const std::string* Introduced(const std::string& low) const;

  // A person or body named in the text (a mention) or the subject of a cue (a speaker).
  void AddMention(Remembered r) { mentions_.push_back(std::move(r)); }
  void AddSpeaker(Remembered r) { speakers_.push_back(std::move(r)); }
  // A role noun seen with a speaker ("Außenminister Lavrov"): a later "der Minister" fits.
  void NoteRole(const std::string& id, const std::string& stem) { roles_seen_[id].insert(stem); }
  // A name used like a person's (Mr/Frau, a role, a gender) or referred back to as a body.
  void NotePersonEvidence(const std::string& id) { person_evidence_.insert(id); }
  void NoteOrgEvidence(const std::string& id) { org_evidence_.insert(id); }
  bool HasOrgEvidence(const std::string& id) const { return org_evidence_.count(id) > 0; }
  bool HasPersonEvidence(const std::string& id) const { return person_evidence_.count(id) > 0; }

  // The last speaker, else the last mention, before byte `pos` that fits the pronoun;
  // unresolved (empty Who) when none within the look-back.
  Who ResolvePronoun(Referent referent, size_t pos) const;
  // The last person before `pos` seen with the role noun `stem` or holding it in the table
  // ("der Minister" -> the minister named before); `gender` kUnknown fits either.
  Who ResolveRole(const std::string& stem, Gender gender, size_t pos) const;
  // The last body before `pos` ("the company", "der Konzern"): an organisation, or a
  // one-word name never used as a person's.
  Who ResolveBody(size_t pos) const;
  // The last person mentioned in `paragraph` before `pos`; null when none.
  const Who* LastMentionInParagraph(int paragraph, size_t pos) const;

 private:
  std::string date_;
  std::vector<Remembered> speakers_;
  std::vector<Remembered> mentions_;
  std::unordered_map<std::string, std::set<std::string>> roles_seen_;
  std::unordered_map<std::string, std::string> intro_;
  std::set<std::string> person_evidence_;  // names used with Mr/Frau, a role or a gender
  std::set<std::string> org_evidence_;     // names that "the company" etc. referred back to
};

}  // namespace claimtrack::attribute
