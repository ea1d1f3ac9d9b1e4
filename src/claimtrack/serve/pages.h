#pragma once
// Internal to serve/: the HTML of each page, from data the site has read. Every text from the
// database or the request passes through report::HtmlEscape; links are made only from http(s)
// URLs (report::SafeUrl) and from ids, percent-encoded. No script anywhere.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "claimtrack/analyze/finding.h"
#include "claimtrack/analyze/timeline.h"
#include "claimtrack/pipeline/review_queue.h"
#include "claimtrack/store/reviews.h"
#include "claimtrack/store/store.h"

namespace claimtrack::serve::internal {

// The whole document: head (title, viewport, inline style), the site's navigation, `body`.
std::string Page(std::string_view title, std::string_view body, std::string_view version);
// An error page body: what went wrong and what to do.
std::string ErrorBody(std::string_view heading, std::string_view message, std::string_view hint);

struct QueueView {
  std::string speaker, type, severity;  // the filters as given
  bool all = false;
  size_t limit = 0;
  std::vector<pipeline::QueueItem> items;
  std::vector<std::string> speaker_names;  // for the filter's suggestions
  std::vector<std::string> types;
  std::string notice;  // "no speaker 'Brwn'; did you mean 'Brown'?"
  bool no_check_yet = false;
};
std::string QueueBody(const QueueView& v);

// What the verdict form shows: the values entered (kept after an error) and the error.
struct VerdictForm {
  std::string rating, sources, note, reviewer;
  std::string error, hint, field;
};

struct FindingOfClaim {
  analyze::Finding finding;
  std::string status;                 // new | open
  std::vector<store::Verdict> known;  // verdicts on the same speaker and key group
};

struct ClaimView {
  store::ClaimDetail detail;
  std::vector<FindingOfClaim> findings;
  std::vector<store::Verdict> history;
  std::optional<store::ChangedSinceReview> changed;  // this claim replaced a reviewed one
  VerdictForm form;
  std::string csrf_token;
};
std::string ClaimBody(const ClaimView& v);

struct SpeakerView {
  std::string id, name;
  size_t claim_count = 0;
  std::vector<store::StoredClaim> claims;  // newest first, at most what is shown
  std::vector<std::string> rating_of;      // parallel to claims: the latest verdict or ""
  std::vector<analyze::Timeline> timelines;
  std::vector<std::string> finding_claims;  // sorted: claim ids in open findings
  bool keys_loaded = true;
};
std::string SpeakerBody(const SpeakerView& v);

std::string SpeakersBody(const std::vector<store::SpeakerSummary>& speakers);

struct ReportEntry {
  std::string folder;              // relative to the reports folder ("" = the folder itself)
  std::vector<std::string> files;  // report.html, report.md, …
};
std::string ReportsBody(const std::vector<ReportEntry>& entries, std::string_view root);

// "/claim/ID", "/speaker/ID": ids percent-encoded.
std::string ClaimHref(std::string_view claim_id);
std::string SpeakerHref(std::string_view speaker_id);

}  // namespace claimtrack::serve::internal
