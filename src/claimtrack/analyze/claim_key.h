#pragma once
// The key of a claim: what a figure measures, in words that do not depend on the article's
// language, so that "20.000 Soldaten pro Monat" on the Russian side and "20,000 troops a
// month" lost by Russia meet. Built from keys.yaml (key_config.h); explained in
// docs/findings.md.
//
//   group   family/concept[/unit][/period][/of=base] + hard tags
//           "troops/soldier/month loss=losses"
//   string  group + soft tags + events + years
//           "troops/soldier/month loss=losses side=russian"
//
// Claims are grouped by `group`; within a group, soft tags, events and years decide whether
// two claims are about the same thing (disjoint values: not compared).

#include <string>
#include <string_view>
#include <vector>

#include "claimtrack/analyze/claim_record.h"
#include "claimtrack/analyze/key_config.h"

namespace claimtrack::analyze {

struct ClaimKey {
  bool usable = false;  // false: the claim is not compared (see why_not)
  std::string why_not;  // "claim type 'other' is not analysed", "no value", ...

  std::string family;   // "troops"
  std::string measure;  // "soldier"; "?" when nothing says what is measured
  bool concept_known = false;
  std::string unit;    // currency, "%", "pp"; "" for counts (the concept is the unit)
  std::string period;  // "month", "" for none
  std::string base;    // concept of a share's base ("member"), "" when none
  std::vector<std::string> hard_tags;  // "loss=losses", sorted
  std::vector<std::string> soft_tags;  // "side=russian", sorted
  std::vector<std::string> events;     // "russia", sorted
  std::vector<int> years;              // years named in the sentence (not the figure)
  bool cumulative = false;             // a count that only grows (a rate never is)
  bool reported_earlier = false;       // the sentence reports an earlier statement
                                       // ("hatte ... noch", "previously"): never compared itself
  std::string group;                   // see above
  std::string scope;  // family/unit/period ("money/EUR/"): what `check` recomputes together.
                      // Findings arise within one group, and a group lies within one scope;
                      // a revision reported in one group can clear a conflict in another
                      // group of the same scope, so recompute whole scopes.

  // group + soft tags + "event=…" + "year=…": the full key, as examples state it.
  std::string ToString() const;
  // For people: "troops: soldier per month (loss: losses; side: russian)".
  std::string Label() const;
};

// Builds the key of one claim. Pure and thread-safe.
ClaimKey BuildClaimKey(const ClaimRecord& record, const KeyConfig& config);

// False when no claim of this type and figure can have a usable key: the claim type is not
// analysed (keys.yaml), the figure has no value (`has_value`: a value or a range end), or its
// reading is ambiguous. The first test BuildClaimKey makes; a caller with a million claims
// uses it to skip building records of claims that are never compared.
bool MayHaveUsableKey(const KeyConfig& config, std::string_view claim_type, bool has_value,
                      bool ambiguous);

// The byte range of the figure inside record.claim.sentence: from the spans when they agree,
// else the first occurrence of quantity.text; {npos, npos} when not found.
std::pair<size_t, size_t> FigureInSentence(const ClaimRecord& record);

}  // namespace claimtrack::analyze
