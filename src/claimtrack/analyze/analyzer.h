#pragma once
// The consistency analysis: claims in, findings out. Pure (no database, no clock, no I/O),
// deterministic (the same claims give the same findings in the same order, whatever the input
// order), and fast: claims are grouped by key with hash maps and, inside a group, compared
// only with their nearest neighbours in date order, with copies of the same sentence, and
// with claims of the same figure — never all pairs. What is compared and when a difference
// becomes a finding: docs/findings.md.
//
// Incremental use: findings only ever arise inside one scope (Finding::scope, equal to
// ClaimKey::scope of its claims: family/unit/period), so analysing all claims of the scopes
// touched by new or changed claims, with the other claims of their articles as `context`
// (whether two articles are copies depends on all their sentences), gives exactly the
// current findings of those scopes; keep the stored findings of the other scopes. (Caps,
// neighbour limits and "one finding per pair of sentences" apply per group or per scope, so
// the result is the same as in a full run.)

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "claimtrack/analyze/claim_record.h"
#include "claimtrack/analyze/finding.h"
#include "claimtrack/analyze/key_config.h"

namespace claimtrack::analyze {

struct AnalyzeOptions {
  // An attribution below this confidence (or by carry-over, or none) is weak: findings on it
  // say so and rank one severity lower.
  double weak_confidence = 0.6;
  // Sentences at least this similar (Jaccard of content words outside the figure) are one
  // statement: they are compared even without dates, places or a known concept.
  double same_statement_similarity = 0.6;
  // Dated claims about a known concept that are not one statement are compared only with
  // more evidence: one identified speaker within the window; or a shared event, sentences at
  // least this similar and (across outlets) the same news cycle. See docs/findings.md.
  double related_similarity = 0.3;
  // Per claim, how many earlier claims (in date order) of the same speaker, or of the same
  // group from other outlets, it is compared with.
  size_t neighbours = 16;
  // At most this many findings per key group. A group that reaches it is not examined
  // further (AnalyzeStats::capped_groups counts them): thousands of conflicts in one group
  // mean a flood of copies, not thousands of stories.
  size_t max_findings_per_group = 100;
  // Finding types to report; empty = all.
  std::vector<FindingType> types;
  // Worker threads for building keys; 0 = up to 4, as the machine has cores.
  int threads = 0;
};

struct AnalyzeStats {
  size_t claims = 0;           // records and context claims given
  size_t compared = 0;         // records with a usable key
  size_t groups = 0;           // distinct key groups
  size_t pairs = 0;            // claim pairs examined
  size_t findings = 0;         // findings returned
  size_t capped_groups = 0;    // groups that reached max_findings_per_group
  double key_seconds = 0;      // wall time spent building keys (for benchmarks only; the
  double compare_seconds = 0;  // findings never depend on time)
};

// A claim that is never compared itself (MayHaveUsableKey is false), as what the comparison
// still reads of it: its sentence in its article (two articles that share sentences are
// copies). Sixteen bytes instead of a record.
struct SentenceRef {
  uint64_t article = 0;   // identity of the article id
  uint64_t sentence = 0;  // the sentence, white space collapsed
  bool operator==(const SentenceRef&) const = default;
};
SentenceRef SentenceRefOf(std::string_view article_id, std::string_view sentence);

// Finds value conflicts, scale slips, attribution drift, outlet disagreement and timeline
// anomalies among `records`. Findings are sorted by FindingLess. Thread-safe (no shared
// state); `stats` may be null. `scopes`, when given, receives the key scope of every record
// (ClaimKey::scope, "" when the key is not usable), in the order of `records`: what a caller
// that stores findings per scope needs, without building every key a second time.
// `context`, when given, holds further claims that are never compared: the findings are the
// same as with those claims among `records` (AnalyzeStats::claims counts them too).
std::vector<Finding> Analyze(const std::vector<ClaimRecord>& records, const KeyConfig& config,
                             const AnalyzeOptions& options = {}, AnalyzeStats* stats = nullptr,
                             std::vector<std::string>* scopes = nullptr,
                             const std::vector<SentenceRef>* context = nullptr);

}  // namespace claimtrack::analyze
