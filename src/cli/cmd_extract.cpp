// `claimtrack extract`: claims out of articles, to the terminal or as JSON/JSONL.

#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <set>
#include <thread>

#include "claimtrack/pipeline/process.h"
#include "claimtrack/store/store.h"
#include "claimtrack/text/article_reader.h"
#include "commands.h"
#include "output.h"

namespace claimtrack::cli {

namespace {

struct ExtractArgs {
  std::vector<std::string> inputs;
  std::string format = "table";
  std::vector<std::string> rules;
  std::string lang = "auto";
  std::string speakers;
  bool no_attribution = false;
  int jobs = 0;
};

int Run(const ExtractArgs& a) {
  Diagnostics diags;
  std::vector<std::string> rule_paths = a.rules;
  if (rule_paths.empty()) rule_paths.push_back(DefaultRulesDir());
  std::string speakers = a.no_attribution ? std::string() : SpeakersFileFor(a.rules, a.speakers);
  auto engine = pipeline::LoadEngine(rule_paths, speakers, diags);
  if (!engine) {
    std::cerr << diags.ToString();
    return kExitFindings;
  }
  if (a.no_attribution) engine->attributor.reset();
  engine->lang = a.lang == "auto" ? normalize::Lang::kUnknown : normalize::ParseLang(a.lang);
  Diagnostics input_diags;
  std::vector<std::string> files = text::ExpandInputs(a.inputs, input_diags);
  std::cerr << input_diags.ToString();
  int jobs =
      a.jobs > 0 ? a.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  Table table({"file", "sent", "type", "figure", "speaker", "method", "rule", "expression"});
  table.SetMaxWidth(0, 32);
  table.SetMaxWidth(4, 24);
  table.SetMaxWidth(7, 40);
  JsonList json_out(std::cout, a.format == "jsonl");
  if (a.format == "csv") {
    std::vector<std::string> header = ClaimCsvHeader();
    header.push_back("file");
    PrintCsvRow(std::cout, header);
  }
  size_t problems = input_diags.ErrorCount();
  Progress progress(files.size());
  std::set<std::string> files_seen;
  size_t articles_seen = 0, claims_seen = 0;
  pipeline::FunctionSink sink([&](pipeline::ArticleResult& r) {
    if (!r.diags.empty()) {
      progress.Done();
      std::cerr << r.diags.ToString();
    }
    files_seen.insert(SourceFileOf(r.article.path));
    if (!r.article.id.empty()) ++articles_seen;
    claims_seen += r.claims.size();
    progress.Update(files_seen.size(), articles_seen, claims_seen);
    if (r.diags.HasErrors()) ++problems;
    // The ids `ingest` would give these claims (the same article id and sentences).
    const std::vector<std::string> ids = a.format == "csv"
                                             ? store::AssignClaimIds(r.article.id, r.claims)
                                             : std::vector<std::string>();
    for (size_t i = 0; i < r.claims.size(); ++i) {
      const Claim& c = r.claims[i];
      if (a.format == "jsonl" || a.format == "json") {
        json_out.Add(ClaimJson(c));
      } else if (a.format == "csv") {
        std::vector<std::string> row = ClaimCsvRow(
            c, {ids[i], r.article.date, r.article.title, r.article.outlet, r.article.url});
        row.push_back(c.path);
        PrintCsvRow(std::cout, row);
      } else {
        const Attribution& at = c.attribution;
        table.Add({std::filesystem::path(c.path).filename().string(),
                   std::to_string(c.sentence_index + 1), c.claim_type, FigureForPeople(c.quantity),
                   at.speaker_name.empty() ? at.speaker_id : at.speaker_name,
                   at.method == AttributionMethod::kNone
                       ? "-"
                       : fmt::format("{} {:.2f}", ToString(at.method), at.confidence),
                   c.rule_id, c.quantity.text});
      }
    }
    return pipeline::Sink::Flow::kContinue;
  });
  auto stats = pipeline::ProcessFiles(*engine, files, sink, {jobs, Interrupted});
  progress.Done();
  if (a.format == "json") {
    json_out.Finish();
  } else if (a.format == "table") {
    table.Print(std::cout);
    std::cout << fmt::format("{} claims in {} articles ({} files)\n", stats.claims, stats.articles,
                             stats.files);
  }
  return problems > 0 || stats.problems > 0 ? kExitPartial : kExitOk;
}

}  // namespace

void RegisterExtract(CLI::App& app, std::vector<Command>& out) {
  auto* sub = app.add_subcommand("extract", "Extract claims from articles (no database)");
  auto a = std::make_shared<ExtractArgs>();
  sub->add_option("inputs", a->inputs, "Article files, folders, or - for stdin")->required();
  sub->add_option("--format", a->format, kListFormatsHelp)
      ->check(CLI::IsMember(kListFormats))
      ->capture_default_str();
  sub->add_option("--rules", a->rules, "Rule file or folder; repeat for several (default: rules/)")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  sub->add_option("--lang", a->lang, "de, en or auto (per article: metadata, else guessed)")
      ->check(CLI::IsMember({"de", "en", "auto"}))
      ->capture_default_str();
  sub->add_option("--speakers", a->speakers,
                  "Speakers file (default: speakers.yaml beside the rules; 'none' for no table)");
  sub->add_flag("--no-attribution", a->no_attribution, "Do not attribute claims to speakers");
  sub->add_option("-j,--jobs", a->jobs, "Worker threads (default: cores)");
  out.push_back({sub, [a] { return Run(*a); }});
}

}  // namespace claimtrack::cli
