#pragma once
// Speakers: who can be attributed a claim, as the speakers file (rules/speakers.yaml) lists
// them, with their kind and gender typed. The public face of speaker_table.h.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "claimtrack/base/diagnostic.h"

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

}  // namespace claimtrack::attribute
