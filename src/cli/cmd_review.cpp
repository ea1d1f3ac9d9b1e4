// The fact-checkers' desk: `review queue`, `review verdict`, `review history` (`review
// export`: cmd_review_export.cpp; `review suggest` and `review facts lint`:
// cmd_review_suggest.cpp).
// The queue is assembled by pipeline/review_queue.h, verdicts are kept by store/reviews.h;
// this file parses, validates and formats (docs/review.md, docs/cli.md).

#include <fmt/format.h>

#include <cstdlib>
#include <iostream>

#include "claimtrack/pipeline/review_queue.h"
#include "claimtrack/store/findings.h"
#include "claimtrack/store/reviews.h"
#include "claimtrack/store/store.h"
#include "commands.h"
#include "output.h"
#include "review_common.h"

namespace claimtrack::cli {

void ReviewUsage(const std::string& cmd, const std::string& what, const std::string& hint) {
  std::cerr << "claimtrack review " << cmd << ": error: " << what << "\n";
  if (!hint.empty()) std::cerr << "  hint: " << hint << "\n";
}

nlohmann::json VerdictJson(const store::Verdict& v) {
  nlohmann::json j = {{"id", v.id},
                      {"claim_id", v.claim_id},
                      {"figure_id", v.figure_id},
                      {"rating", v.rating},
                      {"sources", v.sources},
                      {"note", v.note},
                      {"reviewer", v.reviewer},
                      {"created_at", v.created_at},
                      {"article_id", v.article_id},
                      {"article_revision", v.article_revision},
                      {"sentence", v.sentence}};
  j["previous_id"] = v.previous_id ? nlohmann::json(*v.previous_id) : nlohmann::json(nullptr);
  return j;
}

nlohmann::json StoredJson(const store::StoredClaim& r) {
  nlohmann::json j = ClaimJson(r.claim);
  j["id"] = r.id;
  j["date"] = r.date;
  j["article_revision"] = r.article_revision;
  j["superseded"] = r.superseded;
  j["title"] = r.article_title;
  j["url"] = r.article_url;
  j["outlet"] = r.outlet;
  return j;
}

std::string SpeakerOf(const Claim& c) {
  return c.attribution.speaker_name.empty() ? c.attribution.speaker_id : c.attribution.speaker_name;
}

std::string Dump(const nlohmann::json& j, int indent) {
  return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

namespace {

constexpr const char* kRatingList = "true, mostly-true, misleading, false, unverifiable";

struct ReviewArgs {
  std::string db = DefaultDbPath();
  std::string format = "table";
  // queue
  std::string speaker, type, severity;
  bool all = false;
  int64_t limit = 50;
  // verdict / history
  std::string claim_id;
  std::string rating;
  std::vector<std::string> sources;
  std::string note;
  std::string reviewer;
};

bool CheckFormat(const std::string& cmd, const std::string& format) {
  if (format == "table" || format == "json" || format == "jsonl" || format == "csv") return true;
  ReviewUsage(cmd, "unknown --format '" + format + "'", "use table, json, jsonl or csv");
  return false;
}

bool HasSpeakerNamed(const store::Store& db, const std::string& speaker) {
  for (const auto& [id, name] : db.SpeakerNames()) {
    if (pipeline::SpeakerMatches(speaker, id, name)) return true;
  }
  return false;
}

int Queue(const ReviewArgs& a) {
  if (!CheckFormat("queue", a.format)) return kExitUsage;
  if (!a.severity.empty() && a.severity != "high" && a.severity != "medium" &&
      a.severity != "low") {
    ReviewUsage("queue", "unknown --severity '" + a.severity + "'", "use high, medium or low");
    return kExitUsage;
  }
  if (a.limit < 0) {
    ReviewUsage("queue", "--limit must be 0 (all) or more", "");
    return kExitUsage;
  }
  store::Store db(a.db, store::Store::OpenMode::kReadOnly);
  store::FindingStore findings(a.db, true);
  store::ReviewStore reviews(a.db, true);
  pipeline::QueueOptions o;
  o.speaker = a.speaker;
  o.type = a.type;
  o.severity = a.severity;
  o.include_reviewed = a.all;
  o.limit = static_cast<size_t>(a.limit);
  std::vector<pipeline::QueueItem> items = pipeline::BuildReviewQueue(db, findings, reviews, o);
  if (items.empty()) {
    // An empty queue because of a typo ("--speaker Rute", "--type casualty") is not "nothing
    // to review": name what is stored instead (exit 6, as `claims` does).
    int rc = kExitOk;
    if (!a.speaker.empty() && !HasSpeakerNamed(db, a.speaker)) {
      rc = UnknownSpeaker("review queue", db, a.db, a.speaker, nullptr);
    }
    if (!a.type.empty() && !db.HasClaimType(a.type)) {
      rc = UnknownClaimType("review queue", db, a.db, a.type);
    }
    if (rc != kExitOk) return rc;
  }

  auto item_json = [&](const pipeline::QueueItem& i) {
    nlohmann::json j = {{"reason", std::string(pipeline::ToString(i.reason))},
                        {"severity", i.severity},
                        {"claim", StoredJson(i.claim)},
                        {"explanation", i.explanation}};
    if (i.reason == pipeline::QueueReason::kFinding) {
      j["finding"] = {{"id", i.finding_id},
                      {"type", i.finding_type},
                      {"key", i.key_label},
                      {"other_findings", i.other_findings}};
    }
    nlohmann::json others = nlohmann::json::array();
    for (const auto& o2 : i.others) others.push_back(StoredJson(o2));
    j["others"] = others;
    j["reviewed"] = i.reviewed ? VerdictJson(*i.reviewed) : nlohmann::json(nullptr);
    nlohmann::json known = nlohmann::json::array();
    for (const auto& v : i.known) known.push_back(VerdictJson(v));
    j["known"] = known;
    return j;
  };
  if (a.format == "json" || a.format == "jsonl") {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& i : items) {
      if (a.format == "jsonl") {
        std::cout << Dump(item_json(i)) << '\n';
      } else {
        arr.push_back(item_json(i));
      }
    }
    if (a.format == "json") std::cout << Dump(arr, 2) << '\n';
    return kExitOk;
  }
  if (a.format == "csv") {
    PrintCsvRow(std::cout, {"claim_id", "reason", "severity", "finding_id", "finding_type", "date",
                            "speaker", "claim_type", "figure", "outlet", "title", "url", "sentence",
                            "explanation", "reviewed_rating", "known_verdicts"});
    for (const auto& i : items) {
      const Claim& c = i.claim.claim;
      PrintCsvRow(std::cout,
                  {i.claim.id, std::string(pipeline::ToString(i.reason)), i.severity, i.finding_id,
                   i.finding_type, i.claim.date.substr(0, 10), SpeakerOf(c), c.claim_type,
                   Describe(c.quantity), i.claim.outlet, i.claim.article_title, i.claim.article_url,
                   c.sentence, i.explanation, i.reviewed ? i.reviewed->rating : "",
                   std::to_string(i.known.size())});
    }
    return kExitOk;
  }
  Table t({"claim", "severity", "why", "date", "speaker", "type", "figure", "known", "sentence"});
  t.SetMaxWidth(4, 24);
  t.SetMaxWidth(6, 24);
  t.SetMaxWidth(8, 60);
  for (const auto& i : items) {
    const Claim& c = i.claim.claim;
    std::string why = i.reason == pipeline::QueueReason::kFinding ? i.finding_type
                                                                  : std::string(ToString(i.reason));
    if (i.other_findings > 0) why += fmt::format(" +{}", i.other_findings);
    std::string known = i.known.empty() ? "-" : fmt::format("{} verdicts", i.known.size());
    if (i.reviewed) known = "was " + i.reviewed->rating;
    t.Add({i.claim.id, i.severity, why, i.claim.date.substr(0, 10), SpeakerOf(c), c.claim_type,
           Describe(c.quantity), known, c.sentence});
  }
  t.Print(std::cout);
  std::cout << fmt::format("{} claims to review{}\n", items.size(),
                           a.limit > 0 && items.size() == static_cast<size_t>(a.limit)
                               ? fmt::format(" (first {}; --limit 0 for all)", a.limit)
                               : "");
  if (items.empty() && findings.LastCheck().id == 0) {
    std::cerr << "hint: no `claimtrack check` has run on this database yet; the queue is built "
                 "from its findings\n";
  }
  return kExitOk;
}

int RecordVerdict(const ReviewArgs& a) {
  store::VerdictInput in{a.rating, a.sources, a.note, a.reviewer};
  if (in.reviewer.empty()) {
    if (const char* env = std::getenv("CLAIMTRACK_REVIEWER"); env && *env) {
      in.reviewer = env;
    } else if (const char* user = std::getenv("USER"); user && *user) {
      in.reviewer = user;
    }
  }
  // The same rules as the verdict form of `serve` (store::CheckVerdict).
  if (auto problem = store::CheckVerdict(in)) {
    std::string hint = problem->hint;
    if (problem->field == "reviewer" && in.reviewer.empty()) {
      hint = "pass --reviewer NAME or set CLAIMTRACK_REVIEWER";
    } else {
      hint += " (--" + problem->field + ")";
    }
    ReviewUsage("verdict", problem->message, hint);
    return kExitUsage;
  }
  // Opens for writing: migrates, refuses a damaged reviews table.
  store::Store db(a.db, store::Store::OpenMode::kWriteReviews);
  store::ReviewStore reviews(a.db);
  if (reviews.FigureOf(a.claim_id).empty()) {
    ReviewUsage("verdict", "no claim with id '" + a.claim_id + "'",
                "ids are listed by `claimtrack review queue` and `claimtrack claims`");
    return kExitFindings;
  }
  store::Verdict v = reviews.Add(a.claim_id, in);
  if (a.format == "json" || a.format == "jsonl") {
    std::cout << Dump(VerdictJson(v), a.format == "json" ? 2 : -1) << '\n';
    return kExitOk;
  }
  std::cout << fmt::format("recorded verdict {}: {} on claim {} by {}", v.id, v.rating, v.claim_id,
                           v.reviewer);
  if (v.previous_id) std::cout << fmt::format(" (replaces verdict {})", *v.previous_id);
  std::cout << '\n';
  return kExitOk;
}

int History(const ReviewArgs& a) {
  if (!CheckFormat("history", a.format)) return kExitUsage;
  store::Store db(a.db, store::Store::OpenMode::kReadOnly);
  store::ReviewStore reviews(a.db, true);
  std::vector<store::Verdict> list = reviews.History(a.claim_id);
  if (list.empty() && reviews.FigureOf(a.claim_id).empty()) {
    ReviewUsage("history", "no claim with id '" + a.claim_id + "'",
                "ids are listed by `claimtrack review queue` and `claimtrack claims`");
    return kExitFindings;
  }
  if (a.format == "json" || a.format == "jsonl") {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& v : list) {
      if (a.format == "jsonl") {
        std::cout << Dump(VerdictJson(v)) << '\n';
      } else {
        arr.push_back(VerdictJson(v));
      }
    }
    if (a.format == "json") std::cout << Dump(arr, 2) << '\n';
    return kExitOk;
  }
  auto joined = [](const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : " ") + s;
    return out;
  };
  if (a.format == "csv") {
    PrintCsvRow(std::cout, {"id", "created_at", "reviewer", "rating", "previous_id", "claim_id",
                            "figure_id", "article_revision", "sources", "note", "sentence"});
    for (const auto& v : list) {
      PrintCsvRow(std::cout,
                  {std::to_string(v.id), v.created_at, v.reviewer, v.rating,
                   v.previous_id ? std::to_string(*v.previous_id) : "", v.claim_id, v.figure_id,
                   std::to_string(v.article_revision), joined(v.sources), v.note, v.sentence});
    }
    return kExitOk;
  }
  Table t({"verdict", "when", "reviewer", "rating", "replaces", "revision", "sources", "note"});
  t.SetMaxWidth(6, 50);
  t.SetMaxWidth(7, 50);
  for (const auto& v : list) {
    t.Add({std::to_string(v.id), v.created_at.substr(0, 19), v.reviewer, v.rating,
           v.previous_id ? std::to_string(*v.previous_id) : "-", std::to_string(v.article_revision),
           joined(v.sources), v.note});
  }
  t.Print(std::cout);
  std::cout << fmt::format("{} verdicts on the figure of claim {}\n", list.size(), a.claim_id);
  return kExitOk;
}

}  // namespace

void RegisterReview(CLI::App& app, std::vector<Command>& out) {
  auto args = std::make_shared<ReviewArgs>();
  CLI::App* review = app.add_subcommand(
      "review", "The fact-checkers' desk: review queue, verdicts, history, export, suggestions");
  review->require_subcommand(1);

  CLI::App* queue = review->add_subcommand(
      "queue", "Claims to review: flagged by findings, or changed since their verdict");
  queue->add_option("--db", args->db, "Database file")->capture_default_str();
  queue->add_option("--speaker", args->speaker, "Only this speaker (id or name)");
  queue->add_option("--type", args->type, "Only this claim type");
  queue->add_option("--severity", args->severity, "Only high, medium or low");
  queue->add_flag("--all", args->all, "Also claims whose figure already has a verdict");
  queue->add_option("--limit", args->limit, "At most N claims (0 = all)")->capture_default_str();
  queue->add_option("--format", args->format, "table | json | jsonl | csv")->capture_default_str();
  out.push_back({queue, [args] { return Queue(*args); }});

  CLI::App* verdict = review->add_subcommand("verdict", "Record a verdict on a claim's figure");
  verdict->add_option("claim", args->claim_id, "Claim id")->required();
  verdict->add_option("--rating", args->rating, kRatingList)->required();
  verdict->add_option("--source", args->sources, "Evidence URL (repeatable)");
  verdict->add_option("--note", args->note, "What was checked and found")->required();
  verdict->add_option("--reviewer", args->reviewer,
                      "Who reviewed (default: $CLAIMTRACK_REVIEWER, else $USER)");
  verdict->add_option("--db", args->db, "Database file")->capture_default_str();
  verdict->add_option("--format", args->format, "table | json | jsonl")->capture_default_str();
  out.push_back({verdict, [args] { return RecordVerdict(*args); }});

  CLI::App* history =
      review->add_subcommand("history", "Every verdict on a claim's figure, oldest first");
  history->add_option("claim", args->claim_id, "Claim id")->required();
  history->add_option("--db", args->db, "Database file")->capture_default_str();
  history->add_option("--format", args->format, "table | json | jsonl | csv")
      ->capture_default_str();
  out.push_back({history, [args] { return History(*args); }});

  RegisterReviewExport(*review, out);
  RegisterReviewSuggest(*review, out);
}

}  // namespace claimtrack::cli
