#pragma once
// A small YAML tree built from yaml-cpp's event parser, so that rule and pattern files can be
// checked for what yaml-cpp 0.7 lets through silently (docs/pitfalls): duplicate keys,
// anchors and aliases (billion laughs), runaway nesting, several documents. Every node keeps
// its 1-based line and column. No yaml-cpp type leaks out of this header.

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "claimtrack/base/diagnostic.h"

namespace claimtrack::rules {

struct YamlNode {
  enum class Kind { kNull, kScalar, kSequence, kMap };
  Kind kind = Kind::kNull;
  int line = 0;  // 1-based
  int col = 0;   // 1-based
  std::string scalar;
  bool quoted = false;          // scalar written with quotes (so "123" is a string)
  std::vector<YamlNode> items;  // sequence
  std::vector<std::pair<YamlNode, YamlNode>> entries;  // map (key, value), in order

  bool IsMap() const { return kind == Kind::kMap; }
  bool IsSeq() const { return kind == Kind::kSequence; }
  bool IsScalar() const { return kind == Kind::kScalar; }
  const YamlNode* Get(std::string_view key) const;
  std::string_view KindName() const;
};

// Parses `text` as one YAML document. Errors (syntax, duplicate keys, anchors/aliases,
// nesting deeper than 32, several documents, non-UTF-8, empty file) go to `diags` located
// at `path`; returns null when the document cannot be used.
std::unique_ptr<YamlNode> ParseYaml(std::string_view text, const std::string& path,
                                    Diagnostics& diags);

// Reads and parses a file (error R001 when it cannot be read).
std::unique_ptr<YamlNode> ParseYamlFile(const std::string& path, Diagnostics& diags,
                                        std::string* text_out = nullptr);

}  // namespace claimtrack::rules
