#pragma once
// Findings: what the analysis tells a fact-checker. Each finding names the claims it stands
// on, the key they share, and one line saying why they were compared. Types and their rules:
// docs/findings.md. The strings of ToString() are the output contract (JSON, database).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "claimtrack/model/claim.h"

namespace claimtrack::analyze {

enum class FindingType {
  kValueConflict,       // one speaker, one key, figures that cannot both hold
  kScaleSlip,           // figures ~x1,000 or ~x1,000,000 apart (Mio./Mrd., Billion/billion)
  kAttributionDrift,    // the same figure and key attributed to different speakers
  kOutletDisagreement,  // different outlets, same key and event, incompatible figures
  kTimelineAnomaly,     // a cumulative count of one speaker that goes down over time
};
enum class FindingSeverity { kHigh, kMedium, kLow };

std::string_view ToString(FindingType t);
std::string_view ToString(FindingSeverity s);
bool ParseFindingType(std::string_view s, FindingType* out);
bool ParseFindingSeverity(std::string_view s, FindingSeverity* out);

// One claim a finding stands on, with everything needed to show it without a database.
struct FindingClaim {
  std::string claim_id;
  std::string article_id;
  std::string outlet;
  std::string url;
  std::string title;
  std::string date;  // article date as given ("" = unknown)
  std::string speaker_id;
  std::string speaker_name;
  std::string method;           // attribution method ("quote", "reported", "carryover", ...)
  double confidence = 0;        // attribution confidence 0..1
  bool weak = false;            // carry-over, no attribution, or confidence below the threshold
  std::string figure;           // the figure as written ("rund 20.000")
  std::string kind;             // QuantityKind name
  std::optional<double> value;  // the model's point value (null for a range)
  std::optional<double> range_low, range_high;  // the model's range ends, if a range
  std::optional<double> low, high;              // the interval the figure asserts (interval.h);
                                                // null = unbounded on that side
  std::string qualifier;                        // Qualifier name ("" = none)
  std::string unit;                             // as the normalizer gave it ("Soldat", "USD", "%")
  std::string period;                           // Period name ("" = none)
  std::string sentence;
  size_t span_begin = 0;  // the figure's bytes in `sentence` (span_begin == span_end: unknown)
  size_t span_end = 0;
  std::string rule_id;
};

struct Finding {
  std::string id;  // stable: hash of type + group + sorted claim ids (FindingId)
  FindingType type = FindingType::kValueConflict;
  FindingSeverity severity = FindingSeverity::kMedium;
  std::string speaker_id;    // the speaker all claims share; "" when they differ
  std::string speaker_name;  // display name ("Mark Rutte"); for an outlet's own text the
                             // outlet ("narrator:…" ids)
  std::string group;         // ClaimKey::group shared by the claims
  std::string scope;         // ClaimKey::scope of the claims: recompute and replace findings per
                             // scope (analyzer.h, "Incremental use")
  std::string key;           // ClaimKey::ToString() of the comparison ("troops/soldier/month …")
  std::string key_label;     // for people: "troops: soldier per month (side: russian)"
  std::vector<FindingClaim> claims;  // sorted by (date, claim id); at least two
  std::string explanation;           // one line: why these claims were compared and what differs
  bool weak_attribution = false;     // stands on a weak attribution: verify before using
  double relative_gap = 0;           // distance between the figures' intervals, relative
  int days_apart = -1;               // between the claims' article dates; -1 = unknown
};

// The stable id of a finding: 16 hex digits of a 64-bit hash of type, group and the sorted
// claim ids. The same claims in the same group give the same id in every run.
std::string FindingId(FindingType type, std::string_view group, std::vector<std::string> claim_ids);

// Ordering for people: severity (high first), strong before weak attribution, type, key, id.
bool FindingLess(const Finding& a, const Finding& b);

}  // namespace claimtrack::analyze

namespace claimtrack::analyze {

// A figure for people, normalized: "20,000", "~20,000", ">2 billion EUR", "700–900 million
// EUR", "2.3%", "66.7%" (a fraction as percent). Counts carry no unit (the key names it).
std::string FigureText(const FindingClaim& c);
// A number for people: 20,000; 1.2 million; 5 billion; 2.3.
std::string HumanNumber(double v);

}  // namespace claimtrack::analyze
