// Fuzzes the YAML tree builder under every rule and pattern file (rules/yaml_tree.h):
// the input is the file's text. Checks the header's promises: null only with an error,
// 1-based positions on every node, no container nested deeper than 32 levels.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "claimtrack/base/diagnostic.h"
#include "claimtrack/rules/yaml_tree.h"
#include "fuzz_check.h"

namespace {

using claimtrack::rules::YamlNode;

void Walk(const YamlNode& n, int depth) {
  FUZZ_CHECK(n.line >= 1 && n.col >= 1, "every node has a 1-based line and column");
  const bool container = n.IsMap() || n.IsSeq();
  FUZZ_CHECK(!container || depth <= 32, "containers nest at most 32 levels");
  FUZZ_CHECK(n.IsScalar() || n.scalar.empty(), "only scalars carry text");
  for (const auto& item : n.items) Walk(item, depth + 1);
  for (const auto& [key, value] : n.entries) {
    Walk(key, depth + 1);
    Walk(value, depth + 1);
  }
  FUZZ_CHECK(n.IsSeq() || n.items.empty(), "only sequences have items");
  FUZZ_CHECK(n.IsMap() || n.entries.empty(), "only maps have entries");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  claimtrack::Diagnostics diags;
  auto root = claimtrack::rules::ParseYaml(text, "fuzz.yaml", diags);
  FUZZ_CHECK(root != nullptr || diags.HasErrors(), "a null tree comes with an error");
  if (root) Walk(*root, 1);
  // Rendering locates every diagnostic in the text (line, caret): exercise it too.
  std::string rendered = diags.ToString();
  FUZZ_CHECK(diags.empty() || !rendered.empty(), "diagnostics render to text");
  return 0;
}
