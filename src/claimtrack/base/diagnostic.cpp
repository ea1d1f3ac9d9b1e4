#include "claimtrack/base/diagnostic.h"

#include <fmt/format.h>

#include <algorithm>

#include "claimtrack/base/utf8.h"

namespace claimtrack {

namespace {
// Bytes of the source line shown on each side of a diagnostic's column.
constexpr size_t kContextBytes = 60;

const char* SeverityName(Severity s) {
  switch (s) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kNote:
      return "note";
  }
  return "error";
}
}  // namespace

std::string FormatDiagnostic(const Diagnostic& d) {
  std::string out;
  if (!d.path.empty()) {
    out += d.path;
    if (d.line > 0) {
      out += fmt::format(":{}", d.line);
      if (d.col > 0) out += fmt::format(":{}", d.col);
    }
    out += ": ";
  }
  out += SeverityName(d.severity);
  if (!d.code.empty()) out += fmt::format("[{}]", d.code);
  out += ": ";
  out += d.message;
  out += '\n';
  if (!d.source_line.empty()) {
    // A window of the line around the column (a 1.5 KB one-line flow map with 40 errors
    // would otherwise print 60 KB), and the caret under the column as displayed: escapes
    // such as \x01 and multi-byte characters shift it.
    const std::string& line = d.source_line;
    auto continuation = [&](size_t i) {
      return i < line.size() && (static_cast<unsigned char>(line[i]) & 0xC0) == 0x80;
    };
    size_t pos = 0;  // the byte where code point d.col starts
    for (int cp = 1; cp < d.col && pos < line.size(); ++cp) {
      ++pos;
      while (continuation(pos)) ++pos;
    }
    size_t from = pos > kContextBytes ? pos - kContextBytes : 0;
    size_t to = std::min(line.size(), pos + kContextBytes);
    while (from > 0 && continuation(from)) --from;
    while (to < line.size() && continuation(to)) ++to;
    std::string before = (from > 0 ? "…" : "") + SanitizeForTerminal(line.substr(from, pos - from));
    out += "    " + before + SanitizeForTerminal(line.substr(pos, to - pos)) +
           (to < line.size() ? "…" : "") + "\n";
    if (d.col > 0) {
      size_t width = 0;
      for (char c : before) width += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
      out += "    " + std::string(width, ' ') + "^\n";
    }
  }
  if (!d.hint.empty()) out += "  hint: " + d.hint + "\n";
  return out;
}

void Diagnostics::Error(std::string path, int line, int col, std::string code, std::string message,
                        std::string hint, std::string source_line) {
  items_.push_back(Diagnostic{std::move(path), line, col, Severity::kError, std::move(code),
                              std::move(message), std::move(hint), std::move(source_line)});
}

void Diagnostics::Warning(std::string path, int line, int col, std::string code,
                          std::string message, std::string hint, std::string source_line) {
  items_.push_back(Diagnostic{std::move(path), line, col, Severity::kWarning, std::move(code),
                              std::move(message), std::move(hint), std::move(source_line)});
}

bool Diagnostics::HasErrors() const { return ErrorCount() > 0; }

size_t Diagnostics::ErrorCount() const {
  return static_cast<size_t>(std::count_if(items_.begin(), items_.end(), [](const Diagnostic& d) {
    return d.severity == Severity::kError;
  }));
}

size_t Diagnostics::WarningCount() const {
  return static_cast<size_t>(std::count_if(items_.begin(), items_.end(), [](const Diagnostic& d) {
    return d.severity == Severity::kWarning;
  }));
}

void Diagnostics::Append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

std::string Diagnostics::ToString() const {
  std::string out;
  for (const auto& d : items_) out += FormatDiagnostic(d);
  return out;
}

LineCol LineColOf(std::string_view text, size_t byte_offset) {
  LineCol lc;
  byte_offset = std::min(byte_offset, text.size());
  size_t line_start = 0;
  for (size_t i = 0; i < byte_offset; ++i) {
    if (text[i] == '\n') {
      ++lc.line;
      line_start = i + 1;
    }
  }
  lc.col = 1 + static_cast<int>(CountCodePoints(text.substr(line_start, byte_offset - line_start)));
  return lc;
}

std::string_view LineAt(std::string_view text, size_t byte_offset) {
  byte_offset = std::min(byte_offset, text.size());
  size_t start = text.rfind('\n', byte_offset == 0 ? 0 : byte_offset - 1);
  start =
      (start == std::string_view::npos || (byte_offset == 0 && text[0] != '\n')) ? 0 : start + 1;
  if (byte_offset == 0) start = 0;
  size_t end = text.find('\n', byte_offset);
  if (end == std::string_view::npos) end = text.size();
  std::string_view line = text.substr(start, end - start);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

size_t EditDistance(std::string_view a, std::string_view b, bool fold_ascii_case, size_t cap) {
  auto fold = [fold_ascii_case](char c) {
    return fold_ascii_case && c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
  };
  if (a.size() > b.size()) std::swap(a, b);  // one row as long as the shorter string
  if (b.size() - a.size() > cap) return cap + 1;
  std::vector<size_t> row(a.size() + 1);
  for (size_t i = 0; i <= a.size(); ++i) row[i] = i;
  for (size_t j = 1; j <= b.size(); ++j) {
    size_t diag = row[0];
    row[0] = j;
    size_t best = row[0];
    for (size_t i = 1; i <= a.size(); ++i) {
      size_t up = row[i];
      row[i] = std::min({row[i] + 1, row[i - 1] + 1, diag + (fold(a[i - 1]) != fold(b[j - 1]))});
      diag = up;
      best = std::min(best, row[i]);
    }
    if (best > cap) return cap + 1;
  }
  return row[a.size()];
}

std::string ClosestMatch(std::string_view word, const std::vector<std::string>& candidates) {
  std::string best;
  size_t best_d = std::string::npos;
  for (const auto& c : candidates) {
    size_t d = EditDistance(word, c);
    if (d < best_d) {
      best_d = d;
      best = c;
    }
  }
  size_t limit = std::max<size_t>(2, word.size() / 3);
  return best_d <= limit ? best : std::string();
}

}  // namespace claimtrack
