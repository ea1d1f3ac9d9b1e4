#pragma once
// Helpers shared by the `review` subcommands (cmd_review.cpp: queue, verdict, history;
// cmd_review_export.cpp: export; cmd_review_suggest.cpp: suggest, facts lint): usage errors
// in one form, verdicts and stored claims as JSON, the speaker as people read it.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "claimtrack/store/reviews.h"
#include "claimtrack/store/store.h"
#include "commands.h"

namespace claimtrack::cli {

// "claimtrack review CMD: error: WHAT" and "  hint: HINT" (when not empty) on stderr.
void ReviewUsage(const std::string& cmd, const std::string& what, const std::string& hint);

// A verdict as the review commands print it (docs/cli.md, review history).
nlohmann::json VerdictJson(const store::Verdict& v);
// A stored claim as `claims --format jsonl` prints it.
nlohmann::json StoredJson(const store::StoredClaim& r);
// The speaker's display name, else its id.
std::string SpeakerOf(const Claim& c);
// JSON text with invalid UTF-8 replaced (never throws on article text).
std::string Dump(const nlohmann::json& j, int indent = -1);

// Registered by RegisterReview on the `review` command.
void RegisterReviewExport(CLI::App& review, std::vector<Command>& out);
void RegisterReviewSuggest(CLI::App& review, std::vector<Command>& out);

}  // namespace claimtrack::cli
