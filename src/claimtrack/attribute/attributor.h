#pragma once
// Attribution: who stated each claim, how we know (method), and how sure (confidence).
// The speakers table (rules/speakers.yaml) maps names, spellings, roles (with date periods)
// and organisations to canonical ids. An Attributor is immutable after construction and
// may be shared across threads.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "claimtrack/base/diagnostic.h"
#include "claimtrack/model/claim.h"

namespace claimtrack::attribute {

// What a speaker is. kUnknown: not known (a narrator without an outlet or author).
enum class SpeakerKind { kUnknown, kPerson, kOrganisation };
// A person's grammatical gender, for pronoun and role carry-over ("er", "sie", "he").
enum class Gender { kUnknown, kMale, kFemale };

// "person", "organisation", "" (the speakers file and Attribution::speaker_kind).
std::string_view ToString(SpeakerKind kind);
// "m", "f", "" (the speakers file).
std::string_view ToString(Gender gender);

struct Speaker {
  std::string id;    // canonical id, e.g. "mark-rutte"
  std::string name;  // display name, e.g. "Mark Rutte"
  SpeakerKind kind = SpeakerKind::kUnknown;
  Gender gender = Gender::kUnknown;  // pronoun carry-over
};

class SpeakerTable;  // defined in speaker_table.h

// Loads and validates a speakers file; problems go to `diags` located at path:line:col.
// Returns null when the file has errors.
std::shared_ptr<const SpeakerTable> LoadSpeakerTable(const std::string& path, Diagnostics& diags);

// All speakers of a table (for the store's speakers table and `claimtrack speakers`).
std::vector<Speaker> ListSpeakers(const SpeakerTable& table);
// Looks a name/alias up (case-insensitive); null when unknown. `date` picks role holders.
const Speaker* FindSpeaker(const SpeakerTable& table, const std::string& name_or_alias,
                           const std::string& date = "");

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

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace claimtrack::attribute
