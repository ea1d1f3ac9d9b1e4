#include "commands.h"
namespace claimtrack::cli {
void RegisterStore(CLI::App&, std::vector<Command>&) {}
}  // namespace claimtrack::cli
