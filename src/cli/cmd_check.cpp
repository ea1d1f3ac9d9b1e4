// `claimtrack check`: consistency findings over the stored claims (docs/findings.md).

#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>
#include <vector>

#include "claimtrack/analyze/key_config.h"
#include "claimtrack/pipeline/check.h"
#include "claimtrack/report/finding_json.h"
#include "claimtrack/store/findings.h"
#include "commands.h"
#include "output.h"

namespace claimtrack::cli {

namespace {

struct CheckArgs {
  std::string db = DefaultDbPath();
  std::string keys;
  std::string since, speaker, type, format = "table";
  bool full = false;
  bool fail_on_findings = false;
};

}  // namespace

std::string DefaultKeysFile() { return DefaultRulesDir() + "/keys.yaml"; }

std::unique_ptr<analyze::KeyConfig> LoadKeys(const std::string& given) {
  Diagnostics d;
  std::string path = given.empty() ? DefaultKeysFile() : given;
  auto cfg = analyze::LoadKeyConfig(path, d);
  std::cerr << d.ToString();
  if (!cfg) return nullptr;
  return std::make_unique<analyze::KeyConfig>(std::move(*cfg));
}

namespace {

int Check(const CheckArgs& a) {
  auto keys = LoadKeys(a.keys);
  if (!keys) return kExitFindings;
  // Opening read-only first says "no database here yet" for a missing or empty file
  // instead of creating one.
  { store::Store probe(a.db, store::Store::OpenMode::kReadOnly); }
  // check writes only the findings tables: the integrity check before writing covers those
  // (store.h, kWriteFindings); ingest checks the whole file.
  store::Store db(a.db, store::Store::OpenMode::kWriteFindings);
  store::FindingStore fs(a.db);
  pipeline::CheckOutcome outcome = pipeline::RunCheck(db, fs, *keys, {}, a.full);
  const store::CheckRun& run = outcome.run;
  if (outcome.stats.capped_groups > 0) {
    std::cerr << fmt::format(
        "claimtrack check: warning: {} key group(s) stopped at {} findings (the rest is "
        "not stored)\n  hint: such a group usually means a key that lumps different things "
        "together; see docs/findings.md on keys\n",
        outcome.stats.capped_groups, analyze::AnalyzeOptions{}.max_findings_per_group);
  }
  size_t shown = 0;
  JsonList json_out(std::cout, a.format == "jsonl");
  if (a.format == "csv") {
    PrintCsvRow(std::cout,
                {"id", "type", "severity", "weak", "status", "first_seen", "speaker_id",
                 "speaker_name", "key", "key_label", "figures", "claim_ids", "explanation"});
  }
  Table table({"severity", "type", "status", "speaker", "key", "figures", "why"});
  table.SetMaxWidth(3, 24);
  table.SetMaxWidth(4, 36);
  table.SetMaxWidth(5, 28);
  table.SetMaxWidth(6, 70);
  size_t new_shown = 0;
  // The findings this run recomputed are at hand: only the others are read back and parsed
  // (the same findings: their payloads are FindingToJson of these). Should a row of a
  // recomputed group not be among them (another check committed in between), every payload
  // is read.
  std::unordered_map<std::string, const analyze::Finding*> fresh;
  for (const analyze::Finding& f : outcome.findings) fresh.emplace(f.id, &f);
  std::vector<store::FindingRow> rows = fs.Findings("", run.full_run, outcome.groups);
  for (const store::FindingRow& row : rows) {
    if (row.payload.empty() && !fresh.count(row.id)) {
      rows = fs.Findings();
      fresh.clear();
      break;
    }
  }
  analyze::Finding parsed;
  for (const store::FindingRow& row : rows) {
    auto known = fresh.find(row.id);
    if (known == fresh.end()) parsed = report::FindingFromJson(row.payload);
    const analyze::Finding& f = known == fresh.end() ? parsed : *known->second;
    if (!a.type.empty() && row.type != a.type) continue;
    if (!a.speaker.empty() && f.speaker_id != a.speaker &&
        f.speaker_name.find(a.speaker) == std::string::npos)
      continue;
    if (!a.since.empty()) {
      bool recent = false;
      for (const auto& c : f.claims) recent = recent || c.date >= a.since;
      if (!recent) continue;
    }
    ++shown;
    new_shown += row.status == "new";
    if (a.format == "jsonl") {
      std::cout << report::FindingToJson(f, row.status, row.first_seen) << '\n';
    } else if (a.format == "json") {
      json_out.Add(nlohmann::json::parse(report::FindingToJson(f, row.status, row.first_seen)));
    } else if (a.format == "csv") {
      std::string figures, ids;
      for (const auto& c : f.claims) {
        figures += (figures.empty() ? "" : " vs ") + analyze::FigureText(c);
        ids += (ids.empty() ? "" : " ") + c.claim_id;
      }
      PrintCsvRow(std::cout, {row.id, row.type, row.severity, row.weak ? "true" : "false",
                              row.status, row.first_seen, f.speaker_id, f.speaker_name, f.key,
                              f.key_label, figures, ids, f.explanation});
    } else {
      std::string figures;
      for (const auto& c : f.claims) {
        figures += (figures.empty() ? "" : " vs ") + analyze::FigureText(c);
      }
      table.Add({row.severity + (row.weak ? " (weak)" : ""), row.type, row.status,
                 f.speaker_name.empty() ? "(several)" : f.speaker_name,
                 f.key_label.empty() ? f.key : f.key_label, figures, f.explanation});
    }
  }
  if (a.format == "json") {
    json_out.Finish();
  } else if (a.format == "table") {
    table.Print(std::cout);
    std::cout << fmt::format(
        "{} findings shown; this run ({}): {} claims analysed in {} key groups, {} new, {} still "
        "open, {} gone\n",
        shown, run.full_run ? "full" : "incremental", run.claims_analysed, run.groups_touched,
        run.findings_new, run.findings_open, run.findings_gone);
  }
  if (a.fail_on_findings && new_shown > 0) return kExitNewFindings;
  return kExitOk;
}

}  // namespace

void RegisterCheck(CLI::App& app, std::vector<Command>& out) {
  auto* sub = app.add_subcommand("check",
                                 "Find figures that disagree (value conflicts, scale "
                                 "slips, attribution drift, outlets, timelines)");
  auto a = std::make_shared<CheckArgs>();
  sub->add_option("--db", a->db, "Database file")->capture_default_str();
  sub->add_option("--keys", a->keys, "Claim-key vocabulary (default: rules/keys.yaml)");
  sub->add_option("--since", a->since, "Show findings with a claim dated on or after this date");
  sub->add_option("--speaker", a->speaker, "Show findings of this speaker (id or name)");
  sub->add_option("--type", a->type, "Show one finding type")
      ->check(CLI::IsMember({"value_conflict", "scale_slip", "attribution_drift",
                             "outlet_disagreement", "timeline_anomaly"}));
  sub->add_option("--format", a->format, kListFormatsHelp)
      ->check(CLI::IsMember(kListFormats))
      ->capture_default_str();
  sub->add_flag("--full", a->full, "Recompute every key group, not only those touched since");
  sub->add_flag("--fail-on-findings", a->fail_on_findings,
                "Exit 5 when the shown findings include new ones");
  out.push_back({sub, [a] { return Check(*a); }});
}

}  // namespace claimtrack::cli
