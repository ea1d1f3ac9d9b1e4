#include "commands.h"
namespace claimtrack::cli {
void RegisterRules(CLI::App&, std::vector<Command>&) {}
void RegisterExtract(CLI::App&, std::vector<Command>&) {}
void RegisterStore(CLI::App&, std::vector<Command>&) {}
}  // namespace claimtrack::cli
