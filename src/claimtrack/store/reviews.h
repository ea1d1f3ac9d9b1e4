#pragma once
// store/reviews: the fact-checkers' verdicts. A verdict belongs to a figure (store.h,
// FigureId), not to the claim row or the rule that extracted it, so it follows the figure
// across re-extraction, a renamed or re-typed rule, and a revision that keeps the sentence.
// The log is append-only, enforced by triggers in the database (migration 0006): a
// correction is a new verdict that names the one it replaces. Own connection to the same
// file (like findings.h); use after store::Store has opened (and so migrated) it. Not
// thread-safe; errors are StoreError with the path and the operation.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "claimtrack/store/store.h"

namespace claimtrack::store {

// The rating scale: from true to false, then unverifiable. Kept in the database as the `verdict`
// column; migration 0006 refuses any other value for a new row.
inline constexpr const char* kRatings[] = {"true", "mostly-true", "misleading", "false",
                                           "unverifiable"};
bool IsRating(std::string_view rating);

struct Verdict {
  int64_t id = 0;         // assigned by the store
  std::string claim_id;   // the claim it was recorded on
  std::string figure_id;  // what it belongs to
  int64_t claim_row = 0;  // the claim row as it was reviewed
  std::string article_id;
  int article_revision = 0;  // the revision the reviewer read
  std::string sentence;      // the sentence as it read then
  std::string rating;        // one of kRatings (older databases may hold free text)
  std::string note;
  std::vector<std::string> sources;  // URLs (stored one per line)
  std::string reviewer;
  std::string created_at;              // assigned by the store (UTC, milliseconds)
  std::optional<int64_t> previous_id;  // the verdict on the same figure it replaces
};

// What a reviewer enters.
struct VerdictInput {
  std::string rating;
  std::vector<std::string> sources;
  std::string note;
  std::string reviewer;
};

// Why a verdict as entered cannot be recorded: one rule set for every form of the desk
// (`review verdict`'s flags, the verdict form of `serve`), so both refuse the same input.
struct VerdictProblem {
  std::string field;    // "rating" | "source" | "note" | "reviewer"
  std::string message;  // "unknown rating 'fals'"
  std::string hint;     // "did you mean 'false'? ratings are true, mostly-true, …"
};
// The desk's rules: a rating of kRatings; every source an http(s) URL on one line, and at
// least one unless the rating is 'unverifiable'; a note with some text; a reviewer name on
// one line of at most kMaxReviewerBytes. nullopt when the input may be recorded. Pure.
inline constexpr size_t kMaxReviewerBytes = 100;
std::optional<VerdictProblem> CheckVerdict(const VerdictInput& input);
// An absolute http(s) URL without whitespace or control characters.
bool IsHttpUrl(std::string_view s);

// A verdict whose figure is no longer among the current claims because its article was
// revised after the verdict: the figure's sentence changed or was removed.
struct ChangedSinceReview {
  Verdict verdict;                      // the latest verdict on the vanished figure
  int current_revision = 0;             // the article's revision now
  std::vector<std::string> successors;  // current claim ids in the sentence that replaced the
                                        // reviewed one (most similar first); empty = removed
};

class ReviewStore {
 public:
  explicit ReviewStore(const std::string& path, bool read_only = false);
  ~ReviewStore();
  ReviewStore(const ReviewStore&) = delete;
  ReviewStore& operator=(const ReviewStore&) = delete;

  // Appends a verdict on the figure of the stored claim `claim_id` (its current row, else its
  // newest), naming the latest earlier verdict on that figure as the one it replaces. Throws
  // StoreError for an unknown claim, a rating outside kRatings, or a write failure.
  Verdict Add(const std::string& claim_id, const VerdictInput& input);

  // The figure a claim id stands for ("" when the claim is unknown).
  std::string FigureOf(const std::string& claim_id) const;
  // Every verdict on the figure of `claim_id`, oldest first: what was recorded on it under
  // any rule, in any extraction or revision that kept the sentence.
  std::vector<Verdict> History(const std::string& claim_id) const;
  // The latest verdict of each of these figures that has one.
  std::map<std::string, Verdict> Latest(const std::vector<std::string>& figure_ids) const;
  // Every verdict recorded at or after `since` (ISO prefix; "" = all), oldest first.
  std::vector<Verdict> All(const std::string& since = "") const;
  // Verdicts whose figure has no current claim and whose article was revised after the
  // verdict, with the claims of the sentence that replaced the reviewed one. A figure that
  // got a verdict again later (under its new id) is not listed.
  std::vector<ChangedSinceReview> ChangedSinceReviewed() const;
  // Verdicts on claims of one speaker in one key group (the group `check` recorded for the
  // reviewed claim row, store/findings.h), oldest first: what the desk already knows about a
  // speaker's figures for the same thing.
  std::vector<Verdict> InGroup(const std::string& group, const std::string& speaker_id) const;
  // Current claims whose rule says `review: true` (claims.review), by claim id.
  std::vector<std::string> FlaggedByRules() const;
  int64_t Count() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace claimtrack::store
