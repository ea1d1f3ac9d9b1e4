#pragma once
// A speaker as attribution resolves it: a table entry, a name written in the text, or a
// narrator. Internal to the attribute module; a plain value, copied freely.

#include <cstddef>
#include <string>

#include "claimtrack/attribute/speaker.h"

namespace claimtrack::attribute {

struct SpeakerEntry;  // speaker_table.h

struct Who {
  std::string id;    // "mark-rutte", "name:Eva Roth", "narrator:ORF"; "" = unresolved
  std::string name;  // display name
  SpeakerKind kind = SpeakerKind::kUnknown;
  Gender gender = Gender::kUnknown;
  const SpeakerEntry* entry = nullptr;  // the table entry, null for a name from the text
  bool ok() const { return !id.empty(); }
};

// A speaker seen at a byte position of the article (a cue's subject or a mention).
struct Remembered {
  Who who;
  size_t pos = 0;
  int paragraph = 0;
};

}  // namespace claimtrack::attribute
