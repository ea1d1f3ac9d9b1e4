// `claimtrack report`: the nightly report as HTML, Markdown and JSON (docs/report.md).

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "claimtrack/report/finding_json.h"
#include "claimtrack/report/nightly.h"
#include "claimtrack/store/findings.h"
#include "commands.h"

namespace claimtrack::cli {

namespace {

struct ReportArgs {
  std::string db = DefaultDbPath();
  std::string out;
  std::string since = "last";
  std::string format = "html,md,json";
  bool reproducible = false;
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
  store::Store db(a.db, store::Store::OpenMode::kReadOnly);
  store::FindingStore fs(a.db, a.reproducible);
  report::ReportData d;
  d.database = std::filesystem::path(a.db).filename().string();
  store::StoreStats st = db.Stats();
  d.articles_total = st.articles;
  d.claims_total = st.claims;
  d.speakers_total = st.speakers;
  d.by_type = st.claims_by_type;
  d.by_rule = fs.ClaimsPerRule();
  // The delta starts where the previous report ended (or at a date given).
  store::ReportRun last = fs.LastReport();
  d.since = a.since == "last" ? last.max_ingested_at : a.since;
  std::string newest;
  d.articles_since = fs.ArticlesIngestedAfter(d.since, &newest);
  fs.ArticlesIngestedAfter("", &d.as_of);  // the newest ingest in the data: no clock inside
  d.claims_since = fs.ClaimsWrittenAfter(d.since);
  for (const store::FindingRow& row : fs.Findings()) {
    d.findings.push_back({report::FindingFromJson(row.payload), row.status, row.first_seen});
  }
  for (const store::FindingRow& row : fs.Findings("gone")) d.gone.push_back(row.id);
  std::filesystem::path out = a.out.empty()
                                  ? std::filesystem::path("reports") / d.as_of.substr(0, 10)
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
    run.max_ingested_at = d.as_of;
    fs.RecordReport(run);
  }
  std::cerr << fmt::format("report: {} findings ({} gone), {} articles in since '{}'\n",
                           d.findings.size(), d.gone.size(), d.articles_since, d.since);
  return kExitOk;
}

}  // namespace

void RegisterReport(CLI::App& app, std::vector<Command>& out) {
  auto* sub = app.add_subcommand("report", "Write the nightly report (HTML, Markdown, JSON)");
  auto a = std::make_shared<ReportArgs>();
  sub->add_option("--db", a->db, "Database file")->capture_default_str();
  sub->add_option("--out", a->out, "Output folder (default: reports/YYYY-MM-DD of the data)");
  sub->add_option("--since", a->since,
                  "Start of the delta: 'last' (the previous report) or an ISO date")
      ->capture_default_str();
  sub->add_option("--format", a->format, "Comma-separated: html, md, json")->capture_default_str();
  sub->add_flag("--reproducible", a->reproducible,
                "Write nothing to the database; the same database gives byte-identical files");
  out.push_back({sub, [a] { return Report(*a); }});
}

}  // namespace claimtrack::cli
