#pragma once
// Internal to analyze/: claims prepared for comparison (interned ids instead of strings) and
// the rules that decide whether two of them make a finding (compare.cpp).

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
  uint32_t group = 0;    // interned ClaimKey::group
  uint32_t speaker = 0;  // interned speaker identity; 0 = none
  uint32_t outlet = 0;   // interned outlet; 0 = none
  uint32_t article = 0;  // interned article id
  int day = kNoDay;
  Interval iv;
  Interval bound;        // for "more than X"/"up to X": X itself, as a hedged figure
  int8_t hedge_dir = 0;  // +1 a floor (more_than, at_least), -1 a ceiling (less_than,
                         // at_most, up_to), 0 otherwise; two floors compare their figures
  uint32_t fig_ordinal = 0;
  bool range = false;              // a range with both ends: compared end by end with another
  Interval range_low, range_high;  // its ends as hedged figures
  uint64_t verbatim = 0;
  uint64_t skeleton = 0;
  uint64_t figure = 0;  // the figure's value (or range), rounded: "the same figure"
  uint32_t soft_begin = 0, soft_end = 0;  // into Prepared::soft: (dim << 32 | value), sorted
  uint32_t fig_begin = UINT32_MAX, fig_end = UINT32_MAX;  // figure bytes in the sentence
  int window = 30;
  bool cumulative = false;
  bool earlier = false;        // reported earlier statement: only acknowledges revisions
  bool weak = false;           // weak attribution
  bool named = false;          // a named speaker (not "unknown", not the outlet's own text)
  bool identified = false;     // named and a person, or resolved from the speakers table
                               // ("name:Polizei" is named but could be any police force)
  bool concept_known = false;
  bool has_event = false;  // the sentence names at least one event
  bool distinctive = false;  // 3+ significant digits (20,317; 1,816; 7.45), not 20,000 or 2.3
};

struct Prepared {
  const std::vector<ClaimRecord>* records = nullptr;
  const KeyConfig* config = nullptr;
  const AnalyzeOptions* options = nullptr;
  std::vector<Item> items;
  std::vector<uint64_t> soft;
  std::vector<std::string> groups;   // group id -> ClaimKey::group
  uint32_t event_dim = 0;            // dim id of events (for "shares an event")
  int timeline_window = 730;
  // (article, group) -> items flagged "reported earlier" there.
  std::unordered_map<uint64_t, std::vector<uint32_t>> earlier;
  // article id -> sorted verbatim hashes of its claims' sentences (copies share many).
  std::vector<std::vector<uint64_t>> article_sentences;
  // Lazily computed content words per item (for sentence similarity).
  std::vector<std::vector<uint32_t>> words;
  std::vector<bool> has_words;
  TokenizedText scratch;
  KeyScratch key_scratch;  // for the keys of claims in findings
  KeyExtras key_extras;
};

uint64_t ArticleGroup(uint32_t article, uint32_t group);

constexpr int kNewsCycleDays = 3;  // two outlets' reports of one event within this many days

// Examines the pair (x, y) of items of one group; returns a finding when the pair makes one.
std::optional<Finding> ComparePair(Prepared& p, uint32_t x, uint32_t y, AnalyzeStats& stats);

}  // namespace claimtrack::analyze::internal
