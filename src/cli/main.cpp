// claimtrack: the command-line front. Parsing, dispatch, and the one top-level catch that
// maps failures to exit codes (docs/cli.md).

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "commands.h"

namespace claimtrack::cli {

volatile std::sig_atomic_t g_interrupted = 0;
bool Interrupted() { return g_interrupted != 0; }

namespace {
// SIGINT (Ctrl-C) and SIGTERM (what a scheduler sends): long commands stop at the next
// article, commit what is done and exit 128 + the signal (130, 143). A second signal ends
// the process at once; the database stays consistent (every batch is one transaction).
void OnStopSignal(int sig) {
  g_interrupted = sig;
  struct sigaction dfl {};
  dfl.sa_handler = SIG_DFL;
  sigemptyset(&dfl.sa_mask);
  sigaction(sig, &dfl, nullptr);
}
void InstallStopHandlers() {
  struct sigaction sa {};
  sa.sa_handler = OnStopSignal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0;
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}
}  // namespace

std::string DefaultRulesDir() {
  if (std::filesystem::is_directory("rules")) return "rules";
  return std::string(CLAIMTRACK_SOURCE_DIR) + "/rules";
}

std::string DefaultDbPath() { return "claims_db/claims.sqlite"; }

std::string SpeakersFileFor(const std::vector<std::string>& rule_paths, const std::string& given) {
  if (!given.empty()) return given == "none" ? std::string() : given;
  std::vector<std::string> dirs = rule_paths;
  dirs.push_back(DefaultRulesDir());
  for (std::string dir : dirs) {
    std::error_code ec;
    if (std::filesystem::is_regular_file(dir, ec)) dir = std::filesystem::path(dir).parent_path();
    // A rules sub-folder (rules/de) or the patterns folder: look one level up too.
    for (int up = 0; up < 2 && !dir.empty(); ++up) {
      std::string p = (std::filesystem::path(dir) / "speakers.yaml").string();
      if (std::filesystem::is_regular_file(p, ec)) return p;
      dir = std::filesystem::path(dir).parent_path().string();
    }
  }
  return {};
}

}  // namespace claimtrack::cli

int main(int argc, char** argv) {
  using namespace claimtrack::cli;
  // A closed pipe (`claimtrack claims | head`) ends quietly, like ripgrep.
  std::signal(SIGPIPE, SIG_DFL);
  std::ios::sync_with_stdio(false);
  CLI::App app{"claimtrack: checkable figures from news text, normalized and attributed"};
  app.set_version_flag("--version", std::string("claimtrack ") + CLAIMTRACK_VERSION);
  app.require_subcommand(1);
  std::vector<Command> commands;
  RegisterNumbers(app, commands);
  RegisterRules(app, commands);
  RegisterExtract(app, commands);
  RegisterStore(app, commands);
  RegisterCheck(app, commands);
  RegisterReport(app, commands);
  RegisterReview(app, commands);
  RegisterServe(app, commands);
  InstallStopHandlers();
  if (argc >= 2 && argv[1][0] != '-') {
    bool known = false;
    for (auto* sub : app.get_subcommands({})) known = known || sub->get_name() == argv[1];
    if (!known) {
      std::cerr << "claimtrack: error: unknown command '" << argv[1]
                << "'\n  hint: commands are numbers, rules, extract, ingest, speakers, claims, "
                   "show, stats, check, report, review, serve; see claimtrack --help\n";
      return kExitUsage;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  try {
    for (auto& c : commands) {
      if (c.app->parsed()) {
        int rc = c.run();
        return Interrupted() && !c.stops_on_signal ? 128 + g_interrupted : rc;
      }
    }
  } catch (const std::exception& e) {
    std::cout.flush();
    std::cerr << "claimtrack: error: " << e.what() << "\n";
    return kExitEnvironment;
  }
  return kExitUsage;
}
