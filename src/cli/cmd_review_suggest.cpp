// `claimtrack review suggest` and `claimtrack review facts lint`: reference facts
// (facts/reference_facts.h) against the stored claims (facts/suggest.h). suggest proposes a
// rating per claim with the evidence and the arithmetic, and prints the `review verdict`
// command that would record it; it never records anything itself (docs/review.md).

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <map>
#include <optional>
#include <set>

#include "claimtrack/analyze/key_config.h"
#include "claimtrack/facts/reference_facts.h"
#include "claimtrack/facts/suggest.h"
#include "claimtrack/pipeline/check.h"
#include "claimtrack/store/reviews.h"
#include "claimtrack/store/store.h"
#include "commands.h"
#include "output.h"
#include "review_common.h"

namespace claimtrack::cli {

namespace {

constexpr const char* kDefaultFactsDir = "claims_db/facts";

struct SuggestArgs {
  std::string db = DefaultDbPath();
  std::string facts = kDefaultFactsDir;
  std::string keys;
  std::string format = "table";
  std::string speaker, type;
  bool all = false;
};

// A word for a POSIX shell: as is when it is safe, else in single quotes.
std::string ShellWord(const std::string& s) {
  if (!s.empty() && s.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                        "0123456789_-./:=@%+,") == std::string::npos) {
    return s;
  }
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string AsciiLower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

// The facts of `dir` with their diagnostics printed; nullopt when any is an error.
std::optional<std::vector<facts::ReferenceFact>> LoadFactsPrinted(const std::string& dir,
                                                                  const analyze::KeyConfig& keys) {
  Diagnostics d;
  std::vector<facts::ReferenceFact> list = facts::LoadFacts(dir, keys, d);
  std::cerr << d.ToString();
  if (d.HasErrors()) {
    std::cerr << fmt::format(
        "{}: {} error(s) in the reference facts; fix them first "
        "(`claimtrack review facts lint {}`)\n",
        dir, d.ErrorCount(), dir);
    return std::nullopt;
  }
  return list;
}

nlohmann::json Bound(double v) {
  return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
}

nlohmann::json FactJson(const facts::ReferenceFact& f) {
  auto opt = [](const std::optional<double>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
  };
  return {{"id", f.id},
          {"source", f.source},
          {"date", f.date},
          {"key", f.key.ToString()},
          {"value", opt(f.value)},
          {"low", opt(f.low)},
          {"high", opt(f.high)},
          {"tolerance", f.tolerance},
          {"note", f.note},
          {"valid_from", f.valid_from},
          {"valid_until", f.valid_until},
          {"file", f.path},
          {"line", f.line}};
}

std::string ConfirmCommand(const facts::Suggestion& s, const SuggestArgs& a) {
  std::string cmd =
      fmt::format("claimtrack review verdict {} --rating {} --source {} --note {}", s.claim_id,
                  s.rating, ShellWord(s.fact->source), ShellWord(s.arithmetic));
  if (a.db != DefaultDbPath()) cmd += " --db " + ShellWord(a.db);
  return cmd;
}

int Suggest(const SuggestArgs& a) {
  if (a.format != "table" && a.format != "json" && a.format != "jsonl") {
    ReviewUsage("suggest", "unknown --format '" + a.format + "'", "use table, json or jsonl");
    return kExitUsage;
  }
  auto keys = LoadKeys(a.keys);
  if (!keys) return kExitFindings;
  auto fact_list = LoadFactsPrinted(a.facts, *keys);
  if (!fact_list) return kExitFindings;

  store::Store db(a.db, store::Store::OpenMode::kReadOnly);
  store::ReviewStore reviews(a.db, true);
  // Only claims of a family some fact is about are turned into records.
  std::set<std::string> families;
  for (const auto& f : *fact_list) families.insert(f.key.family);
  std::vector<store::StoredClaim> claims;
  std::vector<analyze::ClaimRecord> records;
  const std::string speaker = AsciiLower(a.speaker);
  db.ForEachClaim({}, [&](store::StoredClaim&& c) {
    const analyze::ClaimTypeSpec* spec = keys->FindClaimType(c.claim.claim_type);
    const std::string family = spec && !spec->family.empty() ? spec->family : c.claim.claim_type;
    if (!families.count(family)) return;
    if (!a.type.empty() && c.claim.claim_type != a.type) return;
    if (!speaker.empty() && AsciiLower(c.claim.attribution.speaker_id) != speaker &&
        AsciiLower(c.claim.attribution.speaker_name) != speaker) {
      return;
    }
    records.push_back(pipeline::ToRecord(c));
    claims.push_back(std::move(c));
  });
  // ForEachClaim's order is the plan's: sort by date, then id, for a stable listing.
  std::vector<size_t> order(records.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t x, size_t y) {
    if (claims[x].date != claims[y].date) return claims[x].date < claims[y].date;
    return claims[x].id < claims[y].id;
  });
  std::vector<analyze::ClaimRecord> sorted_records;
  std::map<std::string, const store::StoredClaim*> claim_of;
  for (size_t i : order) {
    sorted_records.push_back(std::move(records[i]));
    claim_of[claims[i].id] = &claims[i];
  }
  std::vector<facts::Suggestion> suggestions = facts::Suggest(sorted_records, *fact_list, *keys);

  // Figures that already have a verdict are the desk's decision: left out unless --all.
  std::map<std::string, std::string> figure_of;
  std::vector<std::string> figures;
  for (const auto& s : suggestions) {
    figure_of[s.claim_id] = store::FigureId(claim_of.at(s.claim_id)->claim);
    figures.push_back(figure_of[s.claim_id]);
  }
  std::map<std::string, store::Verdict> latest = reviews.Latest(figures);
  size_t reviewed = 0;
  std::vector<const facts::Suggestion*> shown;
  for (const auto& s : suggestions) {
    bool has_verdict = latest.count(figure_of[s.claim_id]) > 0;
    reviewed += has_verdict;
    if (!has_verdict || a.all) shown.push_back(&s);
  }

  auto item_json = [&](const facts::Suggestion& s) {
    auto it = latest.find(figure_of[s.claim_id]);
    return nlohmann::json{
        {"claim", StoredJson(*claim_of.at(s.claim_id))},
        {"key", s.key},
        {"fact", FactJson(*s.fact)},
        {"other_facts", s.other_facts},
        {"rating", s.rating},
        {"claimed", {{"low", Bound(s.claimed.low)}, {"high", Bound(s.claimed.high)}}},
        {"reference", {{"low", Bound(s.reference.low)}, {"high", Bound(s.reference.high)}}},
        {"deviation", s.deviation},
        {"gap", s.gap},
        {"scale", s.scale > 0 ? nlohmann::json(s.scale) : nlohmann::json(nullptr)},
        {"arithmetic", s.arithmetic},
        {"verdict", it != latest.end() ? VerdictJson(it->second) : nlohmann::json(nullptr)},
        {"command", ConfirmCommand(s, a)}};
  };
  if (a.format == "json" || a.format == "jsonl") {
    nlohmann::json arr = nlohmann::json::array();
    for (const facts::Suggestion* s : shown) {
      if (a.format == "jsonl") {
        std::cout << Dump(item_json(*s)) << '\n';
      } else {
        arr.push_back(item_json(*s));
      }
    }
    if (a.format == "json") std::cout << Dump(arr, 2) << '\n';
    return kExitOk;
  }
  // For people: one block per claim (the arithmetic is the point, so it is never cut).
  for (const facts::Suggestion* s : shown) {
    const store::StoredClaim& c = *claim_of.at(s->claim_id);
    std::string has;
    if (auto it = latest.find(figure_of[s->claim_id]); it != latest.end()) {
      has = fmt::format(" (verdict {}: {})", it->second.id, it->second.rating);
    }
    std::cout << fmt::format("{}  {}  {}  {}  suggest {}{}\n", c.id, c.date.substr(0, 10),
                             SpeakerOf(c.claim), Describe(c.claim.quantity), s->rating, has);
    std::cout << "    " << c.claim.sentence << '\n';
    std::cout << "    " << s->arithmetic << '\n';
    std::cout << fmt::format("    evidence: {} ({}){}\n", s->fact->source, s->fact->id,
                             s->fact->note.empty() ? "" : ": " + s->fact->note);
    if (!s->other_facts.empty()) {
      std::string others;
      for (const auto& id : s->other_facts) others += (others.empty() ? "" : ", ") + id;
      std::cout << "    also about this key: " << others << '\n';
    }
    std::cout << "    confirm: " << ConfirmCommand(*s, a) << "\n\n";
  }
  std::cout << fmt::format(
      "{} suggestions from {} reference facts{}; nothing is recorded until a person checks the "
      "evidence and runs the confirm command\n",
      shown.size(), fact_list->size(),
      reviewed > 0 && !a.all
          ? fmt::format(" ({} claims with a verdict left out; --all shows them)", reviewed)
          : "");
  return kExitOk;
}

struct LintArgs {
  std::string dir = kDefaultFactsDir;
  std::string keys;
};

int LintFacts(const LintArgs& a) {
  auto keys = LoadKeys(a.keys);
  if (!keys) return kExitFindings;
  Diagnostics d;
  std::vector<facts::ReferenceFact> list = facts::LoadFacts(a.dir, *keys, d);
  std::cerr << d.ToString();
  std::cout << fmt::format("{}: {} facts; {} errors, {} warnings\n", a.dir, list.size(),
                           d.ErrorCount(), d.WarningCount());
  return d.HasErrors() ? kExitFindings : kExitOk;
}

}  // namespace

void RegisterReviewSuggest(CLI::App& review, std::vector<Command>& out) {
  auto a = std::make_shared<SuggestArgs>();
  CLI::App* sub = review.add_subcommand(
      "suggest", "Ratings proposed from reference facts, with the arithmetic (records nothing)");
  sub->add_option("--facts", a->facts, "Reference facts: a folder of .yaml/.csv files, or one")
      ->capture_default_str();
  sub->add_option("--keys", a->keys, "Claim-key vocabulary (default: rules/keys.yaml)");
  sub->add_option("--speaker", a->speaker, "Only this speaker (id or name)");
  sub->add_option("--type", a->type, "Only this claim type");
  sub->add_flag("--all", a->all, "Also claims whose figure already has a verdict");
  sub->add_option("--format", a->format, "table | json | jsonl")->capture_default_str();
  sub->add_option("--db", a->db, "Database file")->capture_default_str();
  out.push_back({sub, [a] { return Suggest(*a); }});

  auto l = std::make_shared<LintArgs>();
  CLI::App* facts_cmd = review.add_subcommand("facts", "Check reference fact files");
  facts_cmd->require_subcommand(1);
  CLI::App* lint = facts_cmd->add_subcommand(
      "lint", "Check reference facts: fields, dates, numbers, ids, keys against keys.yaml");
  lint->add_option("dir", l->dir, "Folder (or file) of reference facts")->capture_default_str();
  lint->add_option("--keys", l->keys, "Claim-key vocabulary (default: rules/keys.yaml)");
  out.push_back({lint, [l] { return LintFacts(*l); }});
}

}  // namespace claimtrack::cli
