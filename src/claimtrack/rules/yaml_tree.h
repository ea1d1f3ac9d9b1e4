#pragma once
// Rule and pattern files (and keys.yaml, whose loader maps these codes to K001-K008) as
// YAML trees: the YAML module (claimtrack/yaml/tree.h) with the rule files' error codes
// R001-R008 and hints. Every node keeps its 1-based line and column.

#include <memory>
#include <string>
#include <string_view>

#include "claimtrack/base/diagnostic.h"
#include "claimtrack/yaml/tree.h"

namespace claimtrack::rules {

using YamlNode = yaml::Node;

// Parses `text` as one YAML document. Errors (syntax, duplicate keys, anchors/aliases,
// nesting deeper than 32, several documents, non-UTF-8, empty file) go to `diags` located
// at `path`; returns null when the document cannot be used.
std::unique_ptr<YamlNode> ParseYaml(std::string_view text, const std::string& path,
                                    Diagnostics& diags);

// Reads and parses a file (error R001 when it cannot be read). A UTF-8 byte order mark is
// dropped; `text_out` receives the text that was parsed.
std::unique_ptr<YamlNode> ParseYamlFile(const std::string& path, Diagnostics& diags,
                                        std::string* text_out = nullptr);

}  // namespace claimtrack::rules
