// `claimtrack review export`: the desk's verdicts for publication and spreadsheets.
//   --format claimreview  one JSON array of schema.org ClaimReview objects (JSON-LD), the
//                         markup search engines read from a fact-check page
//   --format csv          one row per verdict, with the claim and its article
// The mapping of ratings and speakers, and which properties are always present, is in
// docs/review.md ("Export"); tests/cli/validate_claimreview.py checks it.

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>

#include "claimtrack/store/reviews.h"
#include "claimtrack/store/store.h"
#include "commands.h"
#include "output.h"
#include "review_common.h"

namespace claimtrack::cli {

namespace {

struct ExportArgs {
  std::string db = DefaultDbPath();
  std::string format;
  std::string since;
  std::string out;
  bool all_verdicts = false;
  std::string publisher;
  std::string publisher_url;
  std::string review_url;
};

// The rating scale on schema.org's numeric Rating: worst 1, best 5. 3 is not used (the desk
// has no "half true"); unverifiable has no place on the scale and no number.
struct RatingMapping {
  const char* rating;
  int value;  // 0 = none
  const char* name;
};
constexpr RatingMapping kRatingScale[] = {{"false", 1, "False"},
                                          {"misleading", 2, "Misleading"},
                                          {"mostly-true", 4, "Mostly true"},
                                          {"true", 5, "True"},
                                          {"unverifiable", 0, "Unverifiable"}};
constexpr int kWorstRating = 1;
constexpr int kBestRating = 5;

const RatingMapping* MappingOf(const std::string& rating) {
  for (const RatingMapping& m : kRatingScale) {
    if (rating == m.rating) return &m;
  }
  return nullptr;
}

// The review's own URL: the template with {claim}, {figure} and {verdict} replaced, or the
// base with the claim id appended.
std::string ReviewUrl(const std::string& base, const store::Verdict& v) {
  if (base.find('{') == std::string::npos) {
    return base + (base.empty() || base.back() == '/' ? "" : "/") + v.claim_id;
  }
  std::string out = base;
  auto replace = [&](const std::string& what, const std::string& with) {
    for (size_t at = out.find(what); at != std::string::npos; at = out.find(what, at + with.size()))
      out.replace(at, what.size(), with);
  };
  replace("{claim}", v.claim_id);
  replace("{figure}", v.figure_id);
  replace("{verdict}", std::to_string(v.id));
  return out;
}

// The verdicts to export, oldest first: every one, or the latest of each figure.
std::vector<store::Verdict> Selected(const store::ReviewStore& reviews, const ExportArgs& a) {
  if (a.all_verdicts) return reviews.All(a.since);
  std::map<std::string, store::Verdict> latest;  // figure (or, for old rows, claim) -> verdict
  for (store::Verdict& v : reviews.All("")) {
    std::string key = v.figure_id.empty() ? "claim:" + v.claim_id : v.figure_id;
    latest.insert_or_assign(key, std::move(v));
  }
  std::vector<store::Verdict> out;
  for (auto& [key, v] : latest) {
    if (v.created_at >= a.since) out.push_back(std::move(v));
  }
  std::sort(out.begin(), out.end(), [](const auto& x, const auto& y) { return x.id < y.id; });
  return out;
}

// The claim row the verdict was recorded on (it keeps what the reviewer read), else the
// claim id's current or newest row.
std::optional<store::StoredClaim> ReviewedClaim(const store::Store& db, const store::Verdict& v) {
  if (v.claim_row > 0) {
    store::ClaimFilter f;
    f.rows = {v.claim_row};
    f.include_superseded = true;
    auto rows = db.QueryClaims(f);
    if (!rows.empty()) return std::move(rows.front());
  }
  if (auto d = db.GetClaim(v.claim_id)) return std::move(d->claim);
  return std::nullopt;
}

// schema.org type of the one who made the claim.
std::string SpeakerType(const Attribution& at) {
  return at.speaker_kind == "organisation" || at.speaker_id.rfind("narrator:", 0) == 0
             ? "Organization"
             : "Person";
}

bool KnownSpeaker(const Attribution& at) {
  return !at.speaker_id.empty() && at.speaker_id != "unknown";
}

bool KnownOutlet(const std::string& outlet) { return !outlet.empty() && outlet != "unknown"; }

std::string SpeakerName(const Attribution& at) {
  if (!at.speaker_name.empty()) return at.speaker_name;
  const std::string& id = at.speaker_id;
  if (id.rfind("name:", 0) == 0) return id.substr(5);
  if (id.rfind("narrator:", 0) == 0) return id.substr(9);
  return id;
}

nlohmann::json ClaimReviewJson(const store::Verdict& v, const store::StoredClaim& c,
                               const ExportArgs& a, std::vector<std::string>& warnings) {
  const RatingMapping* m = MappingOf(v.rating);
  nlohmann::json rating = {{"@type", "Rating"}, {"alternateName", m->name}};
  if (m->value > 0) {
    rating["ratingValue"] = m->value;
    rating["bestRating"] = kBestRating;
    rating["worstRating"] = kWorstRating;
  }
  nlohmann::json author = {{"@type", "Organization"}, {"name", a.publisher}};
  if (!a.publisher_url.empty()) author["url"] = a.publisher_url;

  // The claim: who made it, when, where it appeared.
  nlohmann::json claim = {{"@type", "Claim"}};
  const Attribution& at = c.claim.attribution;
  if (KnownSpeaker(at)) {
    claim["author"] = {{"@type", SpeakerType(at)}, {"name", SpeakerName(at)}};
  } else if (KnownOutlet(c.outlet)) {
    // No speaker found: the outlet published the figure as its own.
    claim["author"] = {{"@type", "Organization"}, {"name", c.outlet}};
  } else {
    warnings.push_back(
        fmt::format("verdict {}: claim {} has no speaker and no outlet: "
                    "itemReviewed.author left out",
                    v.id, c.id));
  }
  if (!c.article_date.empty()) claim["datePublished"] = c.article_date.substr(0, 10);
  nlohmann::json appearance = {{"@type", "CreativeWork"}};
  if (!c.article_url.empty()) appearance["url"] = c.article_url;
  if (!c.article_title.empty()) appearance["headline"] = c.article_title;
  if (!c.article_date.empty()) appearance["datePublished"] = c.article_date.substr(0, 10);
  if (KnownOutlet(c.outlet)) {
    appearance["publisher"] = {{"@type", "Organization"}, {"name", c.outlet}};
  }
  if (c.article_url.empty()) {
    warnings.push_back(fmt::format(
        "verdict {}: the article of claim {} has no URL: itemReviewed.appearance.url left out",
        v.id, c.id));
  }
  if (c.article_date.empty()) {
    warnings.push_back(fmt::format(
        "verdict {}: the article of claim {} has no date: itemReviewed.datePublished left out",
        v.id, c.id));
  }
  claim["appearance"] = nlohmann::json::array({appearance});

  nlohmann::json j = {{"@context", "https://schema.org"},
                      {"@type", "ClaimReview"},
                      {"url", ReviewUrl(a.review_url, v)},
                      {"claimReviewed", v.sentence.empty() ? c.claim.sentence : v.sentence},
                      {"datePublished", v.created_at.substr(0, 10)},
                      {"author", author},
                      {"contributor", {{"@type", "Person"}, {"name", v.reviewer}}},
                      {"reviewRating", rating},
                      {"itemReviewed", claim},
                      {"reviewBody", v.note},
                      {"identifier", fmt::format("claimtrack-verdict-{}", v.id)}};
  if (!v.sources.empty()) j["citation"] = v.sources;
  return j;
}

std::string Joined(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : " ") + s;
  return out;
}

// Writes `text` to `path` through a temporary file in the same folder, so a reader never
// sees half an export. Throws on failure (exit 4).
void WriteFileAtomically(const std::string& path, const std::string& text) {
  namespace fs = std::filesystem;
  const std::string tmp = path + ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    if (!f) throw std::runtime_error(path + ": cannot write: " + std::strerror(errno));
    f << text;
    f.flush();
    if (!f) throw std::runtime_error(path + ": write failed: " + std::strerror(errno));
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) {
    fs::remove(tmp, ec);
    throw std::runtime_error(path + ": cannot write: " + ec.message());
  }
}

int Export(const ExportArgs& a) {
  if (a.format != "claimreview" && a.format != "csv") {
    ReviewUsage("export", "unknown --format '" + a.format + "'", "use claimreview or csv");
    return kExitUsage;
  }
  if (!a.since.empty() && !ValidDateBound(a.since)) {
    ReviewUsage("export", "--since '" + a.since + "' is not a real ISO 8601 date",
                "write 2025, 2025-03 or 2025-03-05");
    return kExitUsage;
  }
  if (a.format == "claimreview") {
    if (a.publisher.find_first_not_of(" \t") == std::string::npos) {
      ReviewUsage("export", "--publisher NAME is required for --format claimreview",
                  "the organisation that publishes the fact checks is the author of every "
                  "ClaimReview, e.g. --publisher \"Faktencheck Desk\"");
      return kExitUsage;
    }
    if (!store::IsHttpUrl(a.review_url)) {
      ReviewUsage("export",
                  a.review_url.empty()
                      ? "--review-url-base URL is required for --format claimreview"
                      : "--review-url-base '" + a.review_url + "' is not an http(s) URL",
                  "each ClaimReview must link the page of its fact check: give the base "
                  "(the claim id is appended) or a template with {claim}, {figure} or "
                  "{verdict}, e.g. --review-url-base 'https://desk.example/checks/{claim}'");
      return kExitUsage;
    }
    if (!a.publisher_url.empty() && !store::IsHttpUrl(a.publisher_url)) {
      ReviewUsage("export", "--publisher-url '" + a.publisher_url + "' is not an http(s) URL", "");
      return kExitUsage;
    }
  }
  store::Store db(a.db, store::Store::OpenMode::kReadOnly);
  store::ReviewStore reviews(a.db, true);
  std::vector<store::Verdict> verdicts = Selected(reviews, a);

  std::ostringstream out;
  std::vector<std::string> warnings;
  size_t written = 0;
  if (a.format == "claimreview") {
    nlohmann::json arr = nlohmann::json::array();
    for (const store::Verdict& v : verdicts) {
      if (!MappingOf(v.rating)) {
        warnings.push_back(fmt::format(
            "verdict {}: '{}' is not on the rating scale (recorded before schema 6): skipped", v.id,
            v.rating));
        continue;
      }
      auto c = ReviewedClaim(db, v);
      if (!c) {
        warnings.push_back(
            fmt::format("verdict {}: claim {} is not in the database: skipped", v.id, v.claim_id));
        continue;
      }
      arr.push_back(ClaimReviewJson(v, *c, a, warnings));
    }
    written = arr.size();
    out << Dump(arr, 2) << '\n';
  } else {
    std::map<int64_t, std::string> rating_of;  // verdict id -> rating, for "previous"
    for (const store::Verdict& v : reviews.All("")) rating_of[v.id] = v.rating;
    PrintCsvRow(
        out,
        {"verdict_id",       "created_at", "reviewer", "rating", "previous_id", "previous_rating",
         "claim_id",         "figure_id",  "sources",  "note",   "speaker_id",  "speaker",
         "claim_type",       "figure",     "value",    "unit",   "sentence",    "article_id",
         "article_revision", "title",      "outlet",   "url",    "article_date"});
    for (const store::Verdict& v : verdicts) {
      auto c = ReviewedClaim(db, v);
      const Claim empty;
      const Claim& cl = c ? c->claim : empty;
      std::string prev_id = v.previous_id ? std::to_string(*v.previous_id) : "";
      std::string prev_rating = v.previous_id ? rating_of[*v.previous_id] : "";
      PrintCsvRow(out, {std::to_string(v.id),
                        v.created_at,
                        v.reviewer,
                        v.rating,
                        prev_id,
                        prev_rating,
                        v.claim_id,
                        v.figure_id,
                        Joined(v.sources),
                        v.note,
                        c ? cl.attribution.speaker_id : "",
                        c ? SpeakerName(cl.attribution) : "",
                        cl.claim_type,
                        c ? cl.quantity.text : "",
                        c && cl.quantity.value ? FormatNumber(*cl.quantity.value) : "",
                        cl.quantity.unit,
                        v.sentence.empty() ? cl.sentence : v.sentence,
                        v.article_id,
                        std::to_string(v.article_revision),
                        c ? c->article_title : "",
                        c ? c->outlet : "",
                        c ? c->article_url : "",
                        c ? c->article_date : ""});
      ++written;
    }
  }
  for (const std::string& w : warnings)
    std::cerr << "claimtrack review export: warning: " << w << '\n';
  if (a.out.empty() || a.out == "-") {
    std::cout << out.str();
  } else {
    WriteFileAtomically(a.out, out.str());
    std::cerr << fmt::format("{} verdicts written to {}\n", written, a.out);
  }
  return kExitOk;
}

}  // namespace

void RegisterReviewExport(CLI::App& review, std::vector<Command>& out) {
  auto a = std::make_shared<ExportArgs>();
  CLI::App* sub = review.add_subcommand(
      "export", "Verdicts as schema.org ClaimReview JSON-LD or as CSV (latest per figure)");
  sub->add_option("--format", a->format, "claimreview | csv")->required();
  sub->add_option("--since", a->since, "Only verdicts recorded on or after this date (ISO 8601)");
  sub->add_flag("--all-verdicts", a->all_verdicts,
                "Every verdict, not only the latest of each figure");
  sub->add_option("--publisher", a->publisher,
                  "The organisation publishing the fact checks (claimreview: required)");
  sub->add_option("--publisher-url", a->publisher_url, "Its home page (claimreview: optional)");
  sub->add_option("--review-url-base", a->review_url,
                  "The fact check's page: a base the claim id is appended to, or a template "
                  "with {claim}, {figure}, {verdict} (claimreview: required)");
  sub->add_option("--out", a->out, "Write to this file instead of stdout");
  sub->add_option("--db", a->db, "Database file")->capture_default_str();
  out.push_back({sub, [a] { return Export(*a); }});
}

}  // namespace claimtrack::cli
