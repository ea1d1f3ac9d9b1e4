#pragma once
// `claimtrack review suggest`: holds claims against reference facts and proposes a rating,
// with the evidence and the arithmetic, for a person to confirm with `review verdict`. It
// never records anything.
//
// A fact meets a claim when they have the same key, as `check` would compare two claims
// (analyze/claim_key.h): the same group (family, concept, unit, period, base, hard tags);
// soft tags, events and years do not contradict (where both have values of a dimension, they
// share one); the claim's concept is known and it does not report an earlier statement; and
// the claim's article date lies within the fact's valid_from..valid_until (an undated claim
// meets only a fact without them). The claim asserts the interval of analyze/interval.h
// (hedges, ranges, the writer's rounding); the fact allows its figure ± its tolerance.
//
// Rating (documented in docs/review.md, "Suggestions"):
//   the intervals overlap                          true (a one-sided claim, "mehr als 3.000",
//                                                  whose bound lies more than kMisleadingGap
//                                                  short of the reference: mostly-true)
//   gap <= kMostlyTrueGap (10 %) of the reference  mostly-true
//   gap <= kMisleadingGap (25 %)                   misleading
//   further, or off by a factor of ~1,000/10^6/10^9 false
// where gap = the distance between the two intervals relative to the reference's figure.

#include <string>
#include <vector>

#include "claimtrack/analyze/claim_key.h"
#include "claimtrack/analyze/claim_record.h"
#include "claimtrack/analyze/interval.h"
#include "claimtrack/analyze/key_config.h"
#include "claimtrack/facts/reference_facts.h"

namespace claimtrack::facts {

inline constexpr double kMostlyTrueGap = 0.10;
inline constexpr double kMisleadingGap = 0.25;

struct Suggestion {
  std::string claim_id;
  std::string rating;                    // true | mostly-true | misleading | false
  const ReferenceFact* fact = nullptr;   // points into the facts passed to Suggest
  std::vector<std::string> other_facts;  // ids of further facts that meet the claim
  std::string key;                       // the claim's key (ClaimKey::ToString)
  analyze::Interval claimed;             // what the claim asserts
  analyze::Interval reference;           // what the fact allows
  double deviation = 0;                  // (claimed figure - reference figure) / |reference figure|
  double gap = 0;          // interval distance / |reference figure|; 0 when they overlap
  double scale = 0;        // 1e3, 1e6, 1e9 when the claim is the reference at that scale
  bool one_sided = false;  // the claim is a bound ("mehr als", "bis zu")
  std::string arithmetic;  // for people: the figures, the deviation, the rule applied
};

// True when the fact is about the claim's key (see above).
bool KeyMatches(const analyze::ClaimKey& claim, const FactKey& fact);
// True when the claim's date (ISO, "" = unknown) lies within the fact's validity.
bool DateMatches(const std::string& claim_date, const ReferenceFact& fact);

// Compares one claim with one fact whose key it matches; `tolerance` is the claim type's
// hedge tolerance (KeyConfig::ToleranceFor).
Suggestion Compare(const analyze::ClaimRecord& record, const analyze::ClaimKey& key,
                   const ReferenceFact& fact, double tolerance);

// One suggestion for each record that some fact meets: the fact dated closest to the claim
// (ties: the newer fact, then the smaller id); the others are named. In record order.
std::vector<Suggestion> Suggest(const std::vector<analyze::ClaimRecord>& records,
                                const std::vector<ReferenceFact>& facts,
                                const analyze::KeyConfig& keys);

// "20,000", "1,400,000,000", "2.5", "11,400": a figure for people.
std::string HumanNumber(double v);

}  // namespace claimtrack::facts
