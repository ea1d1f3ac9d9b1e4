#pragma once
// Internal to analyze/: claims prepared for comparison (hashes and ids instead of strings) and
// the rules that decide whether two of them make a finding (compare.cpp,
// finding_builder.cpp).

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "claimtrack/analyze/analyzer.h"
#include "claimtrack/analyze/dates.h"
#include "claimtrack/analyze/interval.h"
#include "claimtrack/analyze/key_internal.h"
#include "claimtrack/analyze/lexicon.h"

namespace claimtrack::analyze::internal {

struct Item {
  uint32_t rec = 0;      // index into the records
  uint64_t rank = 0;     // hash of the claim id: the deterministic tie-break (input order
                         // never matters)
  uint32_t group = 0;    // index of ClaimKey::group in Prepared::groups
  uint64_t speaker = 0;  // hash of the speaker identity; 0 = none
  uint64_t outlet = 0;   // hash of the outlet; 0 = none
  uint64_t article = 0;  // hash of the article id
  int day = kNoDay;
  Interval iv;
  Interval bound;        // for "more than X"/"up to X": X itself, as a hedged figure
  int8_t hedge_dir = 0;  // +1 a floor (more_than, at_least), -1 a ceiling (less_than,
                         // at_most, up_to), 0 otherwise; two floors compare their figures
  uint32_t fig_ordinal = 0;
  uint64_t coarse = 0;             // family/unit/period (KeyExtras::coarse)
  bool range = false;              // a range with both ends: compared end by end with another
  Interval range_low, range_high;  // its ends as hedged figures
  uint64_t verbatim = 0;
  uint64_t skeleton = 0;
  uint64_t figure = 0;  // the figure's value (or range), rounded: "the same figure"
  uint32_t soft_begin = 0, soft_end = 0;  // into Prepared::soft: (dim << 32 | value), sorted
  uint32_t fig_begin = UINT32_MAX, fig_end = UINT32_MAX;  // figure bytes in the sentence
  int window = 30;
  bool cumulative = false;
  bool earlier = false;     // reported earlier statement: only acknowledges revisions
  bool weak = false;        // weak attribution
  bool named = false;       // a named speaker (not "unknown", not the outlet's own text)
  bool identified = false;  // named and a person, or resolved from the speakers table
                            // ("name:Polizei" is named but could be any police force)
  bool concept_known = false;
  bool has_event = false;    // the sentence names at least one event
  bool specific = false;     // the group has a period or a hard tag (more than family/concept)
  bool distinctive = false;  // 3+ significant digits (20,317; 1,816; 7.45), not 20,000 or 2.3
};

struct Prepared {
  const std::vector<ClaimRecord>* records = nullptr;
  const KeyConfig* config = nullptr;
  const AnalyzeOptions* options = nullptr;
  std::vector<Item> items;
  std::vector<uint64_t> soft;
  std::vector<std::string> groups;  // group id -> ClaimKey::group
  uint32_t event_dim = 0;           // dim id of events (for "shares an event")
  int timeline_window = 730;
  // (article, coarse key) -> items flagged "reported earlier" there.
  std::unordered_map<uint64_t, std::vector<uint32_t>> earlier;
  // (article hash, verbatim sentence hash) of every claim, sorted: two articles that share
  // several sentences are copies.
  std::vector<std::pair<uint64_t, uint64_t>> article_sentences;
  // (group, outlet) -> items in date order, built on first use (OutletAlsoSays in compare.cpp).
  std::unordered_map<uint64_t, std::vector<uint32_t>> outlet_items;
  bool has_outlet_items = false;
  // Lazily computed content words per item (for sentence similarity).
  std::vector<std::vector<uint32_t>> words;
  std::vector<bool> has_words;
  TokenizedText scratch;
  KeyScratch key_scratch;  // for the keys of claims in findings
  KeyExtras key_extras;
};

uint64_t ArticleScope(uint64_t article, uint64_t coarse);

constexpr int kNewsCycleDays = 3;  // two outlets' reports of one event within this many days

// Why two claims that are not one statement were compared (shown in the explanation).
enum class Reason {
  kSameStatement,          // the sentences are one statement (no extra words needed)
  kSameSpeakerInWindow,    // one identified speaker, one key, within the window
  kSameSpeakerSameEvent,   // one identified speaker, one named event
  kSameEventNewsCycle,     // one event, similar sentences, the same news cycle
  kSameEventPreciseFigure  // one event, similar sentences, a precise figure
};

// What Decide found for a pair: enough to build the finding later (or not at all, when the
// group has reached its cap).
struct Decision {
  FindingType type = FindingType::kValueConflict;
  Reason reason = Reason::kSameStatement;
  bool same_speaker = false;
  bool dated = false;
  int days = -1;     // b after a, -1 when a date is unknown
  int window = 0;    // the window the pair was compared in
  double scale = 0;  // the factor of a scale slip
  double relative_gap = 0;
};

// The pair rules for items x and y of one group (compare.cpp). Swaps x and y so that x is the
// earlier claim. Cheap when the answer is no.
std::optional<Decision> Decide(Prepared& p, uint32_t& x, uint32_t& y, AnalyzeStats& stats);

// The finding for a pair Decide accepted (finding_builder.cpp).
Finding BuildFinding(Prepared& p, uint32_t x, uint32_t y, const Decision& d);

// A speaker's display name (SpeakerNameOf, key_internal.h).
inline std::string SpeakerName(const ClaimRecord& r) { return SpeakerNameOf(r); }

}  // namespace claimtrack::analyze::internal
