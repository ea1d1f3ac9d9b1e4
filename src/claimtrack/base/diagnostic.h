#pragma once
// Diagnostics: the one channel for problems in user content (rule files, articles,
// flags). They are values, collected and reported together, never exceptions.
// Format, everywhere: `path:line:col: error[CODE]: message` + source line + caret + hint.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace claimtrack {

enum class Severity { kError, kWarning, kNote };

struct Diagnostic {
  std::string path;
  int line = 0;  // 1-based; 0 = no position
  int col = 0;   // 1-based, in characters (code points) of the line; 0 = none
  Severity severity = Severity::kError;
  std::string code;         // e.g. "R020"; see docs/error-codes.md
  std::string message;      // what is wrong
  std::string hint;         // what to do (may be empty)
  std::string source_line;  // the offending line, shown with a caret (may be empty)
};

// Renders one diagnostic as text (several lines when a source line or hint is present).
std::string FormatDiagnostic(const Diagnostic& d);

// A list of diagnostics for one unit of work. Not thread-safe.
class Diagnostics {
 public:
  void Add(Diagnostic d) { items_.push_back(std::move(d)); }
  void Error(std::string path, int line, int col, std::string code, std::string message,
             std::string hint = {}, std::string source_line = {});
  void Warning(std::string path, int line, int col, std::string code, std::string message,
               std::string hint = {}, std::string source_line = {});
  bool HasErrors() const;
  size_t ErrorCount() const;
  size_t WarningCount() const;
  const std::vector<Diagnostic>& items() const { return items_; }
  bool empty() const { return items_.empty(); }
  void Append(const Diagnostics& other);
  // All diagnostics formatted, one after another.
  std::string ToString() const;

 private:
  std::vector<Diagnostic> items_;
};

// Line (1-based) and column (1-based, counted in UTF-8 code points) of a byte offset.
struct LineCol {
  int line = 1;
  int col = 1;
};
LineCol LineColOf(std::string_view text, size_t byte_offset);
// The full line containing byte_offset, without its newline.
std::string_view LineAt(std::string_view text, size_t byte_offset);

// Levenshtein distance of two byte strings; ASCII letters compare case-insensitively when
// `fold_ascii_case`. Past `cap` it stops counting and returns cap + 1.
size_t EditDistance(std::string_view a, std::string_view b, bool fold_ascii_case = false,
                    size_t cap = static_cast<size_t>(-1) - 1);

// "Did you mean" support: the candidate closest to `word` by edit distance, or "" when
// none is close enough to be a plausible typo.
std::string ClosestMatch(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace claimtrack
