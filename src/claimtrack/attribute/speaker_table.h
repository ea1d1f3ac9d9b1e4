#pragma once
// The speakers table: canonical people and bodies, their spellings (aliases) and their
// offices over time (roles with from/to dates), loaded from rules/speakers.yaml.
// Lookups are case-insensitive and ignore a leading article ("das Pentagon" = "Pentagon").
// A SpeakerTable is immutable after Parse() and may be shared across threads.

#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "claimtrack/attribute/speaker.h"
#include "claimtrack/base/diagnostic.h"

namespace claimtrack::attribute {

// One office held for a period. Dates are ISO "YYYY-MM-DD"; `from` is inclusive, `to` is
// exclusive (the hand-over day belongs to the successor); empty `to` = still in office.
struct Role {
  std::vector<std::string> titles;  // "NATO-Generalsekretär", "NATO secretary general", ...
  std::string org;                  // "NATO" (informational)
  std::string from;                 // "" = since always
  std::string to;                   // "" = open
  bool HeldOn(std::string_view date) const;  // date "" = today's holder (to is empty)
};

struct SpeakerEntry {
  Speaker speaker;
  std::vector<std::string> aliases;  // as written in the file
  std::vector<Role> roles;
};

class SpeakerTable {
 public:
  // Parses speakers-file content; problems go to `diags` as path:line:col with S0xx codes.
  // Returns null when there are errors (warnings alone still yield a table).
  static std::shared_ptr<const SpeakerTable> Parse(std::string_view yaml, const std::string& path,
                                                   Diagnostics& diags);

  const std::vector<SpeakerEntry>& entries() const { return entries_; }
  // Exact id lookup; null when unknown.
  const SpeakerEntry* FindById(std::string_view id) const;
  // Name, alias or display name (case-insensitive, leading article ignored, German
  // genitive/dative endings "-s", "-es", "-n", "-en" tolerated); null when unknown.
  const SpeakerEntry* FindByAlias(std::string_view name) const;
  // A role title ("NATO-Generalsekretär", "the US president") -> who held it on `date`
  // (ISO date or timestamp; "" = the current holder). Null when no one.
  const SpeakerEntry* FindByRole(std::string_view title, std::string_view date) const;
  // True when `entry` held, on `date`, a role one of whose titles ends with `role_word`
  // (lower-cased, e.g. "generalsekretär", "minister", "president").
  static bool HasRoleWord(const SpeakerEntry& entry, std::string_view role_word,
                          std::string_view date);

  // The lookup key used for aliases and titles: lower-cased, inner whitespace collapsed,
  // leading article ("der", "die", "das", "the", ...) and surrounding punctuation removed.
  static std::string Key(std::string_view text);

  // Cheap pre-filter for scanning text: false when no alias or title can start with this
  // (lower-cased) word, also allowing German case endings on it.
  bool MayStart(std::string_view first_word) const;

  // Internal: construction from parsed entries (used by Parse and by tests).
  explicit SpeakerTable(std::vector<SpeakerEntry> entries);

 private:
  const SpeakerEntry* FindKey(const std::string& key) const;
  std::vector<SpeakerEntry> entries_;
  std::unordered_set<std::string> first_words_;
  std::vector<std::pair<std::string, size_t>> alias_index_;  // sorted by key
  std::vector<std::pair<std::string, size_t>> title_index_;  // sorted; value = entry*1024+role
};

}  // namespace claimtrack::attribute
