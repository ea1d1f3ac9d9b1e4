#pragma once
// Each command registers itself on the CLI11 app and returns what to run when chosen.
// Exit codes (docs/cli.md): see ExitCode.

#include <CLI/CLI.hpp>
#include <csignal>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace claimtrack::store {
class Store;
}
namespace claimtrack::attribute {
struct Speaker;
}

namespace claimtrack::cli {

enum ExitCode : int {
  kExitOk = 0,
  kExitFindings = 1,     // errors in user content: lint errors, failing examples, bad input
  kExitUsage = 2,        // bad command line
  kExitPartial = 3,      // the work was done but some inputs were skipped (see warnings)
  kExitEnvironment = 4,  // I/O or database failure
  kExitNewFindings = 5,  // check --fail-on-findings: new findings exist
  kExitNoMatch = 6,      // claims: a --speaker/--type/--outlet value names nothing stored
  kExitInterrupted = 130,
};

struct Command {
  CLI::App* app;
  std::function<int()> run;
  // SIGINT/SIGTERM is how this command is meant to end (serve): its own exit code stands
  // instead of 128 + the signal.
  bool stops_on_signal = false;
};

void RegisterNumbers(CLI::App& app, std::vector<Command>& out);
void RegisterRules(CLI::App& app, std::vector<Command>& out);
void RegisterExtract(CLI::App& app, std::vector<Command>& out);
void RegisterStore(CLI::App& app, std::vector<Command>& out);
void RegisterCheck(CLI::App& app, std::vector<Command>& out);
void RegisterReport(CLI::App& app, std::vector<Command>& out);
void RegisterReview(CLI::App& app, std::vector<Command>& out);
void RegisterServe(CLI::App& app, std::vector<Command>& out);

// Where shipped files live: the `rules/` folder next to the working directory if present,
// else the source tree the binary was built from.
std::string DefaultRulesDir();
// The speakers file to use: `given` ("none" = no attribution table), else speakers.yaml next
// to any of the rule paths, else the default rules folder's; "" when there is none.
std::string SpeakersFileFor(const std::vector<std::string>& rule_paths, const std::string& given);
// True once SIGINT arrived: long commands stop at the next article and exit 130.
bool Interrupted();
extern volatile std::sig_atomic_t g_interrupted;
std::string DefaultDbPath();
// An ISO 8601 date or a prefix of one (2025, 2025-03, 2025-03-05, a time allowed) with a real
// month and day (no month 13, no 30 February): --since/--until of the query and review commands.
bool ValidDateBound(const std::string& date);

// "claimtrack COMMAND: error: WHAT" and "  hint: HINT" on stderr; returns kExitNoMatch (6),
// the exit of a query whose --speaker or --type names nothing stored.
int NoMatch(std::string_view command, const std::string& what, const std::string& hint);
// A --speaker that names no stored speaker: the closest stored names and ids as a
// did-you-mean (and what the speakers file says of it, when `alias` is its entry).
int UnknownSpeaker(std::string_view command, const store::Store& db, const std::string& db_path,
                   const std::string& speaker, const attribute::Speaker* alias);
// A --type that no stored claim has: the closest stored types, else all of them.
int UnknownClaimType(std::string_view command, const store::Store& db, const std::string& db_path,
                     const std::string& type);
}  // namespace claimtrack::cli

namespace claimtrack::analyze {
class KeyConfig;
}

namespace claimtrack::cli {
// rules/keys.yaml of the default rules folder.
std::string DefaultKeysFile();
// Loads the claim-key vocabulary (`given`, else the default); prints diagnostics; null on
// errors.
std::unique_ptr<analyze::KeyConfig> LoadKeys(const std::string& given);

}  // namespace claimtrack::cli
