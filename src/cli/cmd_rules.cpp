// `claimtrack rules lint|test|list [PATH…]`: what a rule author runs after every edit.

#include <fmt/format.h>

#include <filesystem>
#include <iostream>

#include "claimtrack/analyze/key_config.h"
#include "claimtrack/attribute/attributor.h"
#include "claimtrack/extract/extractor.h"
#include "claimtrack/rules/rule_set.h"
#include "commands.h"
#include "output.h"

namespace claimtrack::cli {

namespace {

struct RulesArgs {
  std::vector<std::string> paths;
  std::string format = "table";
  bool verbose = false;
};

std::shared_ptr<const rules::RuleSet> Load(const RulesArgs& a, Diagnostics& diags) {
  std::vector<std::string> paths = a.paths;
  if (paths.empty()) paths.push_back(DefaultRulesDir());
  auto set = rules::LoadRuleSet(paths, diags);
  std::cerr << diags.ToString();
  return set;
}

// The speakers files among (or inside) the given paths: linted like rule files.
std::vector<std::string> SpeakerFiles(const RulesArgs& a) {
  std::vector<std::string> paths = a.paths;
  if (paths.empty()) paths.push_back(DefaultRulesDir());
  std::vector<std::string> out;
  for (const auto& p : paths) {
    std::error_code ec;
    std::filesystem::path path(p);
    if (std::filesystem::is_directory(path, ec)) path /= "speakers.yaml";
    if (path.filename() == "speakers.yaml" && std::filesystem::is_regular_file(path, ec))
      out.push_back(path.string());
  }
  return out;
}

int Lint(const RulesArgs& a) {
  Diagnostics diags;
  RulesArgs rule_args = a;
  std::erase_if(rule_args.paths, [](const std::string& p) {
    return std::filesystem::path(p).filename() == "speakers.yaml";
  });
  std::shared_ptr<const rules::RuleSet> set;
  if (rule_args.paths.empty() && !a.paths.empty()) {
    set = nullptr;  // only a speakers file was given
  } else {
    set = Load(rule_args, diags);
  }
  // The claim-key vocabulary beside the rules (keys.yaml) is linted too, its examples run.
  size_t key_examples = 0;
  for (std::string p :
       rule_args.paths.empty() ? std::vector<std::string>{DefaultRulesDir()} : rule_args.paths) {
    std::error_code ec;
    if (std::filesystem::is_directory(p, ec)) p = (std::filesystem::path(p) / "keys.yaml").string();
    if (std::filesystem::path(p).filename() != "keys.yaml" ||
        !std::filesystem::is_regular_file(p, ec))
      continue;
    Diagnostics kd;
    if (auto keys = analyze::LoadKeyConfig(p, kd))
      key_examples += analyze::RunKeyExamples(*keys, kd);
    std::cerr << kd.ToString();
    diags.Append(kd);
  }
  size_t speakers = 0;
  for (const auto& f : SpeakerFiles(a)) {
    Diagnostics sd;
    if (auto table = attribute::LoadSpeakerTable(f, sd))
      speakers += attribute::ListSpeakers(*table).size();
    std::cerr << sd.ToString();
    diags.Append(sd);
  }
  if (!set && rule_args.paths.empty() && !a.paths.empty() && !diags.HasErrors()) {
    std::cout << fmt::format("ok: {} speakers\n", speakers);
    return kExitOk;
  }
  if (!set || diags.HasErrors()) {
    std::cerr << fmt::format("{} error(s), {} warning(s)\n", diags.ErrorCount(),
                             diags.WarningCount());
    return kExitFindings;
  }
  size_t examples = 0;
  for (const auto& r : set->rules())
    examples += r.match_examples.size() + r.no_match_examples.size();
  std::cout << fmt::format(
      "ok: {} rules, {} patterns, {} examples, {} key examples, {} speakers "
      "(rule set {})\n",
      set->rules().size(), set->patterns().size(), examples, key_examples, speakers,
      set->version());
  return kExitOk;
}

int Test(const RulesArgs& a) {
  Diagnostics diags;
  auto set = Load(a, diags);
  if (!set) return kExitFindings;
  extract::Extractor ex(set);
  auto results = extract::RunExamples(ex);
  size_t failed = 0;
  Table table({"result", "rule", "where", "example", "detail"});
  table.SetMaxWidth(3, 60);
  table.SetMaxWidth(4, 70);
  for (const auto& r : results) {
    const auto& rule = set->rules()[r.rule];
    if (!r.passed) ++failed;
    if (r.passed && !a.verbose) continue;
    table.Add({r.passed ? "pass" : "FAIL", rule.id, fmt::format("{}:{}", rule.file, r.line),
               (r.must_match ? "" : "(no match) ") + r.text, r.detail});
  }
  if (table.size() > 0) table.Print(std::cout);
  std::cout << fmt::format("{} passed, {} failed\n", results.size() - failed, failed);
  return failed ? kExitFindings : kExitOk;
}

int List(const RulesArgs& a) {
  Diagnostics diags;
  auto set = Load(a, diags);
  if (!set) return kExitFindings;
  if (a.format == "csv") {
    PrintCsvRow(std::cout, {"id", "lang", "claim_type", "priority", "examples", "file", "line",
                            "description"});
    for (const auto& r : set->rules()) {
      PrintCsvRow(std::cout, {r.id, std::string(normalize::ToString(r.lang)), r.claim_type,
                              std::to_string(r.priority),
                              std::to_string(r.match_examples.size() + r.no_match_examples.size()),
                              r.file, std::to_string(r.line), r.description});
    }
    return kExitOk;
  }
  if (a.format == "jsonl" || a.format == "json") {
    JsonList out(std::cout, a.format == "jsonl");
    for (const auto& r : set->rules()) {
      nlohmann::json j = {{"id", r.id},
                          {"lang", std::string(normalize::ToString(r.lang))},
                          {"claim_type", r.claim_type},
                          {"priority", r.priority},
                          {"file", r.file},
                          {"line", r.line},
                          {"description", r.description},
                          {"pattern", r.pattern},
                          {"expanded_pattern", r.expanded_pattern},
                          {"case_sensitive", r.case_sensitive},
                          {"examples", r.match_examples.size() + r.no_match_examples.size()}};
      out.Add(std::move(j));
    }
    out.Finish();
    return kExitOk;
  }
  Table table({"id", "lang", "type", "prio", "examples", "where", "description"});
  table.SetMaxWidth(6, 60);
  for (const auto& r : set->rules()) {
    table.Add({r.id, std::string(normalize::ToString(r.lang)), r.claim_type,
               std::to_string(r.priority),
               std::to_string(r.match_examples.size() + r.no_match_examples.size()),
               fmt::format("{}:{}", r.file, r.line), r.description});
  }
  table.Print(std::cout);
  return kExitOk;
}

}  // namespace

void RegisterRules(CLI::App& app, std::vector<Command>& out) {
  auto* rules = app.add_subcommand("rules", "Check, test and list rule files");
  rules->require_subcommand(1);
  auto args = std::make_shared<RulesArgs>();
  auto* lint = rules->add_subcommand("lint", "Validate rule files; exit 1 on any error");
  auto* test = rules->add_subcommand("test", "Run every rule's examples; table of failures");
  auto* list = rules->add_subcommand("list", "List rules: id, language, type, file");
  for (auto* s : {lint, test, list}) {
    s->add_option("paths", args->paths, "Rule files or folders (default: rules/)");
  }
  test->add_flag("-v,--verbose", args->verbose, "Show passing examples too");
  list->add_option("--format", args->format, kListFormatsHelp)->check(CLI::IsMember(kListFormats));
  out.push_back({lint, [args] { return Lint(*args); }});
  out.push_back({test, [args] { return Test(*args); }});
  out.push_back({list, [args] { return List(*args); }});
}

}  // namespace claimtrack::cli
