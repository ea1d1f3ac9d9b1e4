// `claimtrack report`: the nightly report as HTML, Markdown and JSON (docs/report.md).

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include "claimtrack/analyze/key_config.h"
#include "claimtrack/analyze/timeline.h"
#include "claimtrack/pipeline/check.h"
#include "claimtrack/report/finding_json.h"
#include "claimtrack/report/html_report.h"
#include "claimtrack/report/json_report.h"
#include "claimtrack/report/markdown_report.h"
#include "claimtrack/store/findings.h"
#include "commands.h"

namespace claimtrack::cli {

namespace {

struct ReportArgs {
  std::string db = DefaultDbPath();
  std::string keys;
  std::string out;
  std::string since = "last";
  std::string format = "html,md,json";
  bool reproducible = false;
  size_t max_findings = 200;
};

void WriteFile(const std::filesystem::path& p, const std::string& content) {
  // Written beside and renamed over: a reader never sees half a report.
  std::filesystem::path tmp = p;
  tmp += ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary);
    f << content;
    f.flush();
    if (!f) throw std::runtime_error(tmp.string() + ": cannot write the report");
  }
  std::filesystem::rename(tmp, p);
}

int Report(const ReportArgs& a) {
  std::vector<std::string> formats;
  {
    std::stringstream ss(a.format);
    for (std::string f; std::getline(ss, f, ',');) {
      if (f != "html" && f != "md" && f != "json") {
        std::cerr << "claimtrack report: error: --format '" << f
                  << "' is not html, md or json\n  hint: e.g. --format html,md\n";
        return kExitUsage;
      }
      formats.push_back(f);
    }
  }
  auto keys = LoadKeys(a.keys);
  if (!keys) return kExitFindings;
  // Without --reproducible the report records its run (report_runs): a damaged findings
  // table is refused before that write, as in check.
  store::Store db(a.db, a.reproducible ? store::Store::OpenMode::kReadOnly
                                       : store::Store::OpenMode::kWriteFindings);
  store::FindingStore fs(a.db, a.reproducible);
  report::ReportData d;
  // The delta starts where the previous report ended (or at a date given). "As of" is the
  // newest ingest in the data, never the clock, so --reproducible output is stable.
  store::ReportRun last = fs.LastReport();
  std::string since = a.since == "last" ? last.max_ingested_at : a.since;
  std::string as_of;
  fs.ArticlesIngestedAfter("", &as_of);
  d.generation.title = "claimtrack nightly report";
  d.generation.as_of = as_of;
  d.generation.since = since;
  d.generation.tool_version = CLAIMTRACK_VERSION;
  d.generation.database = std::filesystem::path(a.db).filename().string();
  const store::FindingStore::Counts counts = fs.CountForReport(since);
  d.counts.articles_total = counts.articles;
  d.counts.claims_total = counts.claims;
  d.counts.speakers_total = counts.speakers;
  std::string newest;
  d.counts.articles_since = fs.ArticlesIngestedAfter(since, &newest);
  d.counts.claims_since = counts.claims_after;
  for (const auto& [rule, n] : counts.per_rule) d.coverage.push_back({rule, n, 0});
  d.max_findings = a.max_findings;
  for (const char* status : {"", "gone"}) {
    for (const store::FindingRow& row : fs.Findings(status)) {
      report::ReportFinding rf;
      rf.finding = report::FindingFromJson(row.payload);
      analyze::ParseFindingStatus(row.status, &rf.status);
      rf.first_seen = row.first_seen.substr(0, 10);
      d.findings.push_back(std::move(rf));
    }
  }
  // Figure timelines of the speakers and key groups of the findings shown in full: every
  // current claim of those speakers is read, and BuildTimelines keeps those groups.
  std::set<std::string> groups, speakers;
  analyze::TimelineOptions topt;
  for (const report::ReportFinding* rf : report::FindingsShownInFull(d)) {
    groups.insert(rf->finding.group);
    for (const auto& c : rf->finding.claims) {
      if (!c.speaker_id.empty() &&
          (topt.include_outlet_text || c.speaker_id.rfind("narrator:", 0) != 0))
        speakers.insert(c.speaker_id);
    }
  }
  topt.speaker_ids.assign(speakers.begin(), speakers.end());
  topt.groups.assign(groups.begin(), groups.end());
  if (!groups.empty() && !speakers.empty()) {
    d.timelines =
        analyze::BuildTimelines(pipeline::RecordsOfSpeakers(db, topt.speaker_ids), *keys, topt);
  }
  std::filesystem::path out = a.out.empty() ? std::filesystem::path("reports") / as_of.substr(0, 10)
                                            : std::filesystem::path(a.out);
  std::filesystem::create_directories(out);
  for (const std::string& f : formats) {
    std::filesystem::path p = out / ("report." + f);
    WriteFile(p, f == "html" ? report::RenderHtml(d)
                 : f == "md" ? report::RenderMarkdown(d)
                             : report::RenderJson(d));
    std::cout << p.string() << '\n';
  }
  if (!a.reproducible) {
    store::ReportRun run;
    run.out = out.string();
    run.max_ingested_at = as_of;
    fs.RecordReport(run);
  }
  std::cerr << fmt::format("report: {} findings, {} timelines, {} articles in since '{}'\n",
                           d.findings.size(), d.timelines.size(), d.counts.articles_since, since);
  return kExitOk;
}

}  // namespace

void RegisterReport(CLI::App& app, std::vector<Command>& out) {
  auto* sub = app.add_subcommand("report", "Write the nightly report (HTML, Markdown, JSON)");
  auto a = std::make_shared<ReportArgs>();
  sub->add_option("--db", a->db, "Database file")->capture_default_str();
  sub->add_option("--keys", a->keys, "Claim-key vocabulary (default: rules/keys.yaml)");
  sub->add_option("--out", a->out, "Output folder (default: reports/YYYY-MM-DD of the data)");
  sub->add_option("--since", a->since,
                  "Start of the delta: 'last' (the previous report) or an ISO date")
      ->capture_default_str();
  sub->add_option("--format", a->format, "Comma-separated: html, md, json")->capture_default_str();
  sub->add_option("--max-findings", a->max_findings,
                  "HTML and Markdown show at most N new and open findings in full (new first, "
                  "then the most severe) and count the rest; 0 = all. JSON has every finding")
      ->capture_default_str();
  sub->add_flag("--reproducible", a->reproducible,
                "Write nothing to the database; the same database gives byte-identical files");
  out.push_back({sub, [a] { return Report(*a); }});
}

}  // namespace claimtrack::cli
