#pragma once
// The one module that owns yaml-cpp. Every YAML text the project reads (rule and pattern
// files, keys.yaml, the speakers file, article front matter) is parsed here into a small
// tree built from yaml-cpp's event parser, so that what YAML::Load lets through silently is
// refused and located instead: anchors and aliases (they expand without bound), nesting
// deeper than a limit (yaml-cpp itself only says "bad file"), duplicate keys (Load keeps one),
// a second document (Load ignores it), text that is not UTF-8 or holds a NUL byte, input over
// a size limit. Every node and every diagnostic carries a 1-based line and a 1-based column
// counted in code points. Positions are found through a line index built once per text, so
// a parse is linear in the size of the text. No yaml-cpp type leaks out of this header.
//
// Each format keeps its own error codes and words (docs/error-codes.md): a Format names
// them; the checks, limits and locations are the same for all.

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "claimtrack/base/diagnostic.h"

namespace claimtrack::yaml {

struct Entry;

struct Node {
  enum class Kind { kNull, kScalar, kSequence, kMap };
  Kind kind = Kind::kNull;
  int line = 0;       // 1-based, in the file (see Format::first_line)
  int col = 0;        // 1-based, in code points
  size_t offset = 0;  // byte offset of the node in the parsed text
  std::string scalar;
  bool quoted = false;         // scalar written with quotes (so "123" is a string)
  std::vector<Node> items;     // sequence
  std::vector<Entry> entries;  // map (key, value), in file order

  bool IsNull() const { return kind == Kind::kNull; }
  bool IsMap() const { return kind == Kind::kMap; }
  bool IsSeq() const { return kind == Kind::kSequence; }
  bool IsScalar() const { return kind == Kind::kScalar; }
  // The value of the first entry whose key is the scalar `key`, or null.
  const Node* Get(std::string_view key) const;
  // "null", "a scalar", "a list", "a map": for messages.
  std::string_view KindName() const;
};

// A map entry. A struct of its own (not std::pair) so that Node is complete where the
// vector of entries needs it, with every compiler.
struct Entry {
  Node key;
  Node value;
};

// How one format of file reports its YAML problems, and its limits. A null code skips
// that check (duplicate keys, an empty document) for a caller that does it itself or
// accepts it.
struct Format {
  // Words for messages: "YAML aliases (*name) are not allowed in <in_what>".
  std::string in_what = "this file";
  int max_depth = 32;    // containers nested deeper are an error (code_depth)
  size_t max_bytes = 0;  // 0: no limit; else larger texts are an error (code_encoding)
  // The text's first line is this line of the file (front matter starts on line 2).
  int first_line = 1;

  const char* code_encoding = nullptr;   // not UTF-8, NUL byte, too large
  const char* code_empty = nullptr;      // no content but comments; null: allowed (null root)
  const char* code_documents = nullptr;  // a second document
  const char* code_syntax = nullptr;
  const char* code_anchor = nullptr;  // anchors and aliases
  const char* code_depth = nullptr;
  const char* code_duplicate = nullptr;  // null: duplicate keys are not checked here

  std::string empty_message = "file is empty (no YAML content)";
  std::string empty_hint;
  std::string documents_hint = "put one document per file";
  std::string anchor_hint = "write the value out; anchors and aliases can expand without bound";
  std::string depth_hint;
  std::string syntax_prefix = "YAML syntax error: ";
  std::string syntax_hint = "check indentation and quoting around this position";
  // For yaml-cpp's "unknown escape character" (a regex or path in double quotes).
  std::string escape_hint = "write values with backslashes in single quotes";
};

// Parses `text` as one YAML document of `format`. Problems go to `diags` located at `path`
// (path:line:col, the source line); returns null when the document cannot be used. A
// duplicate key is reported and the tree still returned, so that the caller can report
// every other problem of the file too. Without
// a code_empty, a text with no content gives a null node (not null).
std::unique_ptr<Node> Parse(std::string_view text, const std::string& path, const Format& format,
                            Diagnostics& diags);

// Line starts of a text, for locating byte offsets in O(log lines).
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);
  // 1-based line and code-point column of a byte offset (clamped to the text).
  LineCol Locate(size_t offset) const;
  // Byte offset where 1-based `line` starts (the text's end past the last line).
  size_t LineStart(int line) const;

 private:
  std::string_view text_;
  std::vector<size_t> starts_;
};

}  // namespace claimtrack::yaml
