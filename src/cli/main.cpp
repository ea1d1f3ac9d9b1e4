// claimtrack: the command-line front. Parsing, dispatch, and the one top-level catch that
// maps failures to exit codes (docs/cli.md).

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "commands.h"

namespace claimtrack::cli {

std::string DefaultRulesDir() {
  if (std::filesystem::is_directory("rules")) return "rules";
  return std::string(CLAIMTRACK_SOURCE_DIR) + "/rules";
}

std::string DefaultDbPath() { return "claims_db/claims.sqlite"; }

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
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  try {
    for (auto& c : commands) {
      if (c.app->parsed()) return c.run();
      for (auto* sub : c.app->get_subcommands()) {
        (void)sub;
      }
    }
  } catch (const std::exception& e) {
    std::cout.flush();
    std::cerr << "claimtrack: error: " << e.what() << "\n";
    return kExitEnvironment;
  }
  return kExitUsage;
}
