// keys.yaml: the shipped file loads cleanly and its examples produce the keys they state;
// German and English claims meet in one key.

#include <catch2/catch.hpp>

#include "claimtrack/analyze/claim_key.h"
#include "test_util.h"

using namespace claimtrack;
using namespace claimtrack::analyze;
using namespace claimtrack::analyze::testing;

TEST_CASE("the shipped keys.yaml loads and every example gives its key", "[analyze]") {
  const KeyConfig& config = ShippedKeys();
  Diagnostics diags;
  size_t run = RunKeyExamples(config, diags);
  CHECK(run >= 15);
  CHECK(diags.ToString() == "");
}
