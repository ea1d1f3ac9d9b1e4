#pragma once
// The fact-checkers' review queue (`claimtrack review queue`, the review page of `serve`):
// which stored claims need a person, most urgent first, with what the desk already knows.
// A claim is queued when
//   - a finding of `check` (new or open) names it and its figure has no verdict yet, or
//   - its rule says `review: true` (severity low) and its figure has no verdict yet, or
//   - its article was revised after a verdict and the reviewed sentence changed ("changed
//     since reviewed", with the reviewed version and the new one) or is gone ("removed").
// Ordered by severity (high first), then the claim's date (newest first), then claim id.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "claimtrack/store/findings.h"
#include "claimtrack/store/reviews.h"
#include "claimtrack/store/store.h"

namespace claimtrack::pipeline {

enum class QueueReason { kFinding, kRule, kChangedSinceReviewed, kRemovedSinceReviewed };
std::string_view ToString(QueueReason r);  // "finding" | "rule" | "changed" | "removed"

struct QueueItem {
  QueueReason reason = QueueReason::kFinding;
  std::string severity;      // high | medium | low (a changed or removed reviewed figure: high)
  store::StoredClaim claim;  // what to review (for kRemoved: the reviewed, now superseded row)
  // kFinding: the most severe finding that names the claim, and how many others do.
  std::string finding_id, finding_type, explanation, key_label;
  int other_findings = 0;
  std::vector<store::StoredClaim> others;  // the finding's other claims, side by side
  std::optional<store::Verdict> reviewed;  // kChanged/kRemoved: the verdict on the old version
  std::vector<store::Verdict> known;       // earlier verdicts on the same speaker and key group
};

struct QueueOptions {
  std::string speaker;            // speaker id or display name (ASCII case-insensitive); "" = any
  std::string type;               // claim type; "" = any
  std::string severity;           // high | medium | low; "" = any
  bool include_reviewed = false;  // also claims whose figure already has a verdict
  size_t limit = 0;               // 0 = all
};

// Whether a --speaker value names this speaker: its id or display name, ASCII case folded
// (the queue's own test; `review queue` uses it to tell a typo from an empty queue).
bool SpeakerMatches(std::string_view wanted, std::string_view id, std::string_view name);

// Throws StoreError on database failures.
std::vector<QueueItem> BuildReviewQueue(const store::Store& db, const store::FindingStore& findings,
                                        const store::ReviewStore& reviews,
                                        const QueueOptions& options);

}  // namespace claimtrack::pipeline
