#pragma once
// `claimtrack check`: stored claims -> findings, incrementally. The first run (or --full)
// analyses every current claim; a later run finds the key groups touched since the last run
// (claims written after it, claims superseded after it), reloads every current claim of those
// key scopes (family/unit/period, analyze/claim_key.h) together with the sentences of every
// other current claim of their articles (copies of an article are told by shared sentences),
// analyses them, and replaces their findings. Findings only ever depend on the claims of one
// scope and the sentences of their articles, so the result equals a full run
// (tests/unit/pipeline/check_test.cpp). (The store's tables say "group" for the
// recomputation unit; it holds the scope.) The
// analysis itself is pure; this file only moves claims and findings between it and the store.

#include <string>
#include <vector>

#include "claimtrack/analyze/analyzer.h"
#include "claimtrack/store/findings.h"
#include "claimtrack/store/store.h"

namespace claimtrack::pipeline {

struct CheckOutcome {
  store::CheckRun run;          // what this run did (counts of new/open/gone)
  analyze::AnalyzeStats stats;  // of the analysis part
  size_t records_loaded = 0;    // claims loaded for the touched groups
  // The findings of the recomputed groups as this run found them (FindingFromJson of their
  // stored payloads gives the same), and those groups (all of them when run.full_run).
  std::vector<analyze::Finding> findings;
  std::vector<std::string> groups;
};

// Throws StoreError on database failures; nothing is recorded then.
CheckOutcome RunCheck(store::Store& db, store::FindingStore& findings,
                      const analyze::KeyConfig& keys, const analyze::AnalyzeOptions& options,
                      bool full);

// A stored claim as the analysis sees it (the second form takes the strings over).
analyze::ClaimRecord ToRecord(const store::StoredClaim& c);
analyze::ClaimRecord ToRecord(store::StoredClaim&& c);

// The current claims of these speakers, as records (what the report's figure timelines are
// built from; analyze::BuildTimelines picks the key groups).
std::vector<analyze::ClaimRecord> RecordsOfSpeakers(store::Store& db,
                                                    const std::vector<std::string>& speaker_ids);

}  // namespace claimtrack::pipeline
